import { describe, expect, it } from 'vitest';
import { isUuid } from '../../lib/domain/ids';

describe('isUuid', () => {
  it('takes a uuid in either case', () => {
    expect(isUuid('0b8e3c1e-4a7f-4d2b-9f61-2c3d4e5f6a7b')).toBe(true);
    expect(isUuid('0B8E3C1E-4A7F-4D2B-9F61-2C3D4E5F6A7B')).toBe(true);
  });

  // Each of these passed the older check /^[0-9a-f-]{36}$/ and reached PostgreSQL as a cast error (a 500).
  it.each(['-'.repeat(36), 'a'.repeat(36), '0b8e3c1e4a7f4d2b9f612c3d4e5f6a7b----', '0b8e3c1e-4a7f-4d2b-9f61-2c3d4e5f6a7b\n', ' 0b8e3c1e-4a7f-4d2b-9f61-2c3d4e5f6a7'])('refuses %j', (s) => {
    expect(isUuid(s)).toBe(false);
  });
});
