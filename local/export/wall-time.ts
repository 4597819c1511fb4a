// Sheets stores date-times as instants and shows them in the spreadsheet's time zone; an .xlsx file has
// no time zone, only wall-clock serials. exceljs writes a Date by its UTC fields, so an instant is
// turned into a Date whose UTC fields are the wall time in the zone (the local Sheets' own reading).
import { wallTimeOf } from '../apps-script/services/spreadsheet/time-zone';

export function wallClockDate(instant: Date, timeZone: string): Date {
  const w = wallTimeOf(instant.getTime(), timeZone);
  return new Date(Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.millisecond));
}
