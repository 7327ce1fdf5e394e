import { realtime } from '../realtime-client';

/**
 * The first of the call's two boot scripts (issue 10.8): only Socket.IO's client, so the connection's
 * handshake runs while the larger boot script (call-boot.ts: mediasoup-client and the room client) is
 * still being fetched and evaluated. The connection is kept per tab (tab-state.ts); the boot script and
 * the page's own code find it there.
 */
realtime();
