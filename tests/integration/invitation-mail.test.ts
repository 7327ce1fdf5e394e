import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/app-server';
import { and, eq } from 'drizzle-orm';
import { inviteList } from '../../lib/services/registration';
import { acceptWithPassword, invitationPageLocale, listInvitations, resendInvitation } from '../../lib/services/invitations';
import { importMembersCsv, inviteMember } from '../../lib/services/members';
import { db } from '../../lib/db/client';
import { eventMembers, invitations, users } from '../../lib/db/schema';
import { createEventWithSession, createUser, startTestServer, type TestUser } from '../fixtures/server';

/** A minimal SMTP server that accepts every message and keeps it, to see what Balai sends. */
function fakeSmtp(received: { to: string[]; data: string }[], refuse: (rcpt: string) => boolean): Server {
  return createServer((socket) => {
    let to: string[] = [];
    let data: string | null = null;
    let buffer = '';
    socket.write('220 fake ESMTP\r\n');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      let i: number;
      while ((i = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, i);
        buffer = buffer.slice(i + 2);
        if (data !== null) {
          if (line === '.') {
            received.push({ to, data });
            data = null;
            to = [];
            socket.write('250 queued\r\n');
          } else data += `${line}\n`;
          continue;
        }
        const cmd = line.slice(0, 4).toUpperCase();
        if (cmd === 'EHLO' || cmd === 'HELO') socket.write('250 fake\r\n');
        else if (cmd === 'MAIL') socket.write('250 ok\r\n');
        else if (cmd === 'RCPT') {
          const rcpt = /<([^>]+)>/.exec(line)?.[1] ?? '';
          if (refuse(rcpt)) socket.write('550 no such mailbox\r\n');
          else (to.push(rcpt), socket.write('250 ok\r\n'));
        } else if (cmd === 'DATA') (data = '', socket.write('354 go ahead\r\n'));
        else if (cmd === 'QUIT') (socket.write('221 bye\r\n'), socket.end());
        else if (cmd === 'RSET') (to = [], socket.write('250 ok\r\n'));
        else socket.write('250 ok\r\n');
      }
    });
  });
}

let smtp: Server;
let server: RunningServer;
let organizer: TestUser;
let eventId: string;
const received: { to: string[]; data: string }[] = [];

beforeAll(async () => {
  smtp = fakeSmtp(received, (rcpt) => rcpt.startsWith('bounce'));
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const address = smtp.address();
  // Set before the server reads its environment (once, at start).
  process.env.SMTP_URL = `smtp://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}?ignoreTLS=true`;
  process.env.SMTP_FROM = 'Balai Test <balai@test.invalid>';
  server = await startTestServer();
  organizer = await createUser('Mail Organizer');
  eventId = (await createEventWithSession(organizer)).event.id;
});
afterAll(async () => {
  await server.close();
  await new Promise((resolve) => smtp.close(resolve));
});

describe('invitations with SMTP_URL set', () => {
  it('e-mails each invitation with its link, and reports a refused address without losing the invitation', async () => {
    const report = await inviteList(organizer.id, eventId, {
      text: 'Meera Iyer <meera@mail.test>\nbounce@mail.test',
      role: 'participant',
      attendanceMode: 'remote',
      country: 'IN',
      organisation: '',
    });
    expect(report.added).toBe(2);
    const meera = report.invitations.find((i) => i.email === 'meera@mail.test')!;
    expect(meera.delivery).toBe('sent');
    expect(report.invitations.find((i) => i.email === 'bounce@mail.test')!.delivery).toBe('failed');
    const mail = received.find((m) => m.to.includes('meera@mail.test'))!;
    expect(mail.data).toContain('From: Balai Test <balai@test.invalid>');
    expect(mail.data).toMatch(/Subject: You are invited to Test event/);
    expect(mail.data.replace(/=\n/g, '')).toContain(meera.url.split('/invite/')[1]!.slice(0, 30));

    const listed = await listInvitations(organizer.id, eventId);
    expect(listed.find((i) => i.email === 'meera@mail.test')!.sentAt).not.toBeNull();
    expect(listed.find((i) => i.email === 'bounce@mail.test')).toMatchObject({ sentAt: null, sendError: expect.stringContaining('550') });

    // Inviting again does not e-mail twice.
    const before = received.length;
    await inviteList(organizer.id, eventId, { text: 'meera@mail.test', role: 'participant', attendanceMode: 'remote', country: 'IN', organisation: '' });
    expect(received.length).toBe(before);
  });
});

/** The one message sent to this address since `from` (an index into `received`), its soft line breaks undone. */
function mailTo(address: string, from = 0): string {
  const mails = received.slice(from).filter((m) => m.to.includes(address));
  expect(mails).toHaveLength(1);
  return mails[0]!.data.replace(/=\n/g, '');
}

const listDefaults = { role: 'participant', attendanceMode: 'remote', country: 'ID', organisation: '' } as const;

