import { rooms } from '../../lib/realtime/rooms';
import type { ChatMessage } from '../../lib/contracts/chat';
import { deleteChat, findChatMessage, insertChat, listChat, type ChatRow } from '../../lib/db/queries/media';
import { can } from '../../lib/domain/permissions';
import { forbidden, notFound } from '../../lib/errors';
import { handle } from './handler';

const toMessage = (r: ChatRow): ChatMessage => ({ ...r, createdAt: r.createdAt.toISOString() });

/**
 * Session chat, persisted. Messages go to the session's Socket.IO room, which
 * sockets enter through presence:join after the same membership check.
 */
const notMember = () => forbidden('general.notMember');

handle('chat:history', { scope: 'session', action: 'session:join', denied: notMember }, async ({ actor }, { sessionId }) => {
  return { messages: (await listChat(sessionId)).map(toMessage), canModerate: can(actor, 'chat:moderate') };
});

handle('chat:send', { scope: 'session', action: 'chat:post', denied: notMember }, async (caller, { sessionId, clientId, body }) => {
  const { io } = caller;
  const { row, created } = await insertChat({ sessionId, userId: caller.userId, clientId, body });
  const message = toMessage(row);
  if (created) io.to(rooms.session(sessionId)).emit('chat:posted', message);
  return message;
});

const onlyModerators = () => forbidden('media.onlyModeratorsDeleteMessages');

handle('chat:delete', { scope: 'message', action: 'chat:moderate', nonMember: onlyModerators, denied: onlyModerators }, async (caller, { messageId }) => {
  const { io } = caller;
  const message = await findChatMessage(messageId);
  if (!message || message.deletedAt) throw notFound('message');
  await deleteChat(messageId, caller.userId);
  io.to(rooms.session(message.sessionId)).emit('chat:deleted', { sessionId: message.sessionId, messageId });
  return {};
});
