import { updateRoomSettings } from '../../lib/db/queries/media';
import { patchSession, toLiveSession } from '../../lib/services/programme';
import { requireSessionAction } from '../../lib/services/session-access';
import { handle, type BalaiServer, type BalaiSocket } from './handler';
import { refreshSessionEverywhere } from './media';
import { tellSettingsEverywhere } from './media-moderation';

handle('session:update', async (caller, { sessionId, patch }) => {
  const { io } = caller;
  const updated = toLiveSession(await patchSession(caller.userId, sessionId, patch));
  // Webinar ↔ meeting changes who may publish in the live room right now.
  if (patch.liveMode) await refreshSessionEverywhere(io, sessionId);
  return updated;
});

handle('session:set-breakout-mic', async (caller, { sessionId, on: micOn }) => {
  const { io } = caller;
  await requireSessionAction(sessionId, caller.userId, 'session:edit');
  const settings = await updateRoomSettings(sessionId, { breakoutMicOn: micOn });
  // The session's breakout rooms may be hosted by other nodes only; nobody's rights change.
  tellSettingsEverywhere(io, sessionId, settings);
  return { breakoutMicOn: settings.breakoutMicOn };
});
