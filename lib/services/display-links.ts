import { createHash, randomBytes } from 'node:crypto';
import type { displayLinks } from '../db/schema';
import { findDisplayLink, findDisplayLinkByHash, insertDisplayLink, listDisplayLinks, revokeDisplayLinkRow } from '../db/queries/polls';
import type { DisplayLink } from '../contracts/polls';
import { can } from '../domain/permissions';
import { forbidden, notFound } from '../errors';
import { pollViewer } from './polls';

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

async function requireManager(sessionId: string, userId: string) {
  const viewer = await pollViewer(sessionId, userId);
  if (!can({ role: viewer.role }, 'display:manage-links')) throw forbidden('general.onlyModerators');
}

export async function createDisplayLink(userId: string, sessionId: string, label: string): Promise<DisplayLink & { path: string }> {
  await requireManager(sessionId, userId);
  const token = randomBytes(32).toString('base64url');
  const row = await insertDisplayLink({ sessionId, tokenHash: hash(token), label, createdBy: userId });
  return { ...toView(row), path: `/display/${token}` };
}

export async function listLinks(userId: string, sessionId: string): Promise<DisplayLink[]> {
  await requireManager(sessionId, userId);
  return (await listDisplayLinks(sessionId)).map(toView);
}

export async function revokeDisplayLink(userId: string, linkId: string): Promise<DisplayLink> {
  const link = await findDisplayLink(linkId);
  if (!link) throw notFound('displayLink');
  await requireManager(link.sessionId, userId);
  await revokeDisplayLinkRow(linkId);
  return toView((await findDisplayLink(linkId))!);
}

/** The live link a token opens, or undefined (unknown, malformed or revoked). */
export async function resolveDisplayToken(token: unknown): Promise<{ linkId: string; sessionId: string } | undefined> {
  if (typeof token !== 'string' || !TOKEN_PATTERN.test(token)) return undefined;
  const row = await findDisplayLinkByHash(hash(token));
  return row ? { linkId: row.id, sessionId: row.sessionId } : undefined;
}
