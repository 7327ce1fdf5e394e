'use client';

export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  return (
    <div className="card" role="alert" style={{ maxWidth: 560 }}>
      <h1>Something went wrong</h1>
      <p>The page could not be loaded. This is our fault, not yours.</p>
      <button type="button" onClick={reset}>
        Try again
      </button>
    </div>
  );
}
