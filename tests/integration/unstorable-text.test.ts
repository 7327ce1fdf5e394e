import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { RunningServer } from '../../server/app-server';
import { db } from '../../lib/db/client';
import { isUnstorableTextError, unstorableTextPath } from '../../lib/contracts/storable-text';
import { connectAs, send, startTestServer, type TestSocket } from '../fixtures/server';
import { qaCast } from '../fixtures/qa';

let server: RunningServer;
const open: TestSocket[] = [];
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  open.forEach((s) => s.disconnect());
  await server.close();
});

const LONE_HIGH = String.fromCharCode(0xd83d);
const LONE_LOW = String.fromCharCode(0xde00);

describe('text the database cannot store', () => {
  it('finds NUL and lone surrogates anywhere in a payload, and lets paired surrogates (emoji) through', () => {
    expect(unstorableTextPath({ a: 'fine 👏 ok', b: ['x', { c: 'y' }] })).toBeNull();
    expect(unstorableTextPath({ a: 'x\u0000y' })).toEqual(['a']);
    expect(unstorableTextPath({ list: ['ok', `bad${LONE_HIGH}`] })).toEqual(['list', 1]);
    expect(unstorableTextPath({ list: [{ deep: `${LONE_LOW}start` }] })).toEqual(['list', 0, 'deep']);
    expect(unstorableTextPath({ [`k\u0000`]: 1 })).toEqual(['k\u0000']);
  });

  it('the database itself refuses NUL, and that refusal is recognised as the sender’s text', async () => {
    const d = await db();
    const err = await d.execute(sql`select ${'a\u0000b'}::text`).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).not.toBeNull();
    expect(isUnstorableTextError(err)).toBe(true);
    expect(isUnstorableTextError(new Error('other'))).toBe(false);
  });

  it('answers invalid_payload to a question or a chat message with NUL or a lone surrogate, stores nothing and keeps serving', async () => {
    const cast = await qaCast();
    const socket = await connectAs(server, cast.online);
    open.push(socket);
    expect((await send(socket, 'qa:join', { sessionId: cast.sessionId })).ok).toBe(true);

    const asked = await send(socket, 'qa:ask', { sessionId: cast.sessionId, questionId: crypto.randomUUID(), text: 'How is the\u0000 budget shared?' });
    expect(asked).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });
    expect(!asked.ok && asked.error.message).toContain('(text)');

    const chat = await send(socket, 'chat:send', { sessionId: cast.sessionId, clientId: crypto.randomUUID(), body: `hello ${LONE_HIGH}` });
    expect(chat).toMatchObject({ ok: false, error: { code: 'invalid_payload' } });

    const fine = await send(socket, 'qa:ask', { sessionId: cast.sessionId, questionId: crypto.randomUUID(), text: 'How is the budget shared? 👏' });
    expect(fine.ok).toBe(true);
    const history = await send(socket, 'chat:history', { sessionId: cast.sessionId });
    expect(history.ok && history.data.messages).toEqual([]);
    const snapshot = await send(socket, 'qa:join', { sessionId: cast.sessionId });
    expect(snapshot.ok && snapshot.data.questions.map((q: { text: string }) => q.text)).toEqual(['How is the budget shared? 👏']);
  });
});
