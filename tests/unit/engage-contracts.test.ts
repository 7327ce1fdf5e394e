import { describe, expect, it } from 'vitest';
import { clientEvents } from '../../lib/contracts/realtime';
import { ReactionLimiter } from '../../server/realtime/reactions';

const S = '3f1a1c1e-8a40-4c55-9f0e-1d2b3c4d5e6f';

describe('engagement contracts', () => {
  it.each([
    ['reaction:send', { sessionId: S, emoji: '👏' }, true],
    ['reaction:send', { sessionId: S, emoji: '❤️' }, true],
    ['reaction:send', { sessionId: S, emoji: '💩' }, false],
    ['reaction:send', { sessionId: S }, false],
    ['lobby:admit', { sessionId: S, userIds: 'all' }, true],
    ['lobby:admit', { sessionId: S, userIds: [S] }, true],
    ['lobby:admit', { sessionId: S, userIds: 'some' }, false],
    ['lobby:deny', { sessionId: S, userId: S }, true],
    ['lobby:deny', { sessionId: S, userId: S, message: 'x'.repeat(301) }, false],
    ['hand:raise', { sessionId: S, raised: true }, true],
    ['hand:raise', { sessionId: S, raised: 'yes' }, false],
    ['hand:invite', { sessionId: S, userId: 'me' }, false],
  ] as const)('%s %j → valid: %s', (name, payload, valid) => {
    expect(clientEvents[name].payload.safeParse(payload).success).toBe(valid);
  });
});

describe('ReactionLimiter', () => {
  it('lets a burst through, then one per refill interval, and says when to retry', () => {
    const l = new ReactionLimiter(3, 2);
    expect([l.take('a', 0), l.take('a', 0), l.take('a', 0)]).toEqual([0, 0, 0]);
    expect(l.take('a', 0)).toBe(500);
    expect(l.take('a', 250)).toBe(250);
    expect(l.take('a', 500)).toBe(0);
    expect(l.take('b', 500)).toBe(0);
  });
});
