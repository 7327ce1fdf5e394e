import { updateRoomSettings } from '../../lib/db/queries/media';
import { applySessionPatch, toLiveSession } from '../../lib/services/programme';
import { forbidden } from '../../lib/errors';
import { handle, type BalaiServer, type BalaiSocket } from './handler';
import { refreshSessionEverywhere } from './media';
import { tellSettingsEverywhere } from './media-moderation';

// Refused as lib/services/authorize refuses: a non-member is `forbidden` like a participant.
const editSession = { scope: 'session', action: 'session:edit', nonMember: () => forbidden() } as const;

handle('session:update', editSession, async (caller, { sessionId, patch }) => {
  const { io } = caller;
  const updated = toLiveSession(await applySessionPatch(sessionId, patch));
  // Webinar ↔ meeting changes who may publish in the live room right now.
  if (patch.liveMode) await refreshSessionEverywhere(io, sessionId);
  return updated;
});

handle('session:set-breakout-mic', { scope: 'session', action: 'session:edit' }, async (caller, { sessionId, on: micOn }) => {
  const { io } = caller;
  const settings = await updateRoomSettings(sessionId, { breakoutMicOn: micOn });
  // The session's breakout rooms may be hosted by other nodes only; nobody's rights change.
  tellSettingsEverywhere(io, sessionId, settings);
  return { breakoutMicOn: settings.breakoutMicOn };
});