describe('the language of an invitation', () => {
  // An event of its own, so the first test's invitations do not mix in.
  let title: string;
  let eventId: string;
  beforeAll(async () => {
    ({ title, id: eventId } = (await createEventWithSession(organizer)).event);
  });
  const indonesian = (mail: string) => {
    expect(mail).toContain(`Subject: Anda diundang ke ${title}`);
    expect(mail).toContain(`Anda diundang ke ${title} di Balai.`);
    expect(mail).not.toContain('You are invited');
  };
  const english = (mail: string) => {
    expect(mail).toContain(`Subject: You are invited to ${title}`);
    expect(mail).toContain(`You are invited to ${title} on Balai.`);
  };

  it("is the organizer's own language when they did not choose one (list invite, single invite)", async () => {
    const from = received.length;
    await inviteList(organizer.id, eventId, { ...listDefaults, text: 'Siti Rahma <siti@lang.test>' }, 'id');
    indonesian(mailTo('siti@lang.test', from));
    await inviteMember(organizer.id, eventId, { ...listDefaults, name: 'Budi', email: 'budi@lang.test' }, { organizerLocale: 'id' });
    indonesian(mailTo('budi@lang.test', from));
  });

  it('is the one the organizer chose, over their own', async () => {
    const from = received.length;
    await inviteList(organizer.id, eventId, { ...listDefaults, text: 'dewi@lang.test', language: 'id' }, 'en');
    indonesian(mailTo('dewi@lang.test', from));
    await inviteMember(organizer.id, eventId, { ...listDefaults, name: 'Made', email: 'made@lang.test' }, { language: 'id', organizerLocale: 'en' });
    indonesian(mailTo('made@lang.test', from));
  });

  it("gives way to the invitee's own profile language", async () => {
    const invitee = await createUser('Anna English');
    await (await db()).update(users).set({ locale: 'en' }).where(eq(users.id, invitee.id));
    const from = received.length;
    await inviteList(organizer.id, eventId, { ...listDefaults, text: invitee.email, language: 'id' }, 'id');
    english(mailTo(invitee.email, from));
  });

  it('is kept by a resend, whatever language the resending organizer uses', async () => {
    const report = await inviteList(organizer.id, eventId, { ...listDefaults, text: 'wayan@lang.test', language: 'id' }, 'en');
    const from = received.length;
    const link = await resendInvitation(organizer.id, eventId, report.invitations[0]!.userId, 'en');
    expect(link.delivery).toBe('sent');
    indonesian(mailTo('wayan@lang.test', from));
  });

  it('comes from the CSV language column; a bad value rejects that row and imports nothing of it', async () => {
    const from = received.length;
    const csv = [
      'name,email,language',
      'Putu,putu@lang.test,id',
      'Eka,eka@lang.test,Bahasa Indonesia',
      'Jane,jane@lang.test,English',
      'Nobody,nobody@lang.test,Elvish',
      'Ketut,ketut@lang.test,',
    ].join('\n');
    const report = await importMembersCsv(organizer.id, eventId, csv, 'en');
    expect(report).toMatchObject({ added: 4, updated: 0 });
    expect(report.rejected).toEqual([{ row: 5, email: 'nobody@lang.test', reasons: ['Unknown language "Elvish" (use en or id).'] }]);
    indonesian(mailTo('putu@lang.test', from));
    indonesian(mailTo('eka@lang.test', from));
    english(mailTo('jane@lang.test', from));
    // No language on the row: the importing organizer's.
    english(mailTo('ketut@lang.test', from));
    // The rejected row left nothing behind: no member, no invitation, no mail.
    expect(received.slice(from).some((m) => m.to.includes('nobody@lang.test'))).toBe(false);
    const d = await db();
    const [nobody] = await d.select({ id: users.id }).from(users).where(eq(users.email, 'nobody@lang.test'));
    if (nobody) {
      expect(await d.select().from(eventMembers).where(and(eq(eventMembers.eventId, eventId), eq(eventMembers.userId, nobody.id)))).toEqual([]);
      expect(await d.select().from(invitations).where(eq(invitations.userId, nobody.id))).toEqual([]);
    }
    expect((await listInvitations(organizer.id, eventId)).map((i) => i.email)).not.toContain('nobody@lang.test');
  });

  it("reports a bad language in the importing organizer's language", async () => {
    const report = await importMembersCsv(organizer.id, eventId, 'name,email,bahasa\nX,x@lang.test,jawa\n', 'id');
    expect(report).toMatchObject({ added: 0, updated: 0, invitations: [] });
    expect(report.rejected[0]!.reasons).toEqual(['Bahasa "jawa" tidak dikenal (gunakan en atau id).']);
  });

  it("sets the invitation page's language, and accepting keeps it as the new account's language", async () => {
    const report = await inviteList(organizer.id, eventId, { ...listDefaults, text: 'nyoman@lang.test', language: 'id' }, 'en');
    const token = report.invitations[0]!.url.split('/invite/')[1]!;
    expect(await invitationPageLocale(token)).toBe('id');
    expect(await invitationPageLocale(`${token.split('.')[0]}.forged`)).toBeNull();
    await acceptWithPassword(token, { name: 'Nyoman', password: 'kata-sandi-rahasia' }, 'id');
    const [account] = await (await db()).select({ locale: users.locale }).from(users).where(eq(users.email, 'nyoman@lang.test'));
    expect(account!.locale).toBe('id');

    // Someone with their own language sees the page in it.
    const anna = await createUser('Anna English');
    await (await db()).update(users).set({ locale: 'en' }).where(eq(users.id, anna.id));
    const [annaLink] = (await inviteList(organizer.id, eventId, { ...listDefaults, text: anna.email, language: 'id' }, 'id')).invitations;
    expect(await invitationPageLocale(annaLink!.url.split('/invite/')[1]!)).toBe('en');
  });
});
