// CSV the way a person gets it from File > Download > CSV: one file per tab, the shown (display)
// text of every cell, RFC 4180 quoting, CRLF between records. Text stays text: nothing is escaped
// beyond quoting, so what a cell shows is exactly what the file holds.
import type { ExportGrid } from './grid';

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

export function csvField(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(grid: ExportGrid): string {
  if (grid.rows.length === 0) return '';
  return `${grid.rows.map((row) => row.map((cell) => csvField(cell.display)).join(',')).join('\r\n')}\r\n`;
}

/** Parses what toCsv wrote (tests and tools that read the export back). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') {
        quoted = false;
      } else {
        field += ch;
      }
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else {
      field += ch;
    }
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
