import { toCsv } from './csv';
import { listQuestions } from '../db/queries/qa';
import { findSession } from '../db/queries/programme';
import { notFound } from '../errors';
import { authorize } from './authorize';

export const QA_CSV_COLUMNS = [
  'id',
  'text',
  'status',
  'votes',
  'origin',
  'country',
  'author',
  'anonymous',
  'starred',
  'reject_reason',
  'merged_into',
  'asked_at',
  'updated_at',
  'answered_at',
] as const;

/**
 * A session's questions as CSV for organizers and moderators. The author of an
 * anonymous question is left out even here: anonymity was promised towards
 * everyone but the live moderators. Cells that a spreadsheet would run as a
 * formula are escaped.
 */
export async function exportQuestionsCsv(userId: string, sessionId: string): Promise<{ filename: string; csv: string }> {
  const found = await findSession(sessionId);
  if (!found) throw notFound('session');
  await authorize(userId, found.event.id, 'qa:export');
  const rows = (await listQuestions(sessionId)).map((q) => ({
    id: q.id,
    text: q.text,
    status: q.status,
    votes: q.voteCount,
    origin: q.origin === 'in_person' ? 'hall' : 'online',
    country: q.country ?? '',
    author: q.anonymous ? '' : q.authorName,
    anonymous: q.anonymous ? 'yes' : 'no',
    starred: q.starred ? 'yes' : 'no',
    reject_reason: q.rejectReason ?? '',
    merged_into: q.mergedIntoId ?? '',
    asked_at: q.createdAt.toISOString(),
    updated_at: q.updatedAt.toISOString(),
    answered_at: q.answeredAt?.toISOString() ?? '',
  }));
  const csv = toCsv(QA_CSV_COLUMNS, rows.map((r) => QA_CSV_COLUMNS.map((c) => r[c])));
  const slug = found.session.title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 50) || 'session';
  return { filename: `questions-${slug}.csv`, csv };
}
