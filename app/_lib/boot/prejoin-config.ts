import type { DeviceProblem } from '../media/devices';

/**
 * What the boot script needs to show the device check before Next.js runs (issue 10.8, a first join):
 * rendered by the session page's server component (LiveSection) as a JSON data block, only where the page's
 * own stage would start with that check (a member who is not a hall phone, not removed, past the lobby).
 * Its texts are the page's own, in the page's language.
 */
export interface PrejoinConfig {
  sessionId: string;
  mayPublish: boolean;
  /** A live room's router capabilities when the server knows them (lib/services/router-capabilities.ts). */
  routerRtpCapabilities?: unknown;
  text: {
    title: string;
    /** The check's explanation, or the watch-only one when the person may not publish. */
    explain: string;
    cameraPreview: string;
    cameraOffPreview: string;
    joinWithCamera: string;
    cameraDevice: string;
    joinWithMicrophone: string;
    microphoneDevice: string;
    defaultDevice: string;
    /** "Device {n}" */
    deviceN: string;
    micLevel: string;
    listenOnly: string;
    listenOnlyHint: string;
    skipCheckNextTime: string;
    join: string;
    preparingDevices: string;
    joining: string;
    problems: Record<`${'camera' | 'microphone'}:${DeviceProblem}`, string>;
  };
}

/** The data block's id, and the element the boot script draws the check into (React leaves its content alone). */
export const PREJOIN_CONFIG_ID = 'balai-prejoin-config';
export const PREJOIN_SLOT_ID = 'balai-boot-prejoin';

/** As JSON inside a <script> element: no "<" may end it early. */
export function prejoinConfigJson(config: PrejoinConfig): string {
  return JSON.stringify(config).replace(/</g, '\\u003c');
}

export function readPrejoinConfig(): PrejoinConfig | null {
  const element = document.getElementById(PREJOIN_CONFIG_ID);
  if (!element?.textContent) return null;
  try {
    return JSON.parse(element.textContent) as PrejoinConfig;
  } catch {
    return null;
  }
}

/**
 * Runs once the check's data has been parsed (the slot after it exists) or the whole page has: as early as the
 * parser gets there, without waiting for DOMContentLoaded, which waits for the stylesheets as well.
 */
export function whenPrejoinParsed(run: () => void): void {
  if (document.readyState !== 'loading' || document.getElementById(PREJOIN_SLOT_ID)) return run();
  let done = false;
  const once = () => {
    if (done || (document.readyState === 'loading' && !document.getElementById(PREJOIN_SLOT_ID))) return;
    done = true;
    observer.disconnect();
    run();
  };
  const observer = new MutationObserver(once);
  observer.observe(document.documentElement, { childList: true, subtree: true });
  document.addEventListener('DOMContentLoaded', once, { once: true });
}
