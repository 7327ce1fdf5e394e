import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/app-server';
import { inviteList } from '../../lib/services/registration';
import { listInvitations } from '../../lib/services/invitations';
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
