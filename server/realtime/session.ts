import { patchSession, toLiveSession } from '../../lib/services/programme';
import { on, type BalaiServer, type BalaiSocket } from './handler';
import { refreshSessionLiveRooms } from './media';

export function registerSessionControl(io: BalaiServer, socket: BalaiSocket): void {
  on(io, socket, 'session:update', async (caller, { sessionId, patch }) => {
    const updated = toLiveSession(await patchSession(caller.userId, sessionId, patch));
    // Webinar ↔ meeting changes who may publish in the live room right now.
    if (patch.liveMode) await refreshSessionLiveRooms(io, sessionId);
    return updated;
  });
}
