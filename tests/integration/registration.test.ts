import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { RunningServer } from '../../server/app-server';
import { db } from '../../lib/db/client';
import { eventMembers, invitations, memberDetails, users } from '../../lib/db/schema';
import { importMembersCsv } from '../../lib/services/members';
import { acceptWithPassword, invitationIdFrom, loadInvitation } from '../../lib/services/invitations';
import { inviteList, listProfiles, loadProfile, registerThroughLink, registrationByToken, registrationLinkFor, saveRegistrationLink, updateOwnProfile } from '../../lib/services/registration';
import { verifyCredentials } from '../../lib/services/accounts';
import { ProfileInputSchema } from '../../lib/contracts/registration';
import { addMember, createEventWithSession, createUser, startTestServer, type TestUser } from '../fixtures/server';

let server: RunningServer;
let organizer: TestUser;
let eventId: string;

beforeAll(async () => {
  server = await startTestServer();
  organizer = await createUser('Olive Organizer');
  eventId = (await createEventWithSession(organizer)).event.id;
});
afterAll(async () => {
  await server.close();
});

async function membersWithEmails(emails: string[]) {
  const d = await db();
  return d
    .select({ email: users.email, role: eventMembers.role, mode: eventMembers.attendanceMode, country: eventMembers.country, via: memberDetails.registeredVia })
    .from(eventMembers)
    .innerJoin(users, eq(users.id, eventMembers.userId))
    .leftJoin(memberDetails, and(eq(memberDetails.eventId, eventMembers.eventId), eq(memberDetails.userId, eventMembers.userId)))
    .where(and(eq(eventMembers.eventId, eventId), inArray(users.email, emails)));
}

describe('CSV import', () => {
  it('imports the good rows, reports each bad row with its reasons, and creates invitation links', async () => {
    const csv = [
      'name,email,country,organisation,attendance mode,role',
      'Siti Aminah,siti@import.test,Indonesia,Coop,in person,participant',
      'Tenzin,tenzin@import.test,NP,,online,',
      'Nobody,,ID,,remote,participant',
      'Atlantean,atl@import.test,Atlantis,,remote,participant',
      'Sometimes,sometimes@import.test,ID,,sometimes,participant',
      'Twice,SITI@import.test,ID,,remote,participant',
    ].join('\n');
    const report = await importMembersCsv(organizer.id, eventId, csv);
    expect(report).toMatchObject({ added: 2, updated: 0 });
    expect(report.rejected.map((r) => [r.row, r.reasons.join(' ')])).toEqual([
      [4, expect.stringContaining('valid e-mail')],
      [5, expect.stringContaining('Unknown country "Atlantis"')],
      [6, expect.stringContaining('Unknown attendance mode "sometimes"')],
      [7, expect.stringContaining('Duplicate e-mail: the same address is on row 2')],
    ]);
    const rows = await membersWithEmails(['siti@import.test', 'tenzin@import.test', 'atl@import.test', 'sometimes@import.test']);
    expect(rows.map((r) => r.email).sort()).toEqual(['siti@import.test', 'tenzin@import.test']);
    expect(rows.find((r) => r.email === 'siti@import.test')).toMatchObject({ mode: 'in_person', country: 'ID', via: 'import' });
    // No SMTP in tests: the links come back for the organizer to copy.
    expect(report.invitations.map((i) => [i.email, i.delivery])).toEqual([
      ['siti@import.test', 'copy'],
      ['tenzin@import.test', 'copy'],
    ]);
    expect(report.invitations[0]!.url).toMatch(/\/invite\/[0-9a-f-]{36}\.[\w-]{22}$/);
  });

  it('writes nothing when any write fails: the import is one transaction', async () => {
    const d = await db();
    // A database-level failure on the third good row (as a constraint or a lost connection would cause).
    await d.execute(sql`create or replace function balai_test_refuse() returns trigger language plpgsql as $$
      begin if new.organisation = 'EXPLODE' then raise exception 'refused by test trigger'; end if; return new; end $$`);
    await d.execute(sql`create trigger balai_test_refuse before insert or update on event_members for each row execute function balai_test_refuse()`);
    try {
      const csv = ['name,email,organisation', 'One,one@atomic.test,A', 'Two,two@atomic.test,B', 'Three,three@atomic.test,EXPLODE'].join('\n');
      await expect(importMembersCsv(organizer.id, eventId, csv)).rejects.toThrow();
      const d2 = await db();
      const leftovers = await d2.select().from(users).where(inArray(users.email, ['one@atomic.test', 'two@atomic.test', 'three@atomic.test']));
      expect(leftovers).toEqual([]);
    } finally {
      await d.execute(sql`drop trigger balai_test_refuse on event_members`);
    }
  });

  it('keeps an existing member’s role and mode when the file has no such column, and never demotes an organizer', async () => {
    const mod = await createUser('Existing Moderator');
    await addMember(eventId, mod, 'moderator', 'in_person', 'PH');
    const orgEmail = organizer.email;
    const report = await importMembersCsv(organizer.id, eventId, `name,email,role\nMod,${mod.email},\nOrg,${orgEmail},participant\n`);
    expect(report.updated).toBe(1);
    expect(report.rejected).toEqual([{ row: 3, email: orgEmail, reasons: [expect.stringContaining('organizer')] }]);
    const after = await membersWithEmails([mod.email, orgEmail]);
    expect(after.find((r) => r.email === mod.email)).toMatchObject({ role: 'moderator', mode: 'in_person' });
    expect(after.find((r) => r.email === orgEmail)).toMatchObject({ role: 'organizer' });
  });

  it('refuses an import by a non-organizer and writes nothing', async () => {
    const participant = await createUser('Curious Participant');
    await addMember(eventId, participant, 'participant');
    await expect(importMembersCsv(participant.id, eventId, 'name,email\nX,x@forbidden.test\n')).rejects.toMatchObject({ code: 'forbidden' });
    expect(await membersWithEmails(['x@forbidden.test'])).toEqual([]);
  });
});

