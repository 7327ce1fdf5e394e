import type { LanguageSetup } from '../contracts/interpretation';
import { captionersOf, interpretersOf, sessionLanguagesOf } from '../db/queries/interpretation';
import { listMembers } from '../db/queries/programme';
import { activeRun, roomsOf } from '../db/queries/breakouts';

/** A session's language setup as the contract gives it; the member list only for those who manage it. */
export async function languageSetup(sessionId: string, eventId: string, withMembers: boolean): Promise<LanguageSetup> {
  const [row, interpreters, captioners, members, run] = await Promise.all([
    sessionLanguagesOf(sessionId),
    interpretersOf(sessionId),
    captionersOf(sessionId),
    withMembers ? listMembers(eventId) : Promise.resolve([]),
    activeRun(sessionId),
  ]);
  const breakoutRooms = run && withMembers ? (await roomsOf(run.id)).map((r) => ({ id: r.id, name: r.name })) : [];
  return {
    sessionId,
    floorLanguage: row?.floorLanguage ?? null,
    languages: row?.languages ?? [],
    interpreters,
    signInterpreterId: row?.signInterpreterId ?? null,
    captionsOnDisplay: row?.captionsOnDisplay ?? false,
    captioners,
    breakoutRooms,
    members: members.map((m) => ({ userId: m.userId, name: m.name })),
  };
}
