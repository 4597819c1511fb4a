// Reads one tab of the local workbook the way an export sees it: the used range from A1, and per cell
// what it shows (display text), what it holds (typed value) and its number format. Reading goes
// through the Workbook's person-facing methods, so it is not counted as script service calls.
import type { Workbook } from '../apps-script/services/spreadsheet';
import type { CellValue } from '../apps-script/services/spreadsheet';
import { rectToA1 } from '../apps-script/services/spreadsheet/a1';
import type { ConditionalRuleState } from '../apps-script/services/spreadsheet/sheet-state';

export interface ExportCell {
  /** The text the cell shows in Sheets. */
  display: string;
  /** What getValue would return ('' for a blank cell). */
  value: CellValue;
  /** Number format pattern; undefined = General. */
  format?: string;
  /** Formula text with the leading "=", when the cell holds one. */
  formula?: string;
  /** Styling a script set (fontWeight, fontColor, background, fontSize, alignments, wrap). */
  style?: Record<string, string | boolean | number>;
  /** A checkbox and the values it means checked and unchecked. */
  checkbox?: { checked: CellValue; unchecked: CellValue };
}

export interface ExportGrid {
  name: string;
  rows: ExportCell[][];
  frozenRows: number;
  hidden: boolean;
  /** Pixels by 1-based column, for the columns a script sized (setColumnWidth, autoResizeColumns). */
  columnWidths: Record<number, number>;
  /** Pixels by 1-based row, for the rows a script sized (setRowHeights). */
  rowHeights: Record<number, number>;
  /** The tab's conditional format rules, in priority order, with their ranges in A1 notation. */
  conditionalFormats: ExportConditionalFormat[];
}

export interface ExportConditionalFormat {
  ranges: string[];
  /** SpreadsheetApp.BooleanCriteria name. */
  criteria: string;
  values: (string | number)[];
  format: ConditionalRuleState['format'];
}

/** Cells the local runtime could not show as Sheets would: exported another way, and counted. */
export interface DisplayFallback {
  sheet: string;
  /** 'number format "#,##0.##"' or 'formula'. */
  what: string;
  cells: number;
  /** The runtime's message. */
  reason: string;
}

type SheetOf = Workbook['sheets'][number];

/** Plain text for a value whose number format the local runtime cannot render. */
function generalText(value: CellValue): string {
  if (typeof value === 'number') return String(Number(value.toPrecision(15)));
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return value.toISOString();
  return value;
}

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

class Fallbacks {
  private readonly byKey = new Map<string, DisplayFallback>();

  note(sheet: string, what: string, reason: string): void {
    const key = `${sheet}\u0000${what}`;
    const entry = this.byKey.get(key) ?? { sheet, what, cells: 0, reason };
    entry.cells += 1;
    this.byKey.set(key, entry);
  }

  list(): DisplayFallback[] {
    return [...this.byKey.values()];
  }
}

function readCell(workbook: Workbook, sheet: SheetOf, row: number, column: number, fallbacks: Fallbacks): ExportCell {
  const stored = sheet.cellAt(row, column);
  let value: CellValue;
  try {
    value = workbook.valueAt(sheet, row, column);
  } catch (e) {
    // A formula with no evaluator plugged in: its text is all there is to export.
    if (stored?.formula === undefined) throw e;
    fallbacks.note(sheet.name, 'formula', messageOf(e));
    return { display: stored.formula, value: '', formula: stored.formula, ...(stored.format === undefined ? {} : { format: stored.format }) };
  }
  let display: string;
  try {
    display = workbook.displayAt(sheet, row, column);
  } catch (e) {
    // Only a number format the runtime cannot render is worked around; anything else is a real failure.
    if (!/number format/.test(messageOf(e)) || stored?.format === undefined) throw e;
    fallbacks.note(sheet.name, `number format "${stored.format}"`, messageOf(e));
    display = generalText(value);
  }
  const cell: ExportCell = { display, value };
  if (stored?.format !== undefined) cell.format = stored.format;
  if (stored?.formula !== undefined) cell.formula = stored.formula;
  if (stored?.style !== undefined) cell.style = { ...stored.style };
  if (stored?.checkbox !== undefined) cell.checkbox = { ...stored.checkbox };
  return cell;
}

export function readGrid(workbook: Workbook, sheet: SheetOf): { grid: ExportGrid; fallbacks: DisplayFallback[] } {
  const fallbacks = new Fallbacks();
  const lastRow = sheet.lastRow();
  const lastColumn = sheet.lastColumn();
  const rows: ExportCell[][] = [];
  for (let r = 1; r <= lastRow; r++) {
    const row: ExportCell[] = [];
    for (let c = 1; c <= lastColumn; c++) row.push(readCell(workbook, sheet, r, c, fallbacks));
    rows.push(row);
  }
  const grid: ExportGrid = {
    name: sheet.name,
    rows,
    frozenRows: sheet.frozenRows,
    hidden: sheet.hidden,
    columnWidths: Object.fromEntries([...sheet.columnWidths].sort(([a], [b]) => a - b)),
    rowHeights: Object.fromEntries([...sheet.rowHeights].sort(([a], [b]) => a - b)),
    conditionalFormats: sheet.conditionalFormats.map((r) => ({ ranges: r.rects.map(rectToA1), criteria: r.criteria, values: [...r.values], format: { ...r.format } })),
  };
  return { grid, fallbacks: fallbacks.list() };
}

/** Every tab, in the workbook's order. */
export function readWorkbook(workbook: Workbook): { grids: ExportGrid[]; fallbacks: DisplayFallback[] } {
  const grids: ExportGrid[] = [];
  const fallbacks: DisplayFallback[] = [];
  // One read of the whole workbook: each formula is evaluated once, not once per cell that reads it.
  workbook.reading(() => {
    for (const sheet of workbook.sheets) {
      const read = readGrid(workbook, sheet);
      grids.push(read.grid);
      fallbacks.push(...read.fallbacks);
    }
  });
  return { grids, fallbacks };
}
