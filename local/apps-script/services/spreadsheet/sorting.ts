// Sheets' sort order: numbers and dates, then text (case-insensitive), then booleans; blank cells
// always last, in either direction. The sort is stable.
import type { CellValue } from './cell';

export interface SortSpec {
  /** Absolute column number in the sheet, as Range.sort takes it. */
  column: number;
  ascending: boolean;
}

const rankOf = (v: CellValue | undefined) =>
  v === undefined || v === '' ? 3 : typeof v === 'number' || v instanceof Date ? 0 : typeof v === 'string' ? 1 : 2;

const numeric = (v: CellValue) => (v instanceof Date ? v.getTime() / 86_400_000 + 25_569 : Number(v));

/** Compares two sort keys; blanks sort after everything regardless of direction. */
export function compareForSort(a: CellValue | undefined, b: CellValue | undefined, ascending: boolean): number {
  const ra = rankOf(a);
  const rb = rankOf(b);
  if (ra === 3 || rb === 3) return ra - rb;
  let result = ra - rb;
  if (result === 0 && a !== undefined && b !== undefined) {
    if (ra === 0) result = numeric(a) - numeric(b);
    else if (ra === 1) result = String(a).localeCompare(String(b), 'en', { sensitivity: 'base' });
    else result = Number(a) - Number(b);
  }
  return ascending ? result : -result;
}

/** Normalizes Range.sort's argument: a column, {column, ascending}, or a list of either. */
export function sortSpecsOf(arg: unknown): SortSpec[] | undefined {
  const list = Array.isArray(arg) ? arg : [arg];
  const specs: SortSpec[] = [];
  for (const item of list) {
    if (typeof item === 'number') specs.push({ column: item, ascending: true });
    else if (item && typeof item === 'object' && typeof (item as SortSpec).column === 'number') {
      specs.push({ column: (item as SortSpec).column, ascending: (item as Partial<SortSpec>).ascending !== false });
    } else return undefined;
  }
  return specs.length > 0 ? specs : undefined;
}
