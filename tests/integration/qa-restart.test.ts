import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/app-server';
import { send, startTestServer } from '../fixtures/server';
import { ask, joinQa, mid, qaCast } from '../fixtures/qa';

// A database on disk (or the PostgreSQL of DATABASE_URL) that outlives the first server.
const dir = process.env.DATABASE_URL ? undefined : mkdtempSync(path.join(os.tmpdir(), 'balai-qa-restart-'));
if (dir) process.env.BALAI_DATA_DIR = dir;

const running: RunningServer[] = [];
afterAll(async () => {
  for (const s of running) await s.close().catch(() => undefined);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('server restart', () => {
  // Two server starts with migrations on an on-disk database: slow on a busy machine.
  it('keeps every acknowledged question, vote, moderation and highlight', { timeout: 120_000 }, async () => {
    const first = await startTestServer();
    running.push(first);
    const cast = await qaCast();
    const mod = await joinQa(first, cast.moderator, cast.sessionId);
    const part = await joinQa(first, cast.online, cast.sessionId);
    const kept = await ask(part.socket, cast.sessionId, 'Will this survive a restart?', true);
    const rejected = await ask(part.socket, cast.sessionId, 'And this one?');
    expect((await send(mod.socket, 'qa:vote', { mutationId: mid(), questionId: kept.id, voted: true })).ok).toBe(true);
    expect((await send(mod.socket, 'qa:moderate', { mutationId: mid(), questionId: rejected.id, action: { type: 'reject', reason: 'Asked already' } })).ok).toBe(true);
    const voteId = mid();
    expect((await send(part.socket, 'qa:vote', { mutationId: voteId, questionId: kept.id, voted: true })).ok).toBe(true);
    expect((await send(mod.socket, 'qa:highlight', { mutationId: mid(), sessionId: cast.sessionId, questionId: kept.id })).ok).toBe(true);
    mod.socket.disconnect();
    part.socket.disconnect();
    await first.close();
    running.length = 0;

    const second = await startTestServer();
    running.push(second);
    const back = await joinQa(second, cast.online, cast.sessionId);
    expect(back.snapshot.questions.map((q) => [q.id, q.status, q.voteCount, q.anonymous])).toEqual([
      [kept.id, 'approved', 2, true],
      [rejected.id, 'rejected', 0, false],
    ]);
    expect(back.snapshot.questions[1]!.rejectReason).toBe('Asked already');
    expect(back.snapshot.myVotes).toEqual([kept.id]);
    expect(back.snapshot.settings.highlightedQuestionId).toBe(kept.id);
    // A vote retried after the restart (its ack was lost, say) is recognised and not counted twice.
    expect(await send(back.socket, 'qa:vote', { mutationId: voteId, questionId: kept.id, voted: true })).toMatchObject({
      ok: true,
      data: { voted: true, voteCount: 2 },
    });
    back.socket.disconnect();
  });
});
