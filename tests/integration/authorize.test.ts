import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { forbidden, notFound } from '../../lib/errors';
import { actorIn, allowedActor, authorize } from '../../lib/services/authorize';
import { createDisplayLink, revokeDisplayLink } from '../../lib/services/display-links';
import { ownAttendance } from '../../lib/services/attendance-report';
import { patchSession } from '../../lib/services/programme';
import { addMember, createEventWithSession, createUser } from '../fixtures/server';
import { useTestServer } from '../fixtures/test-server';

/**
 * The HTTP side's permission step (lib/services/authorize.ts): the caller's
 * standing from the database on every call, the permission table's answer,
 * and the refusal each caller chose.
 */
useTestServer();

async function cast() {
  const organizer = await createUser('Organizer');
  const { event, session } = await createEventWithSession(organizer);
  const participant = await createUser('Participant');
  await addMember(event.id, participant, 'participant', 'in_person', 'ID');
  const stranger = await createUser('Stranger');
  return { organizer, participant, stranger, event, session };
}

const refusal = (code: string, key: string) => ({ code, text: { key } });

describe('authorize', () => {
  it("gives the member's actor where an event id or a scoped thing points", async () => {
    const { organizer, participant, event, session } = await cast();
    expect(await authorize(organizer.id, event.id, 'event:edit')).toEqual({
      userId: organizer.id,
      eventId: event.id,
      sessionId: null,
      role: 'organizer',
      attendanceMode: 'in_person',
      country: null,
      organisation: '',
    });
    expect(await authorize(participant.id, { kind: 'session', id: session.id }, 'session:join')).toMatchObject({
      eventId: event.id,
      sessionId: session.id,
      role: 'participant',
      attendanceMode: 'in_person',
      country: 'ID',
    });
  });

  it('refuses an unknown thing, a non-member and a role without the action alike (forbidden) unless told otherwise', async () => {
    const { participant, stranger, event, session } = await cast();
    const cases = [
      [participant.id, randomUUID()],
      [participant.id, 'not-a-uuid'],
      [stranger.id, event.id],
      [participant.id, event.id],
    ] as const;
    for (const [who, eventId] of cases) {
      await expect(authorize(who, eventId, 'event:edit')).rejects.toMatchObject(refusal('forbidden', 'general.forbidden'));
      await expect(authorize(who, eventId, 'event:edit', () => notFound('membership'))).rejects.toMatchObject(refusal('not_found', 'notFound.membership'));
    }
    const apart = { missing: () => notFound('session'), nonMember: () => forbidden('general.notMember'), denied: () => forbidden('general.onlyModerators') };
    await expect(authorize(participant.id, { kind: 'session', id: randomUUID() }, 'display:manage-links', apart)).rejects.toMatchObject(refusal('not_found', 'notFound.session'));
    await expect(authorize(stranger.id, { kind: 'session', id: session.id }, 'display:manage-links', apart)).rejects.toMatchObject(refusal('forbidden', 'general.notMember'));
    await expect(authorize(participant.id, { kind: 'session', id: session.id }, 'display:manage-links', apart)).rejects.toMatchObject(refusal('forbidden', 'general.onlyModerators'));
  });

  it('reads the role again on every call: a promotion counts at once', async () => {
    const { participant, event } = await cast();
    expect(await allowedActor(participant.id, event.id, 'attendance:view-all')).toBeUndefined();
    await addMember(event.id, participant, 'moderator');
    expect(await allowedActor(participant.id, event.id, 'attendance:view-all')).toMatchObject({ role: 'moderator' });
  });
});

describe('actorIn and allowedActor', () => {
  it("give a non-member's standing with no role, and tell a missing or malformed id as not found", async () => {
    const { stranger, event, session } = await cast();
    expect(await actorIn(stranger.id, { kind: 'session', id: session.id })).toMatchObject({ eventId: event.id, sessionId: session.id, role: null });
    await expect(actorIn(stranger.id, { kind: 'session', id: randomUUID() })).rejects.toMatchObject(refusal('not_found', 'notFound.session'));
    await expect(actorIn(stranger.id, { kind: 'link', id: 'x' })).rejects.toMatchObject(refusal('not_found', 'notFound.displayLink'));
    await expect(actorIn(stranger.id, event.id.slice(0, 8), () => notFound('membership'))).rejects.toMatchObject(refusal('not_found', 'notFound.membership'));
  });

  it('allowedActor answers undefined for every refusal', async () => {
    const { organizer, participant, stranger, event } = await cast();
    expect(await allowedActor(participant.id, randomUUID(), 'event:view')).toBeUndefined();
    expect(await allowedActor(stranger.id, event.id, 'event:view')).toBeUndefined();
    expect(await allowedActor(participant.id, event.id, 'event:edit')).toBeUndefined();
    expect(await allowedActor(organizer.id, event.id, 'event:edit')).toMatchObject({ userId: organizer.id, role: 'organizer' });
  });
});

describe('services refuse through it with the errors they always gave', () => {
  it('display links from a server action: not found, not a member, only moderators', async () => {
    const { organizer, participant, stranger, session } = await cast();
    await expect(createDisplayLink(participant.id, randomUUID(), 'Hall')).rejects.toMatchObject(refusal('not_found', 'notFound.session'));
    await expect(createDisplayLink(stranger.id, session.id, 'Hall')).rejects.toMatchObject(refusal('forbidden', 'general.notMember'));
    await expect(createDisplayLink(participant.id, session.id, 'Hall')).rejects.toMatchObject(refusal('forbidden', 'general.onlyModerators'));
    const link = await createDisplayLink(organizer.id, session.id, 'Hall');
    await expect(revokeDisplayLink(participant.id, link.id)).rejects.toMatchObject(refusal('forbidden', 'general.onlyModerators'));
    await expect(revokeDisplayLink(organizer.id, randomUUID())).rejects.toMatchObject(refusal('not_found', 'notFound.displayLink'));
    expect((await revokeDisplayLink(organizer.id, link.id)).revokedAt).not.toBeNull();
  });

  it("one's own attendance needs membership; editing a session needs session:edit where the session is", async () => {
    const { organizer, participant, stranger, event, session } = await cast();
    await expect(ownAttendance(stranger.id, event.id)).rejects.toMatchObject(refusal('not_found', 'notFound.membership'));
    expect((await ownAttendance(participant.id, event.id)).me.userId).toBe(participant.id);
    await expect(patchSession(organizer.id, randomUUID(), { title: 'x' })).rejects.toMatchObject(refusal('not_found', 'notFound.session'));
    await expect(patchSession(participant.id, session.id, { title: 'x' })).rejects.toMatchObject(refusal('forbidden', 'general.forbidden'));
    expect((await patchSession(organizer.id, session.id, { title: 'Renamed' })).title).toBe('Renamed');
  });
});
