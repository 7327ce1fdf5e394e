'use client';
import { useTranslations } from 'next-intl';
import type { RoomClient, RoomState } from '@/app/_lib/media/room-client';

/**
 * The one way a phone in the hall turns its microphone on: a single tap on a
 * button that sits under the echo warning. Shown while the microphone is off
 * and the room lets this person speak.
 */
export function HallMicButton({ client, state }: { client: RoomClient; state: RoomState }) {
  const t = useTranslations('media.hallPhone');
  if (!state.grants.microphone || state.status.kind !== 'joined' || (state.microphone.live && !state.microphone.muted)) return null;
  return (
    <div className="alert warn stack" style={{ gap: '0.4rem' }} data-testid="hall-mic">
      <p style={{ margin: 0 }} id="hall-echo-warning">
        {t('echoWarning')}
      </p>
      <p style={{ margin: 0 }}>
        <button type="button" aria-describedby="hall-echo-warning" onClick={() => void client.setMicrophoneMuted(false)}>
          {t('speak')}
        </button>
      </p>
    </div>
  );
}
