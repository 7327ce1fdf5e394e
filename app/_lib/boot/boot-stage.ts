import type { RoomClient } from '../media/room-client';
import { PREJOIN_SLOT_ID } from './prejoin-config';

/**
 * The call's first picture (issue 10.8), before React: the boot script shows the remote cameras in a
 * full-window dark stage made with the DOM alone, so a returning person sees the call while Next.js
 * still loads. The page's own stage takes over once it paints its first frame (`removeBootStage`); the
 * controls come with it. Styled through the CSSOM: the page's CSP refuses inline style attributes, and the
 * page's stylesheet may not carry the call's rules yet.
 */
const ID = 'balai-boot-stage';
/** As many as a first glance needs; the real stage pages the rest. */
const MAX_TILES = 4;

export function removeBootStage(): void {
  document.getElementById(ID)?.remove();
}

/** The call is on screen (or refused): the boot's device check that was joined from, left inert in its place saying "Joining…", goes. */
export function clearJoinedCheck(): void {
  const slot = document.getElementById(PREJOIN_SLOT_ID);
  if (slot?.querySelector('[data-joining]')) slot.replaceChildren();
}

/** However the page's stage fares, the boot's never outstays this after its first frame. */
const AT_MOST_AFTER_FIRST_FRAME_MS = 10_000;

/**
 * Shows a full-window stage at once ("Joining…") and the client's remote videos in it as they arrive;
 * `onFirstFrame` once one is painted. From then on the page's stage removes it (`removeBootStage`). Returns
 * the function that stops following the client.
 */
export function showBootStage(client: RoomClient, label: () => string, onFirstFrame: () => void): () => void {
  const shown = new Map<string, HTMLVideoElement>();
  let painted = false;
  const stage = document.createElement('div');
  stage.id = ID;
  stage.setAttribute('role', 'status');
  Object.assign(stage.style, {
    position: 'fixed', inset: '0', zIndex: '50', background: '#0f1115', color: '#e8eaed', display: 'grid', gap: '8px', padding: '8px 8px 80px',
    gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 320px), 1fr))', alignContent: 'center', justifyItems: 'center',
  } satisfies Partial<CSSStyleDeclaration>);
  const joining = document.createElement('p');
  stage.append(joining);
  document.body.append(stage);

  const render = () => {
    const { status, streams } = client.state;
    if (status.kind === 'left' || status.kind === 'removed' || status.kind === 'error') {
      stage.remove();
      return;
    }
    // The page's texts come with its body, which may still be arriving when the join starts.
    if (!joining.textContent) joining.textContent = label();
    stage.setAttribute('aria-label', joining.textContent);
    // A screen share first, as the real stage puts it large.
    const videos = streams
      .filter((s) => s.kind === 'video' && s.track)
      .sort((a, b) => Number(b.source === 'screen') - Number(a.source === 'screen'))
      .slice(0, MAX_TILES);
    for (const s of videos) {
      if (shown.has(s.producerId)) continue;
      joining.remove();
      const video = document.createElement('video');
      video.muted = true;
      video.autoplay = true;
      video.playsInline = true;
      video.dataset.testid = 'boot-video';
      Object.assign(video.style, { width: '100%', maxHeight: '100%', aspectRatio: '16 / 9', objectFit: 'contain', background: '#1b1e24', borderRadius: '12px' });
      video.srcObject = new MediaStream([s.track!]);
      video.requestVideoFrameCallback?.(() => {
        if (painted) return;
        painted = true;
        setTimeout(() => stage.remove(), AT_MOST_AFTER_FIRST_FRAME_MS);
        onFirstFrame();
      });
      void video.play().catch(() => undefined);
      shown.set(s.producerId, video);
      stage.append(video);
    }
  };
  render();
  return client.subscribe(render);
}
