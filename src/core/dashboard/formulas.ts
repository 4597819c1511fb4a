// Formula fragments over data ranges ('Tab'!F2:F) that read only the rows passing `only` (the
// account's rows). Everything goes through FILTER, whose conditions compare text exactly: a *IFS
// criterion that looks like a number ("17841400000000001") may be matched as a number, and a number
// keeps only 15 digits, so two accounts' ids could look the same.

/** FILTER(a, c1, c2) or FILTER({a,b}, c1, c2). */
export function filter(columns: string[], conditions: string[]): string {
  const source = columns.length === 1 ? columns[0] : `{${columns.join(',')}}`;
  return `FILTER(${source},${conditions.join(',')})`;
}

/** The value on the latest date (whole-column ranges run past the last row: blank dates are left out). */
export function latest(dates: string, values: string, only: string[]): string {
  return `INDEX(SORT(${filter([dates, values], [`${dates}<>""`, ...only])},1,FALSE),1,2)`;
}

/** The value on the latest date at least `days` days before today. */
export function asOf(dates: string, values: string, days: number, only: string[]): string {
  return `INDEX(SORT(${filter([dates, values], [`${dates}<>""`, `${dates}<=TODAY()-${days}`, ...only])},1,FALSE),1,2)`;
}

/** Since midnight `days` days ago (TODAY() is the sheet's midnight). */
const since = (dates: string, days: number) => `${dates}>=TODAY()-${days}`;

export function countSince(dates: string, days: number, only: string[]): string {
  return `ROWS(${filter([dates], [since(dates, days), ...only])})`;
}

export function averageSince(values: string, dates: string, days: number, only: string[]): string {
  return `AVERAGE(${filter([values], [since(dates, days), ...only])})`;
}

/** The sum of the last `days` whole days, today left out (its figures are not in yet). */
export function sumOfLastDays(values: string, dates: string, days: number, only: string[]): string {
  return `SUM(${filter([values], [since(dates, days), `${dates}<TODAY()`, ...only])})`;
}

/** Rows posted in the week before today (the last 7 days, today included), `weeksBack` weeks earlier. */
export function weekConditions(dates: string, weeksBack: number): string[] {
  const from = 7 * (weeksBack + 1);
  return [`${dates}>=TODAY()-${from - 1}`, ...(weeksBack ? [`${dates}<TODAY()-${from - 8}`] : [])];
}

/** A week's count or sum of posts (0 for none), this week or `weeksBack` weeks before. */
export function weekTotal(values: string | null, dates: string, weeksBack: number, only: string[]): string {
  const rows = filter([values ?? dates], [...weekConditions(dates, weeksBack), ...only]);
  return values ? `IFERROR(SUM(${rows}),0)` : `IFERROR(ROWS(${rows}),0)`;
}
