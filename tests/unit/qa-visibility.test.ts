import { describe, expect, it } from 'vitest';
import { AskQuestionSchema, MergeSchema, ModerateSchema, VoteSchema } from '../../lib/contracts/qa';
import { QA_STATUSES } from '../../lib/domain/qa-rules';
import { sortQuestions, viewQuestion, type QuestionRecord } from '../../lib/domain/qa-visibility';

const AUTHOR = '11111111-1111-4111-8111-111111111111';
const OTHER = '22222222-2222-4222-8222-222222222222';
const record = (patch: Partial<QuestionRecord> = {}): QuestionRecord => ({
  id: '33333333-3333-4333-8333-333333333333',
  sessionId: '44444444-4444-4444-8444-444444444444',
  authorId: AUTHOR,
  authorName: 'Hana',
  text: 'Why?',
  anonymous: false,
  status: 'approved',
  rejectReason: null,
  starred: false,
  mergedIntoId: null,
  origin: 'in_person',
  country: 'ID',
  voteCount: 0,
  rev: 1,
  createdAt: new Date('2026-11-27T09:00:00Z'),
  updatedAt: new Date('2026-11-27T09:00:00Z'),
  answeredAt: null,
  ...patch,
});

describe('viewQuestion', () => {
  it.each(QA_STATUSES.map((s) => [s, ['approved', 'answered'].includes(s)] as const))('another participant sees a %s question: %s', (status, visible) => {
    expect(viewQuestion(record({ status }), { userId: OTHER, staff: false }) !== null).toBe(visible);
  });

  it.each(QA_STATUSES)('the author and moderators always see a %s question', (status) => {
    expect(viewQuestion(record({ status }), { userId: AUTHOR, staff: false })).not.toBeNull();
    expect(viewQuestion(record({ status }), { userId: OTHER, staff: true })).not.toBeNull();
  });

  it.each([
    ['another participant', { userId: OTHER, staff: false }, { authorId: null, authorName: null, country: null, mine: false }],
    ['the author', { userId: AUTHOR, staff: false }, { authorId: AUTHOR, authorName: 'Hana', mine: true }],
    ['a moderator', { userId: OTHER, staff: true }, { authorId: AUTHOR, authorName: 'Hana', country: 'ID', mine: false }],
  ])('an anonymous question seen by %s', (_who, viewer, expected) => {
    const view = viewQuestion(record({ anonymous: true, rejectReason: 'x' }), viewer)!;
    expect(view).toMatchObject(expected);
    if (!viewer.staff && viewer.userId !== AUTHOR) expect(JSON.stringify(view)).not.toContain(AUTHOR);
  });

  it('hides the reject reason of others', () => {
    expect(viewQuestion(record({ status: 'answered', rejectReason: 'old reason' }), { userId: OTHER, staff: false })!.rejectReason).toBeNull();
  });
});

describe('sortQuestions', () => {
  const a = { voteCount: 2, createdAt: '2026-11-27T09:00:00Z', id: 'a' };
  const b = { voteCount: 5, createdAt: '2026-11-27T09:05:00Z', id: 'b' };
  const c = { voteCount: 2, createdAt: '2026-11-27T08:00:00Z', id: 'c' };
  it.each([
    ['top', ['b', 'c', 'a']],
    ['newest', ['b', 'a', 'c']],
  ] as const)('%s', (order, ids) => expect(sortQuestions([a, b, c], order).map((q) => q.id)).toEqual(ids));
});

describe('contracts', () => {
  const id = '55555555-5555-4555-8555-555555555555';
  it.each([
    [AskQuestionSchema, { sessionId: id, questionId: id, text: '  Why?  ' }, true],
    [AskQuestionSchema, { sessionId: id, questionId: id, text: 'x'.repeat(500) }, true],
    [AskQuestionSchema, { sessionId: id, questionId: id, text: 'x'.repeat(501) }, false],
    [AskQuestionSchema, { sessionId: id, questionId: 'abc', text: 'Why?' }, false],
    [AskQuestionSchema, { sessionId: id, questionId: id, text: ' \n ' }, false],
    [VoteSchema, { mutationId: id, questionId: id, voted: true }, true],
    [VoteSchema, { mutationId: id, questionId: id }, false],
    [ModerateSchema, { mutationId: id, questionId: id, action: { type: 'reject', reason: 'Off topic' } }, true],
    [ModerateSchema, { mutationId: id, questionId: id, action: { type: 'reject' } }, false],
    [ModerateSchema, { mutationId: id, questionId: id, action: { type: 'delete' } }, false],
    [MergeSchema, { mutationId: id, sourceId: id, targetId: id }, false],
    [MergeSchema, { mutationId: id, sourceId: id, targetId: AUTHOR }, true],
  ] as const)('%#: valid=%s', (schema, payload, valid) => {
    expect((schema as { safeParse(v: unknown): { success: boolean } }).safeParse(payload).success).toBe(valid);
  });
});
