import type { RunningServer } from './app-server';

/**
 * Stops the process on a signal: drains for up to `drainMs` (clients are asked
 * to move to another node and the node exits as soon as none is left), then
 * closes everything and exits. A second signal exits at once.
 */
export async function stopOnSignal(server: RunningServer, signal: string, drainMs: number): Promise<void> {
  process.once(signal, () => process.exit(1));
  try {
    if (drainMs > 0) {
      console.log(`\n${signal} received: draining (up to ${Math.round(drainMs / 1000)} s)…`);
      await server.drain(drainMs);
    }
    console.log(`${signal}: shutting down…`);
    await server.close();
    process.exit(0);
  } catch (err) {
    console.error('[shutdown] failed', err);
    process.exit(1);
  }
}
