// Sheets stores date-times as instants and shows them in the spreadsheet's time zone; an .xlsx file has
// no time zone, only wall-clock serials. exceljs writes a Date by its UTC fields, so an instant is
// turned into a Date whose UTC fields are the wall time in the zone.

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function wallClockDate(instant: Date, timeZone: string): Date {
  const parts = Object.fromEntries(formatter(timeZone).formatToParts(instant).map((p) => [p.type, p.value]));
  const ms = instant.getTime() % 1000;
  return new Date(Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second), ms < 0 ? ms + 1000 : ms));
}
