import { describe, expect, it } from 'vitest';
import { parseMemberCsv } from '../../lib/services/members';
import { normalizeCountry } from '../../lib/domain/countries';

describe('parseMemberCsv', () => {
  it('accepts good rows with header aliases, BOM, names of countries and mode aliases', () => {
    const csv = '\uFEFFFull Name,E-mail,Country,Organization,Attendance,Role\nSiti,siti@x.id,Indonesia,Coop,in person,moderator\nTenzin,tenzin@x.np,np,,online,\n';
    const { valid, rejected } = parseMemberCsv(csv);
    expect(rejected).toEqual([]);
    expect(valid.map((v) => v.input)).toEqual([
      { name: 'Siti', email: 'siti@x.id', country: 'ID', organisation: 'Coop', attendanceMode: 'in_person', role: 'moderator' },
      { name: 'Tenzin', email: 'tenzin@x.np', country: 'NP', organisation: '', attendanceMode: 'remote', role: 'participant' },
    ]);
  });

  it('reports every bad row with its line number and the reasons', () => {
    const csv = [
      'name,email,country,organisation,attendance mode,role',
      'Ok,ok@x.org,MY,,remote,participant',
      'No Mail,,MY,,remote,participant',
      'Bad Country,bc@x.org,Atlantis,,remote,participant',
      'Bad Mode,bm@x.org,ID,,sometimes,participant',
      'Bad Role,br@x.org,ID,,remote,king',
      'Dup,OK@x.org,ID,,remote,participant',
    ].join('\n');
    const { valid, rejected } = parseMemberCsv(csv);
    expect(valid.map((v) => v.row)).toEqual([2]);
    expect(rejected.map((r) => r.row)).toEqual([3, 4, 5, 6, 7]);
    expect(rejected[1]!.reasons.join(' ')).toContain('Unknown country "Atlantis"');
    expect(rejected[2]!.reasons.join(' ')).toContain('Unknown attendance mode "sometimes"');
    expect(rejected[3]!.reasons.join(' ')).toContain('Unknown role "king"');
    expect(rejected[4]!.reasons.join(' ')).toContain('Duplicate e-mail: the same address is on row 2');
  });

  it.each([
    ['en', 'en'],
    ['id', 'id'],
    [' ID ', 'id'],
    ['English', 'en'],
    ['Bahasa Indonesia', 'id'],
    ['indonesian', 'id'],
  ])('reads the language column: %j → %s', (value, language) => {
    const { valid, rejected } = parseMemberCsv(`name,email,language\nSiti,siti@x.id,${value}\n`);
    expect(rejected).toEqual([]);
    expect(valid[0]!.language).toBe(language);
  });

  it('takes "locale" as the language column, and an empty value leaves the language to the organizer', () => {
    const { valid } = parseMemberCsv('name,email,Locale\nSiti,siti@x.id,id\nAna,ana@x.id,\n');
    expect(valid.map((v) => v.language)).toEqual(['id', undefined]);
  });

  it('reports an unknown language on its row, in the reader\'s language, and keeps the good rows', () => {
    const csv = 'name,email,language\nOk,ok@x.org,id\nBad,bad@x.org,Klingon\n';
    const { valid, rejected } = parseMemberCsv(csv);
    expect(valid.map((v) => v.row)).toEqual([2]);
    expect(rejected).toEqual([{ row: 3, email: 'bad@x.org', reasons: ['Unknown language "Klingon" (use en or id).'] }]);
    expect(parseMemberCsv(csv, 'id').rejected[0]!.reasons).toEqual(['Bahasa "Klingon" tidak dikenal (gunakan en atau id).']);
  });

  it('refuses a file without the required columns', () => {
    expect(() => parseMemberCsv('who,where\nA,B')).toThrow(/name, email/);
  });
});

describe('normalizeCountry', () => {
  it.each([
    ['id', 'ID'],
    [' Viet Nam ', 'VN'],
    ['Sri Lanka', 'LK'],
    ['XX', null],
    ['Narnia', null],
  ])('%s → %s', (input, code) => expect(normalizeCountry(input)).toBe(code));
});
