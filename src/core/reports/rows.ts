// Records -> rows: each written field's value read from the plan's record and given its type, so
// timestamps become Dates, calendar days become midnights in the spreadsheet's time zone, and
// values Meta did not give stay empty (the cell layer keeps them empty, never 0).
import { calendarDateIn, dateCell, hourIn, parseGraphTimestamp, parseIsoDate, weekdayName, type CalendarDate } from './dates';
import type { Derivation, FieldDefinition, SourceRecord } from './types';

/** Values worked out from an instant, on the spreadsheet's clock (when a post went out, as the person lives it). */
const DERIVATIONS: Record<Derivation, (instant: number, timeZone: string) => unknown> = {
  weekday: (instant, timeZone) => weekdayName(calendarDateIn(instant, timeZone)),
  hour: (instant, timeZone) => hourIn(instant, timeZone),
};

function isCalendarDate(v: unknown): v is CalendarDate {
  return typeof v === 'object' && v !== null && 'year' in v && 'month' in v && 'day' in v;
}

function pathValue(record: SourceRecord, path: string): unknown {
  let value: unknown = record;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

export function fieldValue(record: SourceRecord, field: FieldDefinition, timeZone: string): unknown {
  const value = pathValue(record, field.from ?? field.id);
  if (value === null || value === undefined || value === '') return undefined;
  if (field.derive) {
    const at = value instanceof Date ? value : parseGraphTimestamp(value);
    return at ? DERIVATIONS[field.derive](at.getTime(), timeZone) : undefined;
  }
  switch (field.type) {
    case 'datetime':
      return value instanceof Date ? value : parseGraphTimestamp(value) ?? undefined;
    case 'date': {
      if (value instanceof Date) return value;
      const day = isCalendarDate(value) ? value : typeof value === 'string' ? parseIsoDate(value) : null;
      return day ? dateCell(day, timeZone) : undefined;
    }
    case 'text': case 'id': case 'url':
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
    default:
      return value;
  }
}

/** One row, aligned with the fields. */
export function toRow(record: SourceRecord, fields: FieldDefinition[], timeZone: string): unknown[] {
  return fields.map((f) => fieldValue(record, f, timeZone));
}
