'use client';
import { useTranslations } from 'next-intl';
import styles from './engage.module.css';
import { useLobby } from './use-lobby';

/** The lobby's on/off box; follows the server's answer, not the click. */
export function LobbySwitchView({ enabled, onChange }: { enabled: boolean; onChange(enabled: boolean): void }) {
  const t = useTranslations('engage');
  return (
    <label className={styles.switch}>
      <input type="checkbox" checked={enabled} onChange={(e) => onChange(e.target.checked)} /> <span>{t('lobbyOn')}</span>
    </label>
  );
}

/** The lobby switch alone, for the session's settings page. */
export function LobbySwitch({ sessionId }: { sessionId: string }) {
  const t = useTranslations('engage');
  const { view, error, setEnabled } = useLobby(sessionId);
  if (view.kind !== 'ready' || !view.state.can.manage) return null;
  return (
    <section className={styles.panel} aria-labelledby="lobby-setting-title" data-testid="lobby-setting">
      <h2 id="lobby-setting-title" style={{ margin: 0, fontSize: '1.1rem' }}>
        {t('lobbyTitle')}
      </h2>
      <LobbySwitchView enabled={view.state.enabled} onChange={(on) => void setEnabled(on)} />
      <p className="muted" style={{ margin: 0 }}>
        {t('lobbySettingHint')}
      </p>
      {error && (
        <p className="alert error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
