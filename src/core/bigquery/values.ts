// A tab's cell as a BigQuery JSON value of its column's type. Cells are what runs wrote, but people edit
// tabs: a cell that is not of its column's type becomes NULL (and is counted), so one typed-over cell
// never fails a whole load.
import { calendarDateIn, isoDate, parseIsoDate } from '../reports/dates';
import type { CellValue } from '../tabs/tab-port';
import type { ColumnType } from './port';

export type JsonValue = string | number | boolean | null;

const unquoted = (text: string) => text.replace(/^'/, '');
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

export function jsonValue(cell: CellValue | undefined, type: ColumnType, timeZone: string): { value: JsonValue; fits: boolean } {
  if (cell === undefined || cell === '' || cell === null) return { value: null, fits: true };
  const none = { value: null, fits: false };
  switch (type) {
    case 'STRING':
      // As read: Sheets has already dropped an escaping apostrophe, so one still there is the text's own.
      return { value: cell instanceof Date ? cell.toISOString() : String(cell), fits: true };
    case 'INT64': {
      const n = typeof cell === 'number' ? cell : typeof cell === 'string' && cell.trim() !== '' ? Number(unquoted(cell).trim()) : NaN;
      return Number.isSafeInteger(n) ? { value: n, fits: true } : none;
    }
    case 'FLOAT64': {
      const n = typeof cell === 'number' ? cell : typeof cell === 'string' && cell.trim() !== '' ? Number(unquoted(cell).trim()) : NaN;
      return Number.isFinite(n) ? { value: n, fits: true } : none;
    }
    case 'BOOL':
      if (typeof cell === 'boolean') return { value: cell, fits: true };
      if (typeof cell === 'string' && /^(true|false)$/i.test(cell.trim())) return { value: cell.trim().toLowerCase() === 'true', fits: true };
      return none;
    case 'DATE': {
      if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? none : { value: isoDate(calendarDateIn(cell.getTime(), timeZone)), fits: true };
      const day = typeof cell === 'string' ? parseIsoDate(unquoted(cell).trim()) : null;
      return day ? { value: isoDate(day), fits: true } : none;
    }
    case 'TIMESTAMP': {
      // Only full ISO times: Date.parse also takes loose text ("about 5" would become a day in 2001).
      const text = typeof cell === 'string' ? unquoted(cell).trim() : '';
      const ms = cell instanceof Date ? cell.getTime() : ISO_TIME.test(text) ? Date.parse(text.replace(/([+-]\d\d)(\d\d)$/, '$1:$2')) : NaN;
      return Number.isFinite(ms) ? { value: new Date(ms).toISOString(), fits: true } : none;
    }
  }
}