describe('invitation list and invitation links', () => {
  it('invites a pasted list line by line, reporting bad and duplicate lines', async () => {
    const report = await inviteList(organizer.id, eventId, {
      text: 'Dewi Lestari <dewi@list.test>\nmaria.santos@list.test\nnot-an-address\n\nbopha@list.test, Bopha Sok\nDEWI@list.test',
      role: 'participant',
      attendanceMode: 'in_person',
      country: 'Philippines',
      organisation: '',
    });
    expect(report).toMatchObject({ added: 3, updated: 0 });
    expect(report.rejected.map((r) => r.row)).toEqual([3, 6]);
    expect(report.invitations.map((i) => i.name).sort()).toEqual(['Bopha Sok', 'Dewi Lestari', 'Maria Santos']);
    const rows = await membersWithEmails(['dewi@list.test', 'maria.santos@list.test', 'bopha@list.test']);
    expect(rows.every((r) => r.country === 'PH' && r.mode === 'in_person' && r.via === 'invite')).toBe(true);
  });

  it('lets the invited person set a password once through the link; forged links are refused', async () => {
    const report = await inviteList(organizer.id, eventId, {
      text: 'Ayesha Khan <ayesha@link.test>',
      role: 'participant',
      attendanceMode: 'remote',
      country: '',
      organisation: '',
    });
    const token = report.invitations[0]!.url.split('/invite/')[1]!;
    expect(invitationIdFrom(token)).not.toBeNull();
    const [id] = token.split('.');
    expect(await loadInvitation(`${id}.AAAAAAAAAAAAAAAAAAAAAA`)).toBeNull();
    expect(await loadInvitation('garbage')).toBeNull();
    const done = await acceptWithPassword(token, { name: 'Ayesha Khan', password: 'a good password' });
    expect(done.email).toBe('ayesha@link.test');
    expect(await verifyCredentials('ayesha@link.test', 'a good password')).not.toBeNull();
    await expect(acceptWithPassword(token, { name: 'Someone Else', password: 'another password' })).rejects.toMatchObject({ code: 'conflict' });
    const d = await db();
    const [inv] = await d.select().from(invitations).where(eq(invitations.id, id!));
    expect(inv!.acceptedAt).not.toBeNull();
  });
});

