// How a tab looks once Sheetgram has first filled it: columns wide enough for their header and for the
// values their field type holds (ids never clipped), number formats per field type (thousands
// separators for counts, a percent sign for rates, dates in the spreadsheet's locale), and a frozen,
// bold header on a light background. Widths are planned here, from the layout alone: measuring the
// cells (autoResizeColumns) would read every row of a big tab; one setColumnWidths per run of equal
// widths costs a call or two.
import type { FieldType } from '../reports/types';

/** Sheets' width of a column nobody sized, in pixels. */
export const DEFAULT_COLUMN_WIDTH = 100;
/** The header row's background: Sheets' "light gray 3". */
export const HEADER_BACKGROUND = '#f3f3f3';

/** Widths are rounded up to one of these, so neighbouring columns often share a width (and a call). */
const WIDTHS = [60, 80, 100, 120, 140, 160, 200, 240, 320];
const MAX_WIDTH = WIDTHS[WIDTHS.length - 1];

/**
 * Pixels a line of text takes in Sheets' default font (Arial 10 pt): about 7.5 px a character (a digit is
 * 0.556 em of 13.3 px), 8.5 bold, and 12 px of cell padding. An estimate: Sheets measures real glyphs.
 */
export function textWidth(text: string, bold = false): number {
  return Math.ceil([...text].length * (bold ? 8.5 : 7.5)) + 12;
}

/** Date patterns per locale: the day as the locale writes it, and the same with the time of day. */
export interface DateFormats {
  date: string;
  datetime: string;
}

const MONTH_FIRST: DateFormats = { date: 'M/d/yyyy', datetime: 'M/d/yyyy H:mm:ss' };
const DAY_FIRST_SLASH: DateFormats = { date: 'dd/MM/yyyy', datetime: 'dd/MM/yyyy HH:mm:ss' };
const DAY_FIRST_DOT: DateFormats = { date: 'dd.MM.yyyy', datetime: 'dd.MM.yyyy HH:mm:ss' };
const DAY_FIRST_DASH: DateFormats = { date: 'dd-MM-yyyy', datetime: 'dd-MM-yyyy HH:mm:ss' };
const YEAR_FIRST_SLASH: DateFormats = { date: 'yyyy/MM/dd', datetime: 'yyyy/MM/dd HH:mm:ss' };
/** ISO 8601: for locales that write it, and for any locale not listed (it reads the same everywhere). */
export const ISO_DATES: DateFormats = { date: 'yyyy-mm-dd', datetime: 'yyyy-mm-dd hh:mm:ss' };

/**
 * The order and separator each locale writes a date in (CLDR's short date, as Intl gives it), as
 * Sheets' locale names them ('en_US', 'de'). Sheets' own pattern per locale is not documented: these
 * are the locale's usual numeric form, 24-hour where the locale uses it; US English keeps Sheets' own
 * "Date" and "Date time" formats (M/d/yyyy, M/d/yyyy H:mm:ss).
 */
const BY_LOCALE: Record<string, DateFormats> = {
  en_us: MONTH_FIRST, en: MONTH_FIRST, es_us: MONTH_FIRST, en_ph: MONTH_FIRST,
  en_gb: DAY_FIRST_SLASH, en_au: DAY_FIRST_SLASH, en_nz: DAY_FIRST_SLASH, en_ie: DAY_FIRST_SLASH, en_in: DAY_FIRST_SLASH,
  fr: DAY_FIRST_SLASH, es: DAY_FIRST_SLASH, it: DAY_FIRST_SLASH, pt: DAY_FIRST_SLASH, el: DAY_FIRST_SLASH, id: DAY_FIRST_SLASH, vi: DAY_FIRST_SLASH,
  de: DAY_FIRST_DOT, ru: DAY_FIRST_DOT, pl: DAY_FIRST_DOT, tr: DAY_FIRST_DOT, uk: DAY_FIRST_DOT, ro: DAY_FIRST_DOT,
  fi: DAY_FIRST_DOT, nb: DAY_FIRST_DOT, no: DAY_FIRST_DOT, da: DAY_FIRST_DOT, cs: DAY_FIRST_DOT,
  nl: DAY_FIRST_DASH,
  ja: YEAR_FIRST_SLASH, zh: YEAR_FIRST_SLASH,
  sv: ISO_DATES, lt: ISO_DATES, en_ca: ISO_DATES, fr_ca: ISO_DATES,
};

/** The date patterns for a spreadsheet locale ('en_US', 'de_DE', 'pt-BR'): by the full locale, then its language. */
export function dateFormatsFor(locale: string): DateFormats {
  const full = locale.trim().toLowerCase().replace('-', '_');
  return BY_LOCALE[full] ?? BY_LOCALE[full.split('_')[0]] ?? ISO_DATES;
}

/**
 * Number formats per field type. Text types are '@' (plain text) so ids keep every digit. Meta's
 * percentages are points (32.5 means 32.5 %): a quoted "%" shows the sign without multiplying by 100.
 */
export function numberFormatsFor(dates: DateFormats = ISO_DATES): Record<FieldType, string | null> {
  return {
    text: '@', id: '@', url: '@',
    number: '#,##0.00', integer: '#,##0', percent: '0.00"%"', duration_ms: '#,##0',
    date: dates.date, datetime: dates.datetime,
    boolean: null,
  };
}

/** The widest value a column of each type usually shows, for its width (text and links may be cut). */
function sampleOf(type: FieldType): string {
  switch (type) {
    case 'id': return '1784140000000000123'; // Instagram ids have 17 to 19 digits
    case 'text': return 'sunny.creates.ok';
    case 'url': return 'https://www.instagram.com/p/';
    case 'integer': case 'duration_ms': return '12,345,678';
    case 'number': return '1,234,567.89';
    case 'percent': return '100.00%';
    // Every locale's numeric date takes about as many characters.
    case 'date': return '12/31/2026';
    case 'datetime': return '12/31/2026 23:59:59';
    case 'boolean': return 'FALSE';
  }
}

/** A column's width: its bold header and its typical value both fit, rounded up to a step of WIDTHS. */
export function columnWidth(header: string, type: FieldType): number {
  const wanted = Math.max(textWidth(header, true), textWidth(sampleOf(type)));
  return WIDTHS.find((w) => w >= wanted) ?? MAX_WIDTH;
}

export interface WidthRun {
  /** First sheet column (1-based). */
  column: number;
  /** Adjacent columns of the same width. */
  count: number;
  width: number;
}

/** Widths by sheet column as runs of adjacent columns of one width: one setColumnWidths call each. */
export function widthRuns(widths: { column: number; width: number }[]): WidthRun[] {
  const sorted = [...widths].sort((a, b) => a.column - b.column);
  const runs: WidthRun[] = [];
  for (const w of sorted) {
    const last = runs[runs.length - 1];
    if (last && last.width === w.width && last.column + last.count === w.column) last.count++;
    else runs.push({ column: w.column, count: 1, width: w.width });
  }
  return runs;
}
