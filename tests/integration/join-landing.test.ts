import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/app-server';
import { joinAsGuest } from '../../lib/services/accounts';
import { findMembership } from '../../lib/db/queries/programme';
import { createSession, landingAfterJoin } from '../../lib/services/programme';
import { createEventWithSession, createUser, startTestServer } from '../fixtures/server';

let server: RunningServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

/**
 * A guest typing the event code lands where the hall's QR code sends phones
 * while a session runs (/q/<session>), else on the programme. The event runs in
 * Jakarta (UTC+7): its plenary is 09:00–10:00 on 27 November, i.e. 02:00–03:00 UTC.
 */
describe('where a guest who joins by code lands', () => {
  it('on the live session’s phone Q&A while it runs, on the programme before, after and during a break', async () => {
    const organizer = await createUser('Org');
    const { event, session } = await createEventWithSession(organizer);
    await createSession(organizer.id, event.id, {
      title: 'Coffee',
      description: '',
      startsAt: '2026-11-27T10:00',
      endsAt: '2026-11-27T10:30',
      kind: 'break',
      speakers: [],
      venueRoom: '',
      liveMode: 'meeting',
    });
    const guest = await joinAsGuest({ code: event.joinCode, name: 'Guest in the hall' });
    // The guest is an in-person participant of the event, so the phone Q&A page lets them in.
    expect(await findMembership(event.id, guest.id)).toMatchObject({ role: 'participant', attendanceMode: 'in_person' });

    const at = (iso: string) => landingAfterJoin(event, new Date(iso));
    expect(await at('2026-11-27T02:30:00Z')).toBe(`/q/${session.id}`);
    expect(await at('2026-11-27T01:59:00Z')).toBe(`/events/${event.slug}`);
    expect(await at('2026-11-27T03:10:00Z')).toBe(`/events/${event.slug}`);
  });

  it('on the programme when two sessions run in parallel (the guest chooses)', async () => {
    const organizer = await createUser('Org');
    const { event } = await createEventWithSession(organizer);
    await createSession(organizer.id, event.id, {
      title: 'Parallel track',
      description: '',
      startsAt: '2026-11-27T09:30',
      endsAt: '2026-11-27T10:30',
      kind: 'workshop',
      speakers: [],
      venueRoom: 'Room 2',
      liveMode: 'meeting',
    });
    expect(await landingAfterJoin(event, new Date('2026-11-27T02:45:00Z'))).toBe(`/events/${event.slug}`);
  });
});
