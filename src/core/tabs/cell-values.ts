// Turns a typed field value into what goes in a cell: numbers stay numbers, ids and text stay text
// (never a formula), long text is cut with a visible marker, and a missing value stays empty.
import type { FieldType } from '../reports/types';
import type { CellValue } from './tab-port';

/** A Google Sheets cell holds at most 50,000 characters. */
export const MAX_CELL_CHARS = 50_000;

/** Leading characters that make Sheets read text as a formula, a number sign or a text escape. */
const FORMULA_TRIGGERS = /^[=+\-@']/;

export const TEXT_TYPES: ReadonlySet<FieldType> = new Set<FieldType>(['text', 'id', 'url']);

/**
 * How text is kept from becoming a formula. Sheets' behaviour for script writes is not documented
 * (reference apps-script.md §7): 'plain_text_format' relies on the '@' format the writer sets on text
 * columns before every write and stores text exactly; 'apostrophe' also prefixes text that starts with
 * = + - @ or ' with an apostrophe (Sheets' typing convention), for deployments where '@' is not honoured.
 */
export type TextEscaping = 'plain_text_format' | 'apostrophe';
export const DEFAULT_TEXT_ESCAPING: TextEscaping = 'plain_text_format';

function truncationMarker(cut: number): string {
  return `… [truncated by Sheetgram: ${cut} characters]`;
}

/** Text that can never become a formula (in a plain-text column, or escaped) and fits a cell. */
export function safeText(text: string, escaping: TextEscaping = 'apostrophe'): string {
  let out = escaping === 'apostrophe' && FORMULA_TRIGGERS.test(text) ? `'${text}` : text;
  if (out.length > MAX_CELL_CHARS) {
    // The marker's own length depends on the count it shows; two passes settle it.
    let keep = MAX_CELL_CHARS - truncationMarker(out.length).length;
    keep = MAX_CELL_CHARS - truncationMarker(out.length - keep).length;
    out = out.slice(0, keep) + truncationMarker(out.length - keep);
  }
  return out;
}

function toNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return null;
}

/** The cell for a value of a field type; '' when the API gave nothing (never 0). */
export function toCell(value: unknown, type: FieldType, escaping: TextEscaping = 'apostrophe'): CellValue {
  if (value === null || value === undefined || value === '') return '';
  switch (type) {
    case 'text': case 'id': case 'url':
      return safeText(typeof value === 'string' ? value : String(value), escaping);
    case 'number': case 'integer': case 'percent': case 'duration_ms': {
      const n = toNumber(value);
      return n === null ? '' : n;
    }
    case 'date': case 'datetime':
      return value instanceof Date && !Number.isNaN(value.getTime()) ? value : '';
    case 'boolean':
      return typeof value === 'boolean' ? value : value === 'true' ? true : value === 'false' ? false : '';
  }
}
