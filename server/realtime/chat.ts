import type { ChatMessage } from '../../lib/contracts/chat';
import { deleteChat, findChatMessage, insertChat, listChat, type ChatRow } from '../../lib/db/queries/media';
import { findSession, roleIn } from '../../lib/db/queries/programme';
import { can } from '../../lib/domain/permissions';
import { forbidden, notFound } from '../../lib/errors';
import { rooms } from '../../lib/services/broadcast';
import { handle } from './handler';

const toMessage = (r: ChatRow): ChatMessage => ({ ...r, createdAt: r.createdAt.toISOString() });

/** The session's role of the caller, read from the database on every request. */
async function roleInSession(sessionId: string, userId: string) {
  const found = await findSession(sessionId);
  if (!found) throw notFound('session');
  return roleIn(found.event.id, userId);
}

/**
 * Session chat, persisted. Messages go to the session's Socket.IO room, which
 * sockets enter through presence:join after the same membership check.
 */
handle('chat:history', async (caller, { sessionId }) => {
  const role = await roleInSession(sessionId, caller.userId);
  if (!can({ role }, 'session:join')) throw forbidden('general.notMember');
  return { messages: (await listChat(sessionId)).map(toMessage), canModerate: can({ role }, 'chat:moderate') };
});

handle('chat:send', async (caller, { sessionId, clientId, body }) => {
  const { io } = caller;
  const role = await roleInSession(sessionId, caller.userId);
  if (!can({ role }, 'chat:post')) throw forbidden('general.notMember');
  const { row, created } = await insertChat({ sessionId, userId: caller.userId, clientId, body });
  const message = toMessage(row);
  if (created) io.to(rooms.session(sessionId)).emit('chat:posted', message);
  return message;
});

handle('chat:delete', async (caller, { messageId }) => {
  const { io } = caller;
  const message = await findChatMessage(messageId);
  if (!message || message.deletedAt) throw notFound('message');
  const role = await roleInSession(message.sessionId, caller.userId);
  if (!can({ role }, 'chat:moderate')) throw forbidden('media.onlyModeratorsDeleteMessages');
  await deleteChat(messageId, caller.userId);
  io.to(rooms.session(message.sessionId)).emit('chat:deleted', { sessionId: message.sessionId, messageId });
  return {};
});
