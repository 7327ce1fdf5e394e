import { describe, expect, it } from 'vitest';
import { clientEvents } from '../../lib/contracts/realtime';
import { PollDraftSchema } from '../../lib/contracts/polls';
import { checkAnswer } from '../../lib/domain/poll-answer';
import { viewPoll, viewResults, type FullResults, type PollRecord } from '../../lib/domain/poll-visibility';
import { tally } from '../../lib/domain/poll-aggregate';

const ID = '6f1c1f36-2f7e-4b55-9f0e-6b2f3c0f0a11';
const A = '0b7e9a52-3c1d-4f7a-9d2e-5a6b7c8d9e0f';
const B = '1b7e9a52-3c1d-4f7a-9d2e-5a6b7c8d9e0f';
const opts = [
  { id: A, label: 'Yes', correct: true },
  { id: B, label: 'No', correct: false },
];

describe('poll contracts', () => {
  it.each([
    ['poll:answer', { pollId: ID, answerId: A, answer: { type: 'choice', choices: [A] } }, true],
    ['poll:answer', { pollId: ID, answerId: A, answer: { type: 'text', text: 'trust' } }, true],
    ['poll:answer', { pollId: ID, answerId: A, answer: { type: 'text', text: 'x'.repeat(281) } }, false],
    ['poll:answer', { pollId: ID, answerId: A, answer: { type: 'text', text: '   ' } }, false],
    ['poll:answer', { pollId: ID, answer: { type: 'choice', choices: [A] } }, false],
    ['poll:answer', { pollId: ID, answerId: A, answer: { type: 'choice', choices: [] } }, false],
    ['poll:answer', { pollId: ID, answerId: A, answer: { type: 'rating', rating: 0 } }, false],
    ['poll:answer', { pollId: ID, answerId: A, answer: { type: 'vote', choices: [A] } }, false],
    ['poll:create', { sessionId: ID, pollId: A, draft: { kind: 'word_cloud', question: 'One word?' } }, true],
    ['poll:create', { sessionId: ID, pollId: A, draft: { kind: 'single', question: 'Which?', options: [opts[0]] } }, false],
    ['poll:create', { sessionId: ID, pollId: A, draft: { kind: 'single', question: 'Which?', options: opts } }, true],
    ['poll:create', { sessionId: ID, pollId: A, draft: { kind: 'word_cloud', question: 'One word?', options: opts } }, false],
    ['poll:create', { sessionId: ID, pollId: A, draft: { kind: 'quiz', question: 'Capital?', options: opts.map((o) => ({ ...o, correct: false })) } }, false],
    ['poll:create', { sessionId: ID, pollId: A, draft: { kind: 'quiz', question: 'Capital?', options: opts, timerSeconds: 2 } }, false],
    ['poll:create', { sessionId: ID, pollId: A, draft: { kind: 'quiz', question: 'Capital?', options: opts, timerSeconds: 20 } }, true],
    ['poll:create', { sessionId: ID, pollId: A, draft: { kind: 'single', question: 'Which?', options: [opts[0], opts[0]] } }, false],
    ['poll:create', { sessionId: ID, pollId: A, draft: { kind: 'single', question: '', options: opts } }, false],
    ['poll:show', { pollId: ID, onDisplay: true }, true],
    ['poll:show', { pollId: ID }, false],
    ['display:create-link', { sessionId: ID }, true],
    ['display:revoke-link', { linkId: 'abc' }, false],
    ['display:join', {}, true],
  ] as const)('%s %j valid: %s', (name, payload, ok) => {
    expect(clientEvents[name].payload.safeParse(payload).success).toBe(ok);
  });

  it('defaults a draft to named, one answer each, live results', () => {
    expect(PollDraftSchema.parse({ kind: 'open', question: 'Why?' })).toMatchObject({ anonymous: false, multipleAnswers: false, resultsVisibility: 'live', scaleMax: 5, timerSeconds: null });
  });
});

