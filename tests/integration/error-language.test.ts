import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/app-server';
import { db } from '../../lib/db/client';
import { users } from '../../lib/db/schema';
import { createEvent } from '../../lib/services/programme';
import { inviteList } from '../../lib/services/registration';
import { connect, connectAs, connected, createEventWithSession, createUser, send, startTestServer, type TestSocket } from '../fixtures/server';

// Errors reach people in the language they chose: the profile's language,
// else the one their browser asked for, read when the error happens.

let server: RunningServer;
const open: TestSocket[] = [];
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  open.forEach((s) => s.disconnect());
  await server.close();
});

const setLocale = async (userId: string, locale: 'en' | 'id' | null) => (await db()).update(users).set({ locale }).where(eq(users.id, userId));

describe('error acks in the caller’s language', () => {
  it('says validation and domain errors in Indonesian for a profile in Indonesian', async () => {
    const organizer = await createUser('Organizer');
    const outsider = await createUser('Outsider');
    await setLocale(outsider.id, 'id');
    const { session } = await createEventWithSession(organizer);
    const socket = await connectAs(server, outsider);
    open.push(socket);

    expect(await send(socket, 'qa:join', { sessionId: 'nope' })).toEqual({ ok: false, error: { code: 'invalid_payload', message: 'ID tidak valid. (sessionId)' } });
    expect(await send(socket, 'qa:join', { sessionId: session.id })).toEqual({ ok: false, error: { code: 'forbidden', message: 'Anda bukan anggota acara ini.' } });
    expect(await send(socket, 'qa:join', { sessionId: crypto.randomUUID() })).toEqual({ ok: false, error: { code: 'not_found', message: 'Sesi tidak ditemukan.' } });
  });

  it('refuses a connection without a session in the language its browser chose', async () => {
    const refusal = (cookie?: string) => {
      const socket = connect(server, cookie);
      open.push(socket);
      return connected(socket).then(
        () => null,
        (e: Error & { data?: { code: string; message: string } }) => e.data,
      );
    };
    expect(await refusal('BALAI_LOCALE=id')).toEqual({ code: 'unauthenticated', message: 'Silakan masuk terlebih dahulu.' });
    expect(await refusal()).toEqual({ code: 'unauthenticated', message: 'Sign in first.' });
  });

  it('follows a language switch made while the socket stays open', async () => {
    const organizer = await createUser('Organizer');
    const outsider = await createUser('Outsider');
    const { session } = await createEventWithSession(organizer);
    const socket = await connectAs(server, outsider);
    open.push(socket);
    expect(await send(socket, 'qa:join', { sessionId: session.id })).toMatchObject({ error: { message: 'You are not a member of this event.' } });
    await setLocale(outsider.id, 'id');
    expect(await send(socket, 'qa:join', { sessionId: session.id })).toMatchObject({ error: { message: 'Anda bukan anggota acara ini.' } });
    await setLocale(outsider.id, 'en');
    expect(await send(socket, 'qa:join', { sessionId: session.id })).toMatchObject({ error: { message: 'You are not a member of this event.' } });
  });

  it.each([
    ['the language cookie', { cookie: 'BALAI_LOCALE=id' }],
    ['Accept-Language', { 'accept-language': 'id-ID,id;q=0.9,en;q=0.5' }],
  ])('without a profile language, uses %s', async (_label, headers) => {
    const organizer = await createUser('Organizer');
    const outsider = await createUser('Outsider');
    const { session } = await createEventWithSession(organizer);
    const extra = { ...headers } as Record<string, string>;
    const cookie = [outsider.cookie, extra.cookie].filter(Boolean).join('; ');
    delete extra.cookie;
    const socket = connect(server, cookie, extra);
    open.push(socket);
    await connected(socket);
    expect(await send(socket, 'qa:join', { sessionId: session.id })).toMatchObject({ error: { code: 'forbidden', message: 'Anda bukan anggota acara ini.' } });
  });

  it('reports each bad line of an invitation list in the organizer’s language, and nothing is half-done', async () => {
    const organizer = await createUser('Organizer');
    const event = await createEvent(organizer.id, {
      title: 'Lokakarya',
      description: '',
      timeZone: 'Asia/Jakarta',
      startDate: '2026-11-27',
      endDate: '2026-11-28',
      venueName: '',
      venueAddress: '',
    });
    const report = await inviteList(
      organizer.id,
      event.id,
      { text: 'ok@x.org\nnot-an-address\nOK@x.org', role: 'participant', attendanceMode: 'remote', country: 'Atlantis', organisation: '' },
      'id',
    );
    expect(report.added).toBe(0);
    expect(report.rejected.map((r) => [r.row, r.reasons.join(' ')])).toEqual([
      [1, expect.stringContaining('Negara "Atlantis" tidak dikenal')],
      [2, expect.stringContaining('Masukkan alamat surel yang valid.')],
      [3, expect.stringContaining('Surel ganda: alamat yang sama ada di baris 1.')],
    ]);
  });
});
