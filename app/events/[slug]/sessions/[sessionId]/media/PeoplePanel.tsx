'use client';
import { useTranslations } from 'next-intl';
import type { RoomClient, RoomState } from '@/app/_lib/media/room-client';
import type { Ack } from '@/lib/contracts/define';
import { useSessionLanguages } from '@/app/_components/interpretation/use-session-languages';
import { useLanguageName } from '@/app/_components/interpretation/use-interpretation';

interface Props {
  client: RoomClient;
  state: RoomState;
  onError(message: string): void;
}

/** People in the live room; moderators get their controls here (the server re-checks each one). */
export function PeoplePanel({ client, state, onError }: Props) {
  const t = useTranslations('media');
  const tl = useTranslations('language');
  const languageName = useLanguageName();
  // Interpreters have no tile on the stage (their voice is only in their channel): here they are, with their languages.
  const setup = useSessionLanguages(client.sessionId);
  const interpreting = (userId: string) => [...new Set(setup?.interpreters.filter((i) => i.userId === userId).map((i) => languageName(i.language)))];
  const moderate = state.grants.moderate;
  const run = async (action: Promise<Ack<unknown>>) => {
    const res = await action;
    if (!res.ok) onError(res.error.message);
  };
  const people = [...state.peers].sort((a, b) => Number(b.handRaised) - Number(a.handRaised) || a.name.localeCompare(b.name));
  const sending = (peerId: string, source: string) => state.streams.some((s) => s.peerId === peerId && s.source === source && !s.paused);
  return (
    <section className="media-people stack" aria-labelledby="media-people-heading">
      <h3 id="media-people-heading" style={{ margin: 0 }}>
        {t('peopleInRoom', { count: state.peers.length + 1 })}
      </h3>
      {moderate && (
        <div className="row">
          <label className="row">
            <input type="checkbox" checked={state.settings.locked} onChange={(e) => void run(client.updateSettings({ locked: e.target.checked }))} /> {t('lockRoom')}
          </label>
          <label className="row">
            <input
              type="checkbox"
              checked={state.settings.screenShareOpen}
              onChange={(e) => void run(client.updateSettings({ screenShareOpen: e.target.checked }))}
            />{' '}
            {t('screenShareForEveryone')}
          </label>
        </div>
      )}
      {state.settings.locked && !moderate && <p className="muted">{t('roomLocked')}</p>}
      <ul className="media-people-list">
        {people.map((p) => (
          <li key={p.peerId} data-testid="media-person" data-name={p.name}>
            <span style={{ fontWeight: 600 }}>{p.name}</span>
            {interpreting(p.userId).length > 0 && (
              <span className="badge" data-testid="interpreter-badge">
                {tl('interpreterFor', { languages: interpreting(p.userId).join(', ') })}
              </span>
            )}
            {p.handRaised && <span className="badge">✋ {t('handRaised')}</span>}
            {p.onStage && <span className="badge">{p.hall ? t('hallBadge') : t('stageBadge')}</span>}
            {moderate && (
              <span className="row media-person-actions">
                {sending(p.peerId, 'microphone') && (
                  <button type="button" className="secondary" onClick={() => void run(client.mutePeer(p.peerId))} aria-label={t('muteName', { name: p.name })}>
                    {t('mute')}
                  </button>
                )}
                {sending(p.peerId, 'screen') && (
                  <button type="button" className="secondary" onClick={() => void run(client.stopPeerScreen(p.peerId))} aria-label={t('stopScreenName', { name: p.name })}>
                    {t('stopScreen')}
                  </button>
                )}
                {!p.hall && p.role === 'participant' && (
                  <button type="button" className="secondary" onClick={() => void run(client.setStage(p.userId, !p.onStage))}>
                    {p.onStage ? t('removeFromStage') : t('inviteToStage')}
                  </button>
                )}
                <button type="button" className="danger" onClick={() => void run(client.removePeer(p.peerId))} aria-label={t('removeName', { name: p.name })}>
                  {t('remove')}
                </button>
              </span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