describe('open registration link', () => {
  const profile = { country: 'VN', organisation: 'Coop', timeZone: 'Asia/Ho_Chi_Minh', locale: 'id' as const, accessibilityNeeds: 'Wheelchair access' };

  it('registers until the capacity is reached, then says the event is full', async () => {
    const other = await createEventWithSession(organizer);
    await expect(saveRegistrationLink((await createUser('Not Org')).id, other.event.id, { capacity: 2, closesAt: '2099-01-01T00:00', open: 'open' })).rejects.toMatchObject({
      code: 'forbidden',
    });
    await saveRegistrationLink(organizer.id, other.event.id, { capacity: 2, closesAt: '2099-01-01T00:00', open: 'open' });
    const link = (await registrationLinkFor(organizer.id, other.event.id))!;
    const token = link.url.split('/register/')[1]!;
    const people = await Promise.all([createUser('R One'), createUser('R Two'), createUser('R Three')]);
    const results = await Promise.allSettled(people.map((p) => registerThroughLink(p.id, token, { ...profile, attendanceMode: 'in_person' })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(2);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: 'conflict', message: 'The event is full.' });
    expect((await registrationByToken(token))?.state).toBe('full');
    // Registering again is harmless for someone already in.
    const winner = people[results.findIndex((r) => r.status === 'fulfilled')]!;
    await expect(registerThroughLink(winner.id, token, { ...profile, attendanceMode: 'remote' })).resolves.toBe(other.event.slug);
    const p = await loadProfile(winner.id, other.event.id);
    expect(p).toMatchObject({ attendanceMode: 'in_person', accessibilityNeeds: 'Wheelchair access', timeZone: 'Asia/Ho_Chi_Minh', locale: 'id', country: 'VN' });
  });

  it('refuses registration after the closing date and when paused', async () => {
    const other = await createEventWithSession(organizer);
    await saveRegistrationLink(organizer.id, other.event.id, { capacity: 10, closesAt: '2020-01-01T00:00', open: 'open' });
    const token = (await registrationLinkFor(organizer.id, other.event.id))!.url.split('/register/')[1]!;
    const p = await createUser('Too Late');
    await expect(registerThroughLink(p.id, token, { ...profile, attendanceMode: 'remote' })).rejects.toMatchObject({ message: 'Registration has closed.' });
    await saveRegistrationLink(organizer.id, other.event.id, { capacity: 10, closesAt: '2099-01-01T00:00', open: 'paused' });
    expect((await registrationByToken(token))?.state).toBe('paused');
    await expect(registerThroughLink(p.id, token, { ...profile, attendanceMode: 'remote' })).rejects.toMatchObject({ code: 'conflict' });
    expect(await registrationByToken('no-such-token-here')).toBeNull();
  });
});

describe('own profile', () => {
  it('changes country, organisation, time zone, language and needs, but never the attendance mode', async () => {
    const p = await createUser('Profile Person');
    await addMember(eventId, p, 'participant', 'remote', 'NP');
    const parsed = ProfileInputSchema.parse({ ...{ country: 'Sri Lanka', organisation: 'Guild', timeZone: 'Asia/Colombo', locale: 'en', accessibilityNeeds: 'Captions' }, attendanceMode: 'in_person' });
    expect('attendanceMode' in parsed).toBe(false);
    await updateOwnProfile(p.id, eventId, parsed);
    expect(await loadProfile(p.id, eventId)).toMatchObject({ country: 'LK', organisation: 'Guild', timeZone: 'Asia/Colombo', accessibilityNeeds: 'Captions', attendanceMode: 'remote' });
    expect(ProfileInputSchema.safeParse({ ...parsed, country: 'Atlantis' }).success).toBe(false);
    expect(ProfileInputSchema.safeParse({ ...parsed, country: 'LK', timeZone: 'Mars/Olympus' }).success).toBe(false);
    expect((await listProfiles(organizer.id, eventId)).find((r) => r.userId === p.id)).toMatchObject({ accessibilityNeeds: 'Captions', timeZone: 'Asia/Colombo' });
    await expect(listProfiles(p.id, eventId)).rejects.toMatchObject({ code: 'forbidden' });
    const stranger = await createUser('Stranger');
    await expect(updateOwnProfile(stranger.id, eventId, { ...parsed, country: 'LK' })).rejects.toMatchObject({ code: 'not_found' });
  });
});
