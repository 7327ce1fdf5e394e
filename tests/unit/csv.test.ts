import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { toCsv } from '../../lib/services/csv';

describe('toCsv', () => {
  it('writes a BOM and CRLF lines, and keeps text that a spreadsheet would run as a formula as text', () => {
    const csv = toCsv(['name', 'plan', 'minutes'], [
      ['=HYPERLINK("http://evil.example")', '+62 banks', 5],
      ['@SUM(A1)', '-1 loan\nsecond line', -3],
      ['\tTab', 'Nguyễn Thị Lan', 0],
    ]);
    expect(csv.startsWith('\uFEFFname,plan,minutes\r\n')).toBe(true);
    const rows = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true }).data;
    expect(rows.slice(1)).toEqual([
      [`'=HYPERLINK("http://evil.example")`, `'+62 banks`, '5'],
      [`'@SUM(A1)`, `'-1 loan\nsecond line`, '-3'],
      [`'\tTab`, 'Nguyễn Thị Lan', '0'],
    ]);
  });
});
