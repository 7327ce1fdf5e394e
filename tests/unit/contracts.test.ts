import { describe, expect, it } from 'vitest';
import { clientEvents, serverEvents } from '../../lib/contracts/realtime';
import { EventInputSchema, SessionInputSchema } from '../../lib/contracts/programme';
import { GuestJoinSchema, SignUpSchema } from '../../lib/contracts/auth';

describe('realtime contract', () => {
  it('names requests domain:verb and notices in the past tense or as a rejection', () => {
    for (const name of Object.keys(clientEvents)) expect(name).toMatch(/^[a-z-]+:[a-z-]+$/);
    for (const name of Object.keys(serverEvents)) expect(name).toMatch(/^[a-z-]+:[a-z-]+$/);
  });

  it.each([
    ['presence:join', { sessionId: '6f1c1f36-2f7e-4b55-9f0e-6b2f3c0f0a11' }, true],
    ['presence:join', { sessionId: 'abc' }, false],
    ['presence:join', {}, false],
    ['session:update', { sessionId: '6f1c1f36-2f7e-4b55-9f0e-6b2f3c0f0a11', patch: { title: 'New' } }, true],
    ['session:update', { sessionId: '6f1c1f36-2f7e-4b55-9f0e-6b2f3c0f0a11', patch: {} }, false],
    ['session:update', { sessionId: '6f1c1f36-2f7e-4b55-9f0e-6b2f3c0f0a11', patch: { liveMode: 'party' } }, false],
    ['session:set-breakout-mic', { sessionId: '6f1c1f36-2f7e-4b55-9f0e-6b2f3c0f0a11', on: true }, true],
    ['session:set-breakout-mic', { sessionId: '6f1c1f36-2f7e-4b55-9f0e-6b2f3c0f0a11' }, false],
    ['plan:watch', { planId: '6f1c1f36-2f7e-4b55-9f0e-6b2f3c0f0a11' }, true],
    ['plan:watch', { planId: 'plan-1' }, false],
    ['plan:comment', { id: '0b7e9a52-3c1d-4f7a-9d2e-5a6b7c8d9e0f', planId: '6f1c1f36-2f7e-4b55-9f0e-6b2f3c0f0a11', section: 'partners', body: 'Ask the bank.' }, true],
    ['plan:comment', { id: '0b7e9a52-3c1d-4f7a-9d2e-5a6b7c8d9e0f', planId: '6f1c1f36-2f7e-4b55-9f0e-6b2f3c0f0a11', section: 'budget', body: 'x' }, false],
    ['plan:comment', { planId: '6f1c1f36-2f7e-4b55-9f0e-6b2f3c0f0a11', section: 'partners', body: 'No id, so a retry would post twice.' }, false],
  ] as const)('%s %j valid: %s', (name, payload, ok) => {
    expect(clientEvents[name].payload.safeParse(payload).success).toBe(ok);
  });

  it.each([
    [{ moveWithinMs: 5000 }, true],
    [{ moveWithinMs: 0 }, true],
    [{ moveWithinMs: -1 }, false],
    [{ moveWithinMs: 1.5 }, false],
    [{}, false],
  ] as const)('node:drain-started %j valid: %s', (payload, ok) => {
    expect(serverEvents['node:drain-started'].payload.safeParse(payload).success).toBe(ok);
  });
});

describe('form contracts', () => {
  it('rejects an event ending before it starts and an unknown zone', () => {
    const base = { title: 'Forum', timeZone: 'Asia/Jakarta', startDate: '2026-12-02', endDate: '2026-12-03' };
    expect(EventInputSchema.safeParse(base).success).toBe(true);
    expect(EventInputSchema.safeParse({ ...base, endDate: '2026-12-01' }).success).toBe(false);
    expect(EventInputSchema.safeParse({ ...base, timeZone: 'Nowhere/City' }).success).toBe(false);
  });

  it('rejects a session ending before it starts', () => {
    const base = { title: 'S', startsAt: '2026-12-02T09:00', endsAt: '2026-12-02T10:00', kind: 'plenary', liveMode: 'webinar' };
    expect(SessionInputSchema.safeParse(base).success).toBe(true);
    expect(SessionInputSchema.safeParse({ ...base, endsAt: '2026-12-02T08:00' }).success).toBe(false);
  });

  it('normalises join codes and requires a password of 8+', () => {
    expect(GuestJoinSchema.parse({ code: ' jakarta ', name: 'Dewi' }).code).toBe('JAKARTA');
    expect(GuestJoinSchema.safeParse({ code: 'JK', name: 'Dewi' }).success).toBe(false);
    expect(SignUpSchema.safeParse({ name: 'A', email: 'a@b.co', password: 'short' }).success).toBe(false);
  });
});
