// A Workbook that counts, per tab, the writes that reach its cells. Range.setValues, Range.setValue and
// Sheet.appendRow all end in Workbook.writeValues, so this attributes the runtime's "range writes" to
// the tab they wrote (the service counters know the method, not the tab).
import { Workbook, type WorkbookOptions } from '../apps-script/services/spreadsheet';

export interface TabWrites {
  /** The tab's current name. */
  name: string;
  writes: number;
  rows: number;
  cells: number;
}

export type WriteTally = Record<string, TabWrites>;

type WriteArgs = Parameters<Workbook['writeValues']>;

export class MeteredWorkbook extends Workbook {
  private readonly tally = new Map<number, TabWrites>();

  constructor(options: WorkbookOptions = {}) {
    super(options);
  }

  override writeValues(sheet: WriteArgs[0], rect: WriteArgs[1], values: WriteArgs[2]): void {
    super.writeValues(sheet, rect, values);
    const entry = this.tally.get(sheet.id) ?? { name: sheet.name, writes: 0, rows: 0, cells: 0 };
    entry.name = sheet.name;
    entry.writes += 1;
    entry.rows += rect.numRows;
    entry.cells += rect.numRows * rect.numColumns;
    this.tally.set(sheet.id, entry);
  }

  /** Writes so far, by tab id. */
  writes(): WriteTally {
    return Object.fromEntries([...this.tally].map(([id, t]) => [String(id), { ...t }]));
  }
}

/** Writes between two tallies, by tab name (tabs with none left out). */
export function writesBetween(before: WriteTally, after: WriteTally): Record<string, TabWrites> {
  const out: Record<string, TabWrites> = {};
  for (const [id, t] of Object.entries(after)) {
    const b = before[id];
    const d = { name: t.name, writes: t.writes - (b?.writes ?? 0), rows: t.rows - (b?.rows ?? 0), cells: t.cells - (b?.cells ?? 0) };
    if (d.writes > 0) out[t.name] = d;
  }
  return out;
}
