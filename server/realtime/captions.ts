import { rooms } from '../../lib/realtime/rooms';
import type { CaptionLine } from '../../lib/contracts/captions';
import { findCaptionLine, storeCaptionLine } from '../../lib/db/queries/captions';
import { isCaptioner, saveSessionLanguages, sessionLanguagesOf, setCaptioner } from '../../lib/db/queries/interpretation';
import { findMembership } from '../../lib/db/queries/programme';
import { forbidden, DomainError } from '../../lib/errors';
import { recentCaptions, toCaptionLine } from '../../lib/services/captions';
import { requirePastLobby } from '../../lib/services/session-access';
import { captionsEnabled } from '../captions/auto-captions';
import { publishCaptionLine } from '../captions/caption-feed';
import { ENTRY } from './pipeline';
import { handle, type BalaiServer, type BalaiSocket } from './handler';


/** Sends a line to the session's viewers, and to its projectors when captions are shown there. */
export async function broadcastCaption(io: BalaiServer, line: CaptionLine): Promise<void> {
  const setup = await sessionLanguagesOf(line.sessionId);
  const targets = [rooms.captions.viewers(line.sessionId), ...(setup?.captionsOnDisplay ? [rooms.captions.display(line.sessionId)] : [])];
  io.to(targets).emit('captions:line', line);
  publishCaptionLine(line);
}

/** A projector link joined: it learns whether captions are shown and gets the last lines. */
export async function joinCaptionDisplay(socket: BalaiSocket, sessionId: string): Promise<void> {
  await socket.join(rooms.captions.display(sessionId));
  const setup = await sessionLanguagesOf(sessionId);
  const onDisplay = setup?.captionsOnDisplay ?? false;
  socket.emit('captions:display-changed', { sessionId, onDisplay, lines: onDisplay ? await recentCaptions(sessionId) : [] });
}

handle('captions:join', ENTRY, async (caller, { sessionId }) => {
  const { socket } = caller;
  await requirePastLobby(sessionId, caller.userId, caller.actor.role);
  await socket.join(rooms.captions.viewers(sessionId));
  const [lines, setup, captioner] = await Promise.all([recentCaptions(sessionId), sessionLanguagesOf(sessionId), isCaptioner(sessionId, caller.userId)]);
  return { sessionId, lines, onDisplay: setup?.captionsOnDisplay ?? false, captioner, automatic: captionsEnabled() };
});

handle('captions:send', ENTRY, async (caller, { sessionId, lineId, text, language, final, speakerName }) => {
  const { io } = caller;
  await requirePastLobby(sessionId, caller.userId, caller.actor.role);
  // Re-read on every line: a captioner can be unassigned mid-session.
  if (!(await isCaptioner(sessionId, caller.userId))) throw forbidden('language.notCaptioner');
  const existing = await findCaptionLine(lineId);
  if (existing && existing.sessionId !== sessionId) throw new DomainError('conflict', 'general.invalidPayload');
  // A final line already stored is answered as stored: a retry changes nothing and is not broadcast again.
  if (existing) return toCaptionLine(existing);
  const speaker = speakerName || caller.name;
  if (!final) {
    const interim: CaptionLine = { id: lineId, sessionId, speakerName: speaker, language, text, source: 'human', final: false, at: new Date().toISOString() };
    await broadcastCaption(io, interim);
    return interim;
  }
  const row = await storeCaptionLine({ id: lineId, sessionId, userId: caller.userId, speakerName: speaker, language, text, source: 'human', startedAt: new Date() });
  const line = toCaptionLine(row);
  await broadcastCaption(io, line);
  return line;
});

handle('captions:assign', { scope: 'session', action: 'language:manage' }, async (caller, { sessionId, userId, assigned }) => {
  // Whether the person assigned is a member: their membership, not the caller's role.
  if (assigned && !(await findMembership(caller.actor.eventId, userId))) throw new DomainError('not_found', 'language.notAMember');
  await setCaptioner(sessionId, userId, assigned);
  return {};
});

handle('captions:set-display', { scope: 'session', action: 'language:manage' }, async (caller, { sessionId, onDisplay }) => {
  const { io } = caller;
  const setup = await sessionLanguagesOf(sessionId);
  await saveSessionLanguages(sessionId, { captionsOnDisplay: onDisplay, ...(setup ? {} : { floorLanguage: 'en' }) });
  io.to(rooms.captions.display(sessionId)).emit('captions:display-changed', { sessionId, onDisplay, lines: onDisplay ? await recentCaptions(sessionId) : [] });
  return { onDisplay };
});
