import Link from 'next/link';

export default function NotFound() {
  return (
    <div className="card" style={{ maxWidth: 560 }}>
      <h1>Not found</h1>
      <p>This page does not exist, or you are not a member of the event it belongs to.</p>
      <Link href="/">Go to my events</Link>
    </div>
  );
}
