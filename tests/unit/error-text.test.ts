import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import en from '../../lib/i18n/messages/en/errors.json';
import id from '../../lib/i18n/messages/id/errors.json';
import { DomainError, errorMessage, forbidden, notFound } from '../../lib/errors';
import { errorText, isErrorKey, issueText } from '../../lib/i18n/error-text';
import { ModerateSchema } from '../../lib/contracts/qa';
import { EventInputSchema, MemberInputSchema } from '../../lib/contracts/programme';
import { parseMemberCsv } from '../../lib/services/members';
import { NO_ANSWER } from '../../app/_lib/no-answer-text';

const issueOf = (schema: z.ZodType, value: unknown) => {
  const result = schema.safeParse(value);
  if (result.success) throw new Error('expected a validation issue');
  return result.error.issues[0]!;
};

describe('errors in the reader’s language', () => {
  it('a domain error keeps English for logs and tests, and is said in Indonesian on demand', () => {
    const err = new DomainError('conflict', 'registration.eventFull');
    expect(err.message).toBe('The event is full.');
    expect(errorMessage(err, 'id')).toBe('Acara sudah penuh.');
  });

  it.each([
    [notFound('session'), 'Session not found.', 'Sesi tidak ditemukan.'],
    [forbidden(), 'You are not allowed to do that.', 'Anda tidak diizinkan melakukan itu.'],
    [new DomainError('conflict', 'breakouts.roomFull', { room: 'Timor' }), 'Timor is full. Choose another room.', 'Timor sudah penuh. Pilih ruang lain.'],
    [new DomainError('conflict', 'qa.transition', { status: 'pending', action: 'answer' }), 'A pending question cannot be answered.', 'Pertanyaan yang menunggu tidak dapat dijawab.'],
    [new DomainError('conflict', 'media.alreadySending', { source: 'screen_audio' }), 'You already send screen-audio.', 'Anda sudah mengirim audio layar.'],
  ])('%s', (err, english, indonesian) => {
    expect(err.message).toBe(english);
    expect(errorMessage(err, 'id')).toBe(indonesian);
  });

  it('schema messages are keys, said with their params', () => {
    const country = issueOf(MemberInputSchema.shape.country, 'Atlantis');
    expect(issueText(country, 'en')).toBe('Unknown country "Atlantis" (use an ISO code such as ID, or the English name).');
    expect(issueText(country, 'id')).toContain('Negara "Atlantis" tidak dikenal');
    const dates = issueOf(EventInputSchema, { title: 'Programme', slug: 'p', timeZone: 'Asia/Jakarta', startDate: '2026-12-02', endDate: '2026-12-01' });
    expect(issueText(dates, 'id')).toBe('Acara harus berakhir pada atau setelah hari pertamanya.');
  });

  it('a bound in a schema message comes from the issue', () => {
    const reason = issueOf(ModerateSchema, {
      mutationId: crypto.randomUUID(),
      questionId: crypto.randomUUID(),
      action: { type: 'reject', reason: 'x'.repeat(1000) },
    });
    expect(issueText(reason, 'en')).toMatch(/^Keep the reason under \d+ characters\.$/);
    expect(issueText(reason, 'id')).toMatch(/^Alasan paling banyak \d+ karakter\.$/);
  });

  it('zod’s own messages come from zod’s locale', () => {
    const issue = issueOf(z.object({ title: z.string().min(3) }), { title: 'a' });
    expect(issueText(issue, 'en')).toContain('Too small');
    expect(issueText(issue, 'id')).toContain('Terlalu kecil');
  });

  it('every key a contract names exists in the catalog', () => {
    const dir = path.join(__dirname, '../../lib/contracts');
    const used = readdirSync(dir).flatMap((f) => [...readFileSync(path.join(dir, f), 'utf8').matchAll(/'(validation\.\w+)'/g)].map((m) => m[1]!));
    expect(used.length).toBeGreaterThan(20);
    for (const key of used) expect(isErrorKey(key), key).toBe(true);
  });

  it('the CSV import report speaks the organizer’s language', () => {
    const csv = ['name,email,country,attendance mode,role', 'A,a@x.org,Atlantis,remote,', 'B,b@x.org,ID,sometimes,', 'C,A@x.org,ID,remote,king'].join('\n');
    const { rejected } = parseMemberCsv(csv, 'id');
    expect(rejected.map((r) => r.reasons.join(' '))).toEqual([
      expect.stringContaining('Negara "Atlantis" tidak dikenal'),
      'Mode kehadiran "sometimes" tidak dikenal (gunakan in_person atau remote).',
      expect.stringMatching(/Peran "king" tidak dikenal.*Surel ganda: alamat yang sama ada di baris 2\./),
    ]);
  });

  it('the browser’s own “no answer” text matches the catalog', () => {
    expect(NO_ANSWER.en).toBe(en.general.timeout);
    expect(NO_ANSWER.id).toBe(id.general.timeout);
    expect(errorText('id', 'general.timeout')).toBe(id.general.timeout);
  });
});
