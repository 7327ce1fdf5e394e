'use client';
import { HandToggle } from './HandToggle';
import { ReactionBar } from './ReactionBar';
import { useHands } from './use-hands';

/** The hall phone's row: reactions and a hand, nothing of the call. */
export function PhoneEngagement({ sessionId }: { sessionId: string }) {
  const hands = useHands(sessionId);
  return (
    <div className="stack">
      <ReactionBar sessionId={sessionId} />
      <HandToggle hands={hands} />
    </div>
  );
}
