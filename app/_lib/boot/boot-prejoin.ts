import { DeviceError, openCamera, openMicrophone, type DeviceProblem } from '../media/devices';
import { joinPreference, rememberedDevices, rememberJoin } from '../media/join-preference';
import { followMicLevel } from '../media/mic-level';
import { takeEarlyDevice } from './early-devices';
import { PREJOIN_SLOT_ID, type PrejoinConfig } from './prejoin-config';

/**
 * The device check of a first join (issue 10.8), drawn by the boot script before Next.js runs: the same
 * markup, classes, names and behaviour as the page's PreJoin (app/events/…/media/PreJoin.tsx), so a person
 * cannot tell them apart, in an element React leaves alone (LiveSection's slot). It stays until the person
 * joins, even after the page has hydrated around it; the page's stage then adopts the join (early-join.ts).
 */
export interface PrejoinChoice {
  camera: MediaStreamTrack | null;
  microphone: MediaStreamTrack | null;
  listenOnly: boolean;
}

type Kind = 'camera' | 'microphone';

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> & { className?: string } = {}, ...children: Array<Node | string>): HTMLElementTagNameMap[K] {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

/** A checkbox inside its label, as the page's forms make them. */
function checkbox(text: string, checked: boolean, onChange: (checked: boolean) => void): { label: HTMLLabelElement; input: HTMLInputElement } {
  const input = el('input', { type: 'checkbox', checked });
  input.addEventListener('change', () => onChange(input.checked));
  return { label: el('label', { className: 'row' }, input, ` ${text}`), input };
}

/**
 * Draws the check into the slot and calls `onJoin` with the opened tracks when the person joins, `onGone` if
 * the page takes the slot away first (the lobby closing on them): the devices are turned off then. False when
 * there is no slot.
 */
export function showBootPrejoin(config: PrejoinConfig, onJoin: (choice: PrejoinChoice) => void, onGone: () => void): boolean {
  const slot = document.getElementById(PREJOIN_SLOT_ID);
  if (!slot) return false;
  const { sessionId, mayPublish, text } = config;
  const devices = rememberedDevices();
  const choice = joinPreference(sessionId);
  const state = {
    cameraOn: mayPublish && (choice?.camera ?? true),
    micOn: mayPublish && (choice?.microphone ?? true),
    listenOnly: choice?.listenOnly ?? false,
    skip: choice?.skipCheck ?? true,
    cameraId: devices.cameraId,
    micId: devices.microphoneId,
  };
  const tracks: Record<Kind, MediaStreamTrack | null> = { camera: null, microphone: null };
  const problems = new Map<Kind, DeviceProblem>();
  const opening: Record<Kind, number> = { camera: 0, microphone: 0 };
  let joined = false;
  let stopMeter = () => {};

  const wanted = (kind: Kind) => (kind === 'camera' ? mayPublish && state.cameraOn && !state.listenOnly : mayPublish && state.micOn);
  const preparing = () => (['camera', 'microphone'] as const).some((k) => wanted(k) && !tracks[k] && !problems.has(k));

  // The markup of PreJoin.tsx.
  const preview = el('div', { className: 'media-preview' });
  preview.setAttribute('role', 'group');
  preview.setAttribute('aria-label', text.cameraPreview);
  const video = el('video', { autoplay: true, playsInline: true, muted: true });
  video.dataset.testid = 'camera-preview';
  const cameraOff = el('span', { className: 'muted' }, text.cameraOffPreview);
  const camera = checkbox(text.joinWithCamera, state.cameraOn, (on) => {
    state.cameraOn = on;
    update();
  });
  const mic = checkbox(text.joinWithMicrophone, state.micOn, (on) => {
    state.micOn = on;
    update();
  });
  const select = (label: string, kind: Kind) => {
    const input = el('select');
    input.addEventListener('change', () => {
      if (kind === 'camera') state.cameraId = input.value;
      else state.micId = input.value;
      reopen(kind);
    });
    const wrap = el('label', { className: 'stack', hidden: true }, label, input);
    wrap.style.gap = '4px';
    return { wrap, input };
  };
  const cameraSelect = select(text.cameraDevice, 'camera');
  const micSelect = select(text.microphoneDevice, 'microphone');
  const meterBar = el('span');
  const meter = el('div', { className: 'media-meter' }, meterBar);
  meter.setAttribute('role', 'meter');
  meter.setAttribute('aria-labelledby', 'mic-level-label');
  meter.setAttribute('aria-valuemin', '0');
  meter.setAttribute('aria-valuemax', '100');
  meter.setAttribute('aria-valuenow', '0');
  const meterWrap = el('div', { className: 'stack', hidden: true }, el('span', { id: 'mic-level-label' }, text.micLevel), meter);
  meterWrap.style.gap = '4px';
  const controls = el('div', { className: 'stack' }, camera.label, cameraSelect.wrap, mic.label, micSelect.wrap, meterWrap);
  const listen = checkbox(text.listenOnly, state.listenOnly, (on) => {
    state.listenOnly = on;
    update();
  });
  listen.label.append(' ', el('span', { className: 'muted' }, text.listenOnlyHint));
  const skip = checkbox(text.skipCheckNextTime, state.skip, (on) => (state.skip = on));
  skip.label.replaceChildren(skip.input, ' ', el('span', {}, text.skipCheckNextTime));
  Object.assign(skip.label.style, { flexWrap: 'nowrap', alignItems: 'flex-start' });
  const alerts = el('div', { className: 'stack' });
  alerts.style.display = 'contents';
  const button = el('button', { type: 'button' }, text.join);
  const status = el('span', { className: 'muted' }, text.preparingDevices);
  status.setAttribute('role', 'status');
  const title = el('h3', {}, text.title);
  title.style.margin = '0';
  const explain = el('p', { className: 'muted' }, text.explain);
  explain.style.margin = '0';
  const root = el('div', { className: 'media-prejoin stack' }, title, explain);
  if (mayPublish) root.append(el('div', { className: 'media-prejoin-grid' }, preview, controls));
  root.append(listen.label, skip.label, alerts, el('div', { className: 'row' }, button, status));
  slot.replaceChildren(root);

  function update(): void {
    for (const kind of ['camera', 'microphone'] as const) {
      if (wanted(kind) && !tracks[kind] && !opening[kind]) void open(kind);
      if (!wanted(kind) && (tracks[kind] || opening[kind])) close(kind);
    }
    camera.input.disabled = state.listenOnly;
    preview.replaceChildren(tracks.camera ? video : cameraOff);
    alerts.replaceChildren(
      ...[...problems].map(([kind, problem]) => {
        const alert = el('p', { className: 'alert error' }, text.problems[`${kind}:${problem}`]);
        alert.setAttribute('role', 'alert');
        return alert;
      }),
    );
    const busy = preparing();
    button.disabled = joined || busy;
    status.hidden = !busy;
  }

  function close(kind: Kind): void {
    opening[kind] = 0;
    tracks[kind]?.stop();
    tracks[kind] = null;
    if (kind === 'microphone') {
      stopMeter();
      meterWrap.hidden = true;
    }
  }

  function reopen(kind: Kind): void {
    close(kind);
    update();
  }

  async function open(kind: Kind): Promise<void> {
    const attempt = (opening[kind] = Math.random());
    const id = kind === 'camera' ? state.cameraId : state.micId;
    const opener = kind === 'camera' ? openCamera : openMicrophone;
    let track: MediaStreamTrack | null = null;
    try {
      try {
        track = await (takeEarlyDevice(kind, id) ?? opener(id || undefined));
      } catch (err) {
        // A remembered device that is gone falls back to the default one.
        if (!id || !(err instanceof DeviceError) || err.problem !== 'missing') throw err;
        track = await opener();
      }
    } catch (err) {
      if (opening[kind] !== attempt) return;
      opening[kind] = 0;
      problems.set(kind, err instanceof DeviceError ? err.problem : 'other');
      update();
      return;
    }
    if (opening[kind] !== attempt || joined) {
      track.stop();
      return;
    }
    // The device lists come in the same update as the enabled button, so the button does not move under a click.
    await listDevices().catch(() => undefined);
    if (opening[kind] !== attempt || joined) {
      track.stop();
      return;
    }
    opening[kind] = 0;
    tracks[kind] = track;
    problems.delete(kind);
    if (kind === 'camera') video.srcObject = new MediaStream([track]);
    else stopMeter = meterFor(track, meter, meterBar, meterWrap);
    update();
  }

  // Device names are readable once a permission was granted: listed after a track opened.
  async function listDevices(): Promise<void> {
    const all = await navigator.mediaDevices.enumerateDevices();
    const fill = ({ wrap, input }: { wrap: HTMLElement; input: HTMLSelectElement }, kind: MediaDeviceKind, current: string) => {
      const found = all.filter((d) => d.kind === kind);
      input.replaceChildren(el('option', { value: '' }, text.defaultDevice), ...found.map((d, i) => el('option', { value: d.deviceId }, d.label || text.deviceN.replace('{n}', String(i + 1)))));
      input.value = current;
      wrap.hidden = found.length === 0;
    };
    fill(cameraSelect, 'videoinput', state.cameraId);
    fill(micSelect, 'audioinput', state.micId);
  }

  button.addEventListener('click', () => {
    if (joined || preparing()) return;
    joined = true;
    button.disabled = true;
    gone.disconnect();
    // The join's request goes out first; remembering the choice and tidying the check come after it.
    onJoin({ camera: wanted('camera') ? tracks.camera : null, microphone: wanted('microphone') ? tracks.microphone : null, listenOnly: state.listenOnly });
    stopMeter();
    rememberJoin(
      sessionId,
      { camera: state.cameraOn, microphone: state.micOn, listenOnly: state.listenOnly, skipCheck: state.skip },
      { cameraId: tracks.camera?.getSettings().deviceId ?? (state.cameraId || undefined), microphoneId: tracks.microphone?.getSettings().deviceId ?? (state.micId || undefined) },
    );
    // Until the call shows (the boot's stage, or the page's), the check stays as it is, inert, and says what is
    // happening: nothing on the page moves while the join's answers come in (call-boot.ts clears it afterwards).
    root.dataset.joining = '';
    for (const control of root.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLButtonElement>('input, select, button')) control.disabled = true;
    status.textContent = text.joining;
    status.hidden = false;
  });

  const gone = new MutationObserver(() => {
    if (slot.isConnected && !joined) return;
    gone.disconnect();
    if (joined) return;
    joined = true;
    close('camera');
    close('microphone');
    onGone();
  });
  gone.observe(document.body, { childList: true, subtree: true });

  update();
  return true;
}

/** The microphone's level, shown as MicLevel.tsx shows it. */
function meterFor(track: MediaStreamTrack, meter: HTMLElement, bar: HTMLElement, wrap: HTMLElement): () => void {
  wrap.hidden = false;
  return followMicLevel(track, (level) => {
    bar.style.width = `${level}%`;
    meter.setAttribute('aria-valuenow', String(level));
  });
}
