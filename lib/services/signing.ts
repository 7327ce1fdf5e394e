import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Keyed MACs for the codes Balai hands out (check-in codes, invitation links).
 * The key is the auth secret the server resolved at start-up; a code for one
 * purpose never verifies for another because the purpose is part of the input.
 */
function secret(): string {
  const value = process.env.NEXTAUTH_SECRET;
  if (!value) throw new Error('NEXTAUTH_SECRET is not set; the server sets it at start-up.');
  return value;
}

export function mac(purpose: string, value: string): Buffer {
  return createHmac('sha256', secret()).update(`${purpose}\u0000${value}`).digest();
}

export function macMatches(purpose: string, value: string, candidate: string): boolean {
  const expected = Buffer.from(mac(purpose, value).toString('base64url').slice(0, 22));
  const given = Buffer.from(candidate);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export const shortMac = (purpose: string, value: string) => mac(purpose, value).toString('base64url').slice(0, 22);

// Crockford's base32: no I, L, O, U, so a typed code survives being read aloud or misread.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function base32(bytes: Buffer, length: number): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < length) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
    if (out.length >= length) break;
  }
  return out;
}

export { normalizeTypedCode } from '../domain/checkin-code';
