/**
 * State that must be one per browser tab even when two bundles carry the module that owns it: the call's
 * boot script (app/_lib/media/call-boot.ts, built apart from Next.js so that a returning join runs before
 * the framework) and the page's own chunks both include the realtime client and the early join. Kept on
 * `globalThis` under a registered symbol, so whichever copy runs first creates it and the other finds it.
 */
export function tabState<T extends object>(name: string, create: () => T): T {
  const key = Symbol.for(`balai:${name}`);
  const holder = globalThis as unknown as Record<symbol, T | undefined>;
  return (holder[key] ??= create());
}