describe('answers checked against their poll', () => {
  const single = { kind: 'single' as const, options: opts, scaleMax: 5 };
  it.each([
    [single, { type: 'choice', choices: [A] }, 'ok'],
    [single, { type: 'choice', choices: [A, B] }, 'oneChoice'],
    [single, { type: 'choice', choices: [ID] }, 'unknownOption'],
    [single, { type: 'text', text: 'Yes' }, 'wrongAnswerType'],
    [{ ...single, kind: 'multiple' as const }, { type: 'choice', choices: [A, B] }, 'ok'],
    [{ ...single, kind: 'quiz' as const }, { type: 'choice', choices: [A, B] }, 'oneChoice'],
    [{ ...single, kind: 'rating' as const }, { type: 'rating', rating: 6 }, 'ratingRange'],
    [{ ...single, kind: 'rating' as const }, { type: 'rating', rating: 5 }, 'ok'],
    [{ ...single, kind: 'word_cloud' as const }, { type: 'text', text: 'x'.repeat(41) }, 'wordTooLong'],
    [{ ...single, kind: 'word_cloud' as const }, { type: 'text', text: 'trust' }, 'ok'],
    [{ ...single, kind: 'ranking' as const }, { type: 'ranking', ranking: [A] }, 'rankAll'],
    [{ ...single, kind: 'ranking' as const }, { type: 'ranking', ranking: [A, A] }, 'rankAll'],
    [{ ...single, kind: 'ranking' as const }, { type: 'ranking', ranking: [B, A] }, 'ok'],
  ] as const)('%j answered %j → %s', (poll, answer, expected) => {
    const r = checkAnswer(poll, answer as Parameters<typeof checkAnswer>[1]);
    expect(r.ok ? 'ok' : r.key).toBe(expected);
  });
});

describe('who sees what of a poll', () => {
  const base: PollRecord = {
    id: ID,
    sessionId: ID,
    kind: 'quiz',
    question: 'Capital of Indonesia?',
    options: opts,
    scaleMax: 5,
    anonymous: false,
    multipleAnswers: false,
    resultsVisibility: 'live',
    timerSeconds: 20,
    status: 'live',
    onDisplay: false,
    position: 1,
    rev: 1,
    launchedAt: new Date('2026-11-27T02:00:00Z'),
    closedAt: null,
  };
  const t = tally(base, []);
  const full: FullResults = { pollId: ID, sessionId: ID, final: false, all: t, respondents: 0, byMode: { in_person: t, remote: t }, byCountry: [], leaderboard: [] };

  it.each([
    ['staff', 'draft', false, true],
    ['audience', 'draft', false, false],
    ['audience', 'live', false, true],
    ['display', 'live', false, false],
    ['display', 'live', true, true],
    ['display', 'draft', true, false],
  ] as const)('%s sees a %s poll (on display: %s): %s', (audience, status, onDisplay, visible) => {
    expect(viewPoll({ ...base, status, onDisplay }, audience) !== null).toBe(visible);
  });

  it('hides a quiz answer from participants until it closes', () => {
    expect(viewPoll(base, 'audience')!.options.map((o) => o.correct)).toEqual([null, null]);
    expect(viewPoll(base, 'staff')!.options.map((o) => o.correct)).toEqual([true, false]);
    expect(viewPoll({ ...base, status: 'closed' }, 'audience')!.options.map((o) => o.correct)).toEqual([true, false]);
  });

  it('gives the deadline of a timed quiz', () => {
    expect(viewPoll(base, 'audience')!.deadline).toBe('2026-11-27T02:00:20.000Z');
  });

  it('hides results until closed when asked, and the splits from everyone but staff', () => {
    const hidden = { ...base, resultsVisibility: 'after_close' as const, onDisplay: true };
    expect(viewResults(hidden, full, 'audience')).toBeNull();
    expect(viewResults(hidden, full, 'display')).toBeNull();
    expect(viewResults(hidden, full, 'staff')!.byMode).not.toBeNull();
    const closed = viewResults({ ...hidden, status: 'closed' }, full, 'audience')!;
    expect(closed.byMode).toBeNull();
    expect(closed.byCountry).toBeNull();
  });
});
