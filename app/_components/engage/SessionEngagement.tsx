'use client';
import { useTranslations } from 'next-intl';
import { HandToggle } from './HandToggle';
import { HandsQueue } from './HandsQueue';
import { LobbyAdmissions } from './LobbyAdmissions';
import { ReactionBar } from './ReactionBar';
import styles from './engage.module.css';
import { useHands } from './use-hands';
import { useCallLayout, useCallShortcut } from '../../events/[slug]/sessions/[sessionId]/media/call-layout';
import { CallBarPopover } from '../../events/[slug]/sessions/[sessionId]/media/CallBarPopover';

/**
 * The session page's engagement corner, in the People panel: reactions and one's own hand
 * before joining the call (in the call they sit in the control bar, CallEngagementBar), and for
 * staff the raised-hands queue and the lobby. The floating reactions are the page's own overlay.
 */
export function SessionEngagement({ sessionId }: { sessionId: string }) {
  const t = useTranslations('engage');
  const hands = useHands(sessionId);
  const inCall = useCallLayout()?.inCall ?? false;
  return (
    <section className={styles.panel} aria-labelledby="engage-title">
      <h3 id="engage-title">{t('title')}</h3>
      {!inCall && <ReactionBar sessionId={sessionId} />}
      {/* Outside the call H works on the page; in the call the bar registers it as a call shortcut. */}
      {!inCall && <HandToggle hands={hands} shortcut />}
      <HandsQueue hands={hands} />
      <LobbyAdmissions sessionId={sessionId} />
    </section>
  );
}

/**
 * Reactions in the call's control bar, as in Meet, and H for the hand: the bar's own hand
 * button (the stage's, through the same hand queue) shows it; H is registered as a call
 * shortcut, so the shortcuts dialog lists it and it never fires while typing.
 */
export function CallEngagementBar({ sessionId }: { sessionId: string }) {
  const t = useTranslations('engage');
  const hands = useHands(sessionId);
  useCallShortcut('h', hands.mine ? t('lowerHand') : t('raiseHand'), () => void hands.toggle());
  // Behind one button, as in Meet: the six emojis in the bar itself pushed the call's own buttons onto a second row.
  return (
    <CallBarPopover icon="react" label={t('sendReaction')}>
      <div className={styles.callBar}>
        <ReactionBar sessionId={sessionId} />
      </div>
    </CallBarPopover>
  );
}
