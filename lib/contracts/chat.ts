import { z } from 'zod';
import { notice, request } from './define';

export const ChatMessageSchema = z.object({
  id: z.string(),
  sessionId: z.string(),
  userId: z.string(),
  name: z.string(),
  body: z.string(),
  createdAt: z.string(),
});
export type ChatMessage = z.infer<typeof ChatMessageSchema>;

export const ChatSendSchema = z.object({
  sessionId: z.uuid(),
  /** Chosen by the browser so a retried send does not post twice. */
  clientId: z.uuid(),
  body: z.string().trim().min(1, 'validation.writeMessage').max(1000, 'validation.messageTooLong'),
});

export const chatClientEvents = {
  'chat:history': request(z.object({ sessionId: z.uuid() }), z.object({ messages: z.array(ChatMessageSchema), canModerate: z.boolean() })),
  'chat:send': request(ChatSendSchema, ChatMessageSchema),
  'chat:delete': request(z.object({ messageId: z.uuid() }), z.object({})),
};

export const chatServerEvents = {
  'chat:posted': notice(ChatMessageSchema),
  'chat:deleted': notice(z.object({ sessionId: z.string(), messageId: z.string() })),
};
