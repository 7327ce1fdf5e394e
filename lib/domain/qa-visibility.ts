import type { QuestionView } from '../contracts/qa';
import { PUBLIC_STATUSES, type QaStatus } from './qa-rules';
import type { AttendanceMode } from './roles';

/** A question row with its author's name, as read from the database. */
export interface QuestionRecord {
  id: string;
  sessionId: string;
  authorId: string;
  authorName: string;
  text: string;
  anonymous: boolean;
  status: QaStatus;
  rejectReason: string | null;
  starred: boolean;
  mergedIntoId: string | null;
  origin: AttendanceMode;
  country: string | null;
  voteCount: number;
  rev: number;
  createdAt: Date;
  updatedAt: Date;
  answeredAt: Date | null;
}

export type QaViewer = { userId: string; staff: boolean };

export const isPublic = (status: QaStatus) => PUBLIC_STATUSES.includes(status);

/**
 * What one viewer may see of a question, or null if nothing. This is the only
 * place a question becomes a payload, so the anonymity and moderation rules
 * hold for snapshots, acks and broadcasts alike:
 * - moderators see everything, including who wrote an anonymous question;
 * - the author sees their own question in every state, with the reject reason;
 * - everyone else sees only approved or answered questions, without the author
 *   of an anonymous one, and never the author's id, country or a reject reason.
 */
export function viewQuestion(q: QuestionRecord, viewer: QaViewer): QuestionView | null {
  const mine = q.authorId === viewer.userId;
  const base = {
    id: q.id,
    sessionId: q.sessionId,
    text: q.text,
    anonymous: q.anonymous,
    mine,
    status: q.status,
    starred: q.starred,
    mergedIntoId: q.mergedIntoId,
    origin: q.origin,
    voteCount: q.voteCount,
    rev: q.rev,
    createdAt: q.createdAt.toISOString(),
    updatedAt: q.updatedAt.toISOString(),
    answeredAt: q.answeredAt?.toISOString() ?? null,
  };
  if (viewer.staff) return { ...base, authorId: q.authorId, authorName: q.authorName, rejectReason: q.rejectReason, country: q.country };
  if (mine) return { ...base, authorId: q.authorId, authorName: q.authorName, rejectReason: q.rejectReason, country: q.country };
  if (!isPublic(q.status)) return null;
  return { ...base, authorId: null, authorName: q.anonymous ? null : q.authorName, rejectReason: null, country: null };
}

/** Top: most votes first, then older first (asked earlier wins a tie). Newest: most recent first. */
export function sortQuestions<T extends { voteCount: number; createdAt: string; starred?: boolean }>(list: T[], order: 'top' | 'newest'): T[] {
  const copy = [...list];
  if (order === 'newest') return copy.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return copy.sort((a, b) => b.voteCount - a.voteCount || a.createdAt.localeCompare(b.createdAt));
}
