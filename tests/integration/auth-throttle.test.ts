import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/app-server';
import { ThrottledError } from '../../lib/auth/throttle';
import { env } from '../../lib/env';
import { errorMessage } from '../../lib/errors';
import { signUp } from '../../lib/services/accounts';
import { acceptInvitation, eventByCode, guestJoin, signInWithPassword, signUpWithoutDisclosure } from '../../lib/services/sign-in';
import { findUserByEmail } from '../../lib/db/queries/users';
import { verifyPassword } from '../../lib/auth/password';
import { createEventWithSession, createUser, startTestServer } from '../fixtures/server';

// These run with Balai's real default limits (no BALAI_LIMIT_* set), on the database store (no REDIS_URL).
let server: RunningServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

const address = () => `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;

async function account() {
  const email = `${randomUUID()}@throttle.test`;
  await signUp({ name: 'Tess Throttle', email, password: 'right password' });
  return email;
}

async function refusal(attempt: Promise<unknown>): Promise<ThrottledError> {
  const err = await attempt.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ThrottledError);
  return err as ThrottledError;
}

describe('sign-in', () => {
  it('answers the default number of wrong passwords, then refuses even the right one with a wait', async () => {
    const email = await account();
    const ip = address();
    expect(env().BALAI_LIMIT_SIGNIN_ACCOUNT).toBe(5);
    for (let i = 0; i < 5; i++) {
      await expect(signInWithPassword(email, `wrong ${i}`, ip)).rejects.toMatchObject({ code: 'unauthenticated' });
    }
    const locked = await refusal(signInWithPassword(email, 'right password', ip));
    expect(locked.code).toBe('rate_limited');
    expect(locked.retryAfterSeconds).toBeGreaterThan(25);
    expect(locked.retryAfterSeconds).toBeLessThanOrEqual(30);
    expect(locked.message).toBe(`Too many attempts. Wait ${locked.retryAfterSeconds} seconds and try again.`);
    expect(errorMessage(locked, 'id')).toBe(`Terlalu banyak percobaan. Tunggu ${locked.retryAfterSeconds} detik, lalu coba lagi.`);
    // The account is locked from every address, not only the guessing one.
    await refusal(signInWithPassword(email, 'right password', address()));
  });

  it('fifty wrong passwords sent at the same moment: only the limit is checked, the rest are refused unread', async () => {
    const email = await account();
    // From fifty addresses (a botnet's burst): the account's own limit decides alone. From one address, that
    // address's limit is counted in another order by the same burst and may refuse one of the first five too.
    const outcomes = await Promise.all(
      Array.from({ length: 50 }, (_, i) => signInWithPassword(email, `burst ${i}`, address()).then(() => 'signed in', (e: { code?: string }) => e.code)),
    );
    expect(outcomes.filter((o) => o === 'unauthenticated')).toHaveLength(5);
    expect(outcomes.filter((o) => o === 'rate_limited')).toHaveLength(45);
    await refusal(signInWithPassword(email, 'right password', address()));
  });

  it('people signing in right behind one address do not use up its count', async () => {
    const ip = address();
    // More successful sign-ins than BALAI_LIMIT_SIGNIN_IP (30) from one hall's address.
    const emails = await Promise.all(Array.from({ length: 35 }, () => account()));
    for (const email of emails) expect((await signInWithPassword(email, 'right password', ip)).email).toBe(email);
  });

  it('a right password clears the account count, so earlier mistakes do not add up', async () => {
    const email = await account();
    const ip = address();
    for (let i = 0; i < 4; i++) await expect(signInWithPassword(email, 'wrong', ip)).rejects.toMatchObject({ code: 'unauthenticated' });
    expect((await signInWithPassword(email, 'right password', ip)).email).toBe(email);
    for (let i = 0; i < 4; i++) await expect(signInWithPassword(email, 'wrong', ip)).rejects.toMatchObject({ code: 'unauthenticated' });
    expect((await signInWithPassword(email, 'right password', ip)).email).toBe(email);
  });

  it('counts wrong passwords per address across accounts', async () => {
    const ip = address();
    // 30 wrong passwords spread over 10 accounts: no account reaches its own limit.
    const emails = await Promise.all(Array.from({ length: 10 }, () => account()));
    for (const email of emails) for (let i = 0; i < 3; i++) await expect(signInWithPassword(email, 'wrong', ip)).rejects.toMatchObject({ code: 'unauthenticated' });
    const other = await account();
    await refusal(signInWithPassword(other, 'right password', ip));
    // Another address is not affected.
    expect((await signInWithPassword(other, 'right password', address())).email).toBe(other);
  });
});

describe('joining by code', () => {
  it('refuses an address after ten wrong codes, the right code included', async () => {
    const organizer = await createUser('Organizer');
    const { event } = await createEventWithSession(organizer);
    const ip = address();
    expect(event.joinCode).toMatch(/^[A-Z0-9]{10}$/);
    for (let i = 0; i < 10; i++) {
      await expect(guestJoin({ code: `WRONG${i}`, name: 'Guesser' }, ip)).rejects.toMatchObject({ code: 'not_found' });
    }
    await refusal(guestJoin({ code: event.joinCode, name: 'Guesser' }, ip));
    // The /j/<code> lookup is the same guess, under the same count.
    await refusal(eventByCode(event.joinCode, ip));
    // Someone else in the hall still joins.
    expect((await guestJoin({ code: event.joinCode, name: 'Real guest' }, address())).eventSlug).toBe(event.slug);
  });
});

describe('sign-up', () => {
  it('answers the same for an existing e-mail, and keeps the owner’s password', async () => {
    const email = await account();
    const ip = address();
    await expect(signUpWithoutDisclosure({ name: 'Impostor', email, password: 'another password' }, ip, 'en')).resolves.toBeUndefined();
    const fresh = `${randomUUID()}@throttle.test`;
    await expect(signUpWithoutDisclosure({ name: 'Newcomer', email: fresh, password: 'new password' }, ip, 'en')).resolves.toBeUndefined();
    const owner = await findUserByEmail(email);
    expect(owner?.name).toBe('Tess Throttle');
    expect(await verifyPassword('right password', owner!.passwordHash!)).toBe(true);
    expect((await findUserByEmail(fresh))?.name).toBe('Newcomer');
  });

  it('counts every sign-up per address', async () => {
    const ip = address();
    for (let i = 0; i < 10; i++) await signUpWithoutDisclosure({ name: 'Bulk', email: `${randomUUID()}@bulk.test`, password: 'password!' }, ip, 'en');
    const err = await refusal(signUpWithoutDisclosure({ name: 'Bulk', email: `${randomUUID()}@bulk.test`, password: 'password!' }, ip, 'id'));
    expect(err.retryAfterSeconds).toBeGreaterThan(0);
  });
});

describe('invitation acceptance', () => {
  it('refuses an address after ten unknown or forged links', async () => {
    const ip = address();
    for (let i = 0; i < 10; i++) {
      await expect(acceptInvitation(`${randomUUID()}.forged${i}`, { name: 'Guesser', password: 'password!' }, ip, 'en')).rejects.toMatchObject({ code: 'not_found' });
    }
    await refusal(acceptInvitation(`${randomUUID()}.forged`, { name: 'Guesser', password: 'password!' }, ip, 'en'));
  });
});
