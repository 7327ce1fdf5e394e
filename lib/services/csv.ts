import Papa from 'papaparse';

// Papa's own pattern (/^[=+\-@\t\r].*$/) misses a multi-line cell, which plans and questions often are.
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Balai's CSV files: UTF-8 with a BOM (spreadsheet programs otherwise guess
 * the encoding), CRLF lines, and any text cell a spreadsheet would run as a
 * formula (= + - @, tab, CR) quoted as text: names, questions and plans are
 * typed by participants and opened by organizers.
 */
export function toCsv(fields: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number>>): string {
  return `\uFEFF${Papa.unparse({ fields: [...fields], data: rows.map((r) => [...r]) }, { escapeFormulae: FORMULA_START, newline: '\r\n' })}\r\n`;
}
