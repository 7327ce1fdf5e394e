import type { PollResults, PollView } from '../contracts/polls';
import type { Tally } from './poll-aggregate';
import type { PollKind, PollStatus, ResultsVisibility } from './poll-rules';
import type { AttendanceMode } from './roles';

/** A poll row as read from the database. */
export interface PollRecord {
  id: string;
  sessionId: string;
  kind: PollKind;
  question: string;
  options: { id: string; label: string; correct: boolean }[];
  scaleMax: number;
  anonymous: boolean;
  multipleAnswers: boolean;
  resultsVisibility: ResultsVisibility;
  timerSeconds: number | null;
  status: PollStatus;
  onDisplay: boolean;
  position: number;
  rev: number;
  launchedAt: Date | null;
  closedAt: Date | null;
}

/** Who is looking: the session's moderators, anyone else in the session, or the projector. */
export type PollAudience = 'staff' | 'audience' | 'display';

/** The results computed once for moderators; the other audiences get a cut of them. */
export interface FullResults {
  pollId: string;
  sessionId: string;
  final: boolean;
  all: Tally;
  respondents: number;
  byMode: Record<AttendanceMode, Tally>;
  byCountry: { country: string; responses: number }[];
  leaderboard: PollResults['leaderboard'];
}

export const pollDeadline = (p: Pick<PollRecord, 'kind' | 'timerSeconds' | 'launchedAt'>): Date | null =>
  p.kind === 'quiz' && p.timerSeconds && p.launchedAt ? new Date(p.launchedAt.getTime() + p.timerSeconds * 1000) : null;

/**
 * What one audience may see of a poll, or null. This is the only place a poll
 * becomes a payload:
 * - moderators see every poll, drafts included, and a quiz's right answer;
 * - participants see launched and closed polls; a quiz's right answer only once closed;
 * - the projector sees only what a moderator put on it, as participants see it.
 */
export function viewPoll(p: PollRecord, audience: PollAudience): PollView | null {
  if (audience !== 'staff' && p.status === 'draft') return null;
  if (audience === 'display' && !p.onDisplay) return null;
  const revealCorrect = audience === 'staff' || p.status === 'closed';
  return {
    id: p.id,
    sessionId: p.sessionId,
    kind: p.kind,
    question: p.question,
    options: p.options.map((o) => ({ id: o.id, label: o.label, correct: p.kind === 'quiz' && revealCorrect ? o.correct : null })),
    scaleMax: p.scaleMax,
    anonymous: p.anonymous,
    multipleAnswers: p.multipleAnswers,
    resultsVisibility: p.resultsVisibility,
    timerSeconds: p.timerSeconds,
    status: p.status,
    onDisplay: p.onDisplay,
    position: p.position,
    rev: p.rev,
    launchedAt: p.launchedAt?.toISOString() ?? null,
    closedAt: p.closedAt?.toISOString() ?? null,
    deadline: pollDeadline(p)?.toISOString() ?? null,
  };
}

/**
 * What one audience may see of a poll's results, or null: moderators always,
 * with the splits by attendance mode and country; others once the poll is
 * visible to them and its results are live or it has closed, without splits.
 * A quiz's leaderboard counts as a result.
 */
export function viewResults(p: PollRecord, r: FullResults, audience: PollAudience): PollResults | null {
  if (audience === 'staff') return { ...r };
  if (!viewPoll(p, audience)) return null;
  if (p.status !== 'closed' && p.resultsVisibility === 'after_close') return null;
  return { ...r, byMode: null, byCountry: null };
}
