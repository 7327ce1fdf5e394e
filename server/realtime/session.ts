import { patchSession, toLiveSession } from '../../lib/services/programme';
import { on, type BalaiServer, type BalaiSocket } from './handler';

export function registerSessionControl(io: BalaiServer, socket: BalaiSocket): void {
  on(io, socket, 'session:update', async (caller, { sessionId, patch }) =>
    toLiveSession(await patchSession(caller.userId, sessionId, patch)),
  );
}
