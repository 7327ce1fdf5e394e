/**
 * Next.js's scripts on a session page, held back (issue 10.8). The server renames their `src` to
 * `data-balai-src` (server/http/call-boot-html.ts), so the browser fetches none of them while the
 * call's boot script joins; this puts them back. Their `<link rel="preload">`s still fetch them early,
 * so releasing costs no round trip.
 */
const ATTRIBUTE = 'data-balai-src';

let watching = false;

/** On <html> while a returning person's call boots: the page itself is not shown (globals.css), only the boot's stage; releasing ends it. */
export const BOOTING_CLASS = 'balai-call-boot';

/** Gives every held script back its `src`; from then on, scripts parsed later (the rest of a streamed page) go as they come. */
export function releaseDeferredScripts(): void {
  document.documentElement.classList.remove(BOOTING_CLASS);
  releasePresent();
  if (watching || document.readyState !== 'loading') return;
  watching = true;
  const observer = new MutationObserver(releasePresent);
  observer.observe(document.documentElement, { childList: true, subtree: true });
  document.addEventListener('DOMContentLoaded', () => {
    observer.disconnect();
    releasePresent();
  }, { once: true });
}

function releasePresent(): void {
  for (const held of document.querySelectorAll<HTMLScriptElement>(`script[${ATTRIBUTE}]`)) {
    // A script whose src is set after parsing does not run: a new element takes its place, with every
    // attribute (Next.js's id, async) and the nonce, which the browser hides from the attribute.
    const script = document.createElement('script');
    for (const { name, value } of held.attributes) if (name !== ATTRIBUTE && name !== 'nonce') script.setAttribute(name, value);
    script.nonce = held.nonce ?? '';
    script.src = held.getAttribute(ATTRIBUTE)!;
    held.replaceWith(script);
  }
}

/** The gate puts the function here, so the boot script (another bundle) can call it without carrying it. */
export const RELEASE_GLOBAL = '__balaiReleasePage';
