import { createHash, randomBytes } from 'node:crypto';
import type { displayLinks } from '../db/schema';
import { findDisplayLink, findDisplayLinkByHash, insertDisplayLink, listDisplayLinks, revokeDisplayLinkRow } from '../db/queries/polls';
import type { DisplayLink } from '../contracts/polls';
import type { ActorScope } from '../db/queries/actor';
import { forbidden, notFound } from '../errors';
import { authorize } from './authorize';

/**
 * A projector's link to one session: `/display/<token>`, no account needed.
 * The token is 32 random bytes; only its SHA-256 is stored, so a database
 * dump does not open any display. It shows public content only (see the
 * display socket handler) and stops working when revoked.
 */
const hash = (token: string) => createHash('sha256').update(token).digest('hex');
/** Tokens are base64url of 32 bytes: anything else is refused before touching the database. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

const toView = (row: typeof displayLinks.$inferSelect): DisplayLink => ({
  id: row.id,
  sessionId: row.sessionId,
  label: row.label,
  createdAt: row.createdAt.toISOString(),
  revokedAt: row.revokedAt?.toISOString() ?? null,
});

/** For callers outside the realtime pipeline (server actions, scripts): the role is read here, where the session or link is. */
async function requireManager(userId: string, where: ActorScope & { kind: 'session' | 'link' }) {
  await authorize(userId, where, 'display:manage-links', {
    missing: () => (where.kind === 'link' ? notFound('displayLink') : notFound('session')),
    nonMember: () => forbidden('general.notMember'),
    denied: () => forbidden('general.onlyModerators'),
  });
}

export async function createDisplayLink(userId: string, sessionId: string, label: string): Promise<DisplayLink & { path: string }> {
  await requireManager(userId, { kind: 'session', id: sessionId });
  return makeDisplayLink(userId, sessionId, label);
}

/** For a caller already allowed `display:manage-links` in the session (the realtime pipeline checked it). */
export async function makeDisplayLink(userId: string, sessionId: string, label: string): Promise<DisplayLink & { path: string }> {
  const token = randomBytes(32).toString('base64url');
  const row = await insertDisplayLink({ sessionId, tokenHash: hash(token), label, createdBy: userId });
  return { ...toView(row), path: `/display/${token}` };
}

export async function listLinks(userId: string, sessionId: string): Promise<DisplayLink[]> {
  await requireManager(userId, { kind: 'session', id: sessionId });
  return sessionLinks(sessionId);
}

/** For a caller already allowed `display:manage-links` in the session. */
export async function sessionLinks(sessionId: string): Promise<DisplayLink[]> {
  return (await listDisplayLinks(sessionId)).map(toView);
}

export async function revokeDisplayLink(userId: string, linkId: string): Promise<DisplayLink> {
  await requireManager(userId, { kind: 'link', id: linkId });
  return revokeLink(linkId);
}

/** For a caller already allowed `display:manage-links` where the link is. */
export async function revokeLink(linkId: string): Promise<DisplayLink> {
  if (!(await findDisplayLink(linkId))) throw notFound('displayLink');
  await revokeDisplayLinkRow(linkId);
  return toView((await findDisplayLink(linkId))!);
}

/** The live link a token opens, or undefined (unknown, malformed or revoked). */
export async function resolveDisplayToken(token: unknown): Promise<{ linkId: string; sessionId: string } | undefined> {
  if (typeof token !== 'string' || !TOKEN_PATTERN.test(token)) return undefined;
  const row = await findDisplayLinkByHash(hash(token));
  return row ? { linkId: row.id, sessionId: row.sessionId } : undefined;
}
