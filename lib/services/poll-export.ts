import { toCsv } from './csv';
import { listPolls, listResponses } from '../db/queries/polls';
import { findSession } from '../db/queries/programme';
import { notFound } from '../errors';
import { authorize } from './authorize';
import type { AnswerValue } from '../domain/poll-aggregate';
import type { PollRecord } from '../domain/poll-visibility';

export const POLL_CSV_COLUMNS = ['poll_id', 'poll', 'kind', 'status', 'answer_id', 'answer', 'score', 'origin', 'country', 'author', 'answered_at'] as const;

/** An answer as readable text: option labels, not ids (a ranking in its order, "1. … | 2. …"). */
function answerText(p: PollRecord, v: AnswerValue): string {
  const label = (id: string) => p.options.find((o) => o.id === id)?.label ?? id;
  if ('choices' in v) return v.choices.map(label).join(' | ');
  if ('ranking' in v) return v.ranking.map((id, i) => `${i + 1}. ${label(id)}`).join(' | ');
  if ('rating' in v) return String(v.rating);
  return v.text;
}

/**
 * The polls of a session as CSV beside the Q&A export (same writer, same
 * formula escaping): one row per answer, so any tally can be redone in a
 * spreadsheet. Authors of anonymous polls are left out, as in the Q&A export.
 */
export async function exportPollsCsv(userId: string, sessionId: string): Promise<{ filename: string; csv: string }> {
  const found = await findSession(sessionId);
  if (!found) throw notFound('session');
  await authorize(userId, found.event.id, 'poll:export');
  const rows: (string | number)[][] = [];
  for (const p of await listPolls(sessionId)) {
    for (const r of await listResponses(p.id)) {
      rows.push([
        p.id,
        p.question,
        p.kind,
        p.status,
        r.id,
        answerText(p, r.value as AnswerValue),
        p.kind === 'quiz' ? r.score : '',
        r.origin === 'in_person' ? 'hall' : 'online',
        r.country ?? '',
        p.anonymous ? '' : r.name,
        r.createdAt.toISOString(),
      ]);
    }
  }
  const slug = found.session.title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 50) || 'session';
  return { filename: `polls-${slug}.csv`, csv: toCsv(POLL_CSV_COLUMNS, rows) };
}
