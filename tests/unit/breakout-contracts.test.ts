import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { breakoutClientEvents, BreakoutOpenSchema } from '../../lib/contracts/breakouts';

const id = () => randomUUID();
const open = (patch: Record<string, unknown> = {}) => ({
  sessionId: id(),
  runId: id(),
  mode: 'balanced',
  rooms: [{ name: 'Room 1' }, { name: 'Room 2' }],
  durationMinutes: 15,
  ...patch,
});

describe('breakout:open payload', () => {
  it.each([
    ['two named rooms, balanced', open()],
    ['self-select with capacity', open({ mode: 'self_select', rooms: [{ name: 'A', capacity: 5 }] })],
    ['manual with a placement', open({ mode: 'manual', manual: [{ userId: id(), room: 1 }] })],
    ['a cohort room tagged as a hall table', open({ rooms: [{ name: 'Nepal team', cohortId: id(), inHallTable: true }] })],
    ['a fixed seed', open({ seed: 'day-2' })],
  ])('accepts %s', (_label, payload) => {
    expect(BreakoutOpenSchema.safeParse(payload).success).toBe(true);
  });

  it.each([
    ['no rooms', open({ rooms: [] })],
    ['101 rooms', open({ rooms: Array.from({ length: 101 }, (_, i) => ({ name: `R${i}` })) })],
    ['an empty room name', open({ rooms: [{ name: '  ' }] })],
    ['the same name twice (any case)', open({ rooms: [{ name: 'Room' }, { name: 'ROOM' }] })],
    ['an unknown mode', open({ mode: 'alphabetical' })],
    ['a duration of 0', open({ durationMinutes: 0 })],
    ['a duration over 4 hours', open({ durationMinutes: 241 })],
    ['a capacity of 0', open({ rooms: [{ name: 'A', capacity: 0 }] })],
    ['a placement in a missing room', open({ manual: [{ userId: id(), room: 2 }] })],
    ['a run id that is not a uuid', open({ runId: 'run-1' })],
    ['a session id that is not a uuid', open({ sessionId: 'abc' })],
  ])('refuses %s', (_label, payload) => {
    expect(BreakoutOpenSchema.safeParse(payload).success).toBe(false);
  });
});

describe('other breakout requests', () => {
  const parse = (name: keyof typeof breakoutClientEvents, payload: unknown) => breakoutClientEvents[name].payload.safeParse(payload);

  it('close defaults to the 60-second warning and allows closing at once', () => {
    const r = parse('breakout:close', { runId: id() });
    expect(r.success && r.data).toMatchObject({ warningSeconds: 60 });
    expect(parse('breakout:close', { runId: id(), warningSeconds: 0 }).success).toBe(true);
    expect(parse('breakout:close', { runId: id(), warningSeconds: 301 }).success).toBe(false);
  });

  it.each([
    ['breakout:extend', { runId: id(), minutes: 5 }, true],
    ['breakout:extend', { runId: id(), minutes: 0 }, false],
    ['breakout:broadcast', { runId: id(), message: 'Two minutes left' }, true],
    ['breakout:broadcast', { runId: id(), message: '   ' }, false],
    ['breakout:broadcast', { runId: id(), message: 'x'.repeat(501) }, false],
    ['breakout:move', { runId: id(), userId: id(), roomId: id() }, true],
    ['breakout:move', { runId: id(), userId: 'me', roomId: id() }, false],
    ['breakout:visit', { runId: id(), roomId: null }, true],
    ['breakout:help', { runId: id(), requestId: id() }, true],
    ['breakout:help', { runId: id() }, false],
    ['breakout:chat-send', { roomId: id(), clientId: id(), body: 'hi' }, true],
    ['breakout:chat-send', { roomId: id(), clientId: id(), body: '' }, false],
    ['breakout:notes-save', { roomId: id(), notes: 'n', baseRev: 0 }, true],
    ['breakout:notes-save', { roomId: id(), notes: 'n', baseRev: -1 }, false],
    ['breakout:notes-copy', { roomId: id(), copyId: id(), section: 'activities' }, false],
    ['breakout:notes-copy', { roomId: id(), copyId: id() }, true],
  ] as const)('%s %j → valid: %s', (name, payload, valid) => {
    expect(parse(name, payload).success).toBe(valid);
  });
});
