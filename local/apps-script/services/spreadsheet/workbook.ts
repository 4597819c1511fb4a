// The persistent spreadsheet document the add-on is bound to. It survives across executions; the
// SpreadsheetApp facades of each execution read and write it. Its person-facing methods act as a
// user in the Sheets UI (not counted as script calls): type into a cell, sort, move columns, filter.
import { columnToLetters, parseA1, resolveA1, type GridRect } from './a1';
import type { Cell, CellValue } from './cell';
import { chartInfo, type ChartInfo, type ChartState } from './chart-state';
import { refuses } from './data-validation';
import { displayValueOf, isDateFormat, isNumberFormat } from './display';
import { FormulaEngine, type CustomFunction } from './formulas';
import { SPREADSHEET_ERRORS } from './messages';
import { SheetState, NEW_SHEET_COLUMNS, NEW_SHEET_ROWS } from './sheet-state';
import { compareForSort, type SortSpec } from './sorting';
import { assertTimeZone, instantOfSerial, serialOf } from './time-zone';
import { UiRecord } from './ui-record';
import { storedContentOf, type StoredContent } from './value-parsing';

export const MAX_WORKBOOK_CELLS = 10_000_000;
/** The longest sheet name Sheets takes. */
export const MAX_SHEET_NAME = 100;
/** Line breaks, tabs and other control characters: a sheet name is one line of visible text. */
const SHEET_NAME_CONTROL = /[\p{Cc}\u2028\u2029]/u;

/** Refuses what Sheets does not take as a sheet name (the strict choice where unverified, see messages.ts). */
function checkSheetName(name: string, argument: 'sheetName' | 'name'): void {
  if (!name || name.length > MAX_SHEET_NAME || SHEET_NAME_CONTROL.test(name)) throw new Error(SPREADSHEET_ERRORS.invalidSheetName(argument));
}

export interface FormulaLocation {
  sheetName: string;
  row: number;
  column: number;
}

/** Replaces the built-in formula engine (no spilling then); tests use it to see what is asked. */
export type FormulaEvaluator = (formula: string, at: FormulaLocation) => CellValue;

/** Where TODAY() and NOW() read the time: the runtime's virtual clock. */
export interface WorkbookClock {
  now(): number;
}

export interface WorkbookOptions {
  name?: string;
  id?: string;
  timeZone?: string;
  locale?: string;
  /** Title of createAddonMenu() menus (the add-on's name under Extensions). */
  addonName?: string;
  /** For TODAY() and NOW(); createRuntime sets its virtual clock. */
  clock?: WorkbookClock;
  /** Functions cells can call by name (=IG_FOLLOWERS()), as setCustomFunctions takes them. */
  customFunctions?: Record<string, CustomFunction>;
}

export class Workbook {
  readonly id: string;
  name: string;
  locale: string;
  readonly addonName: string;
  readonly ui = new UiRecord();
  private zone: string;
  private readonly tabs: SheetState[] = [];
  private active: SheetState;
  private sheetIdSeed = 1_234_567;
  private evaluator?: FormulaEvaluator;
  private clock?: WorkbookClock;
  private readonly customFunctions = new Map<string, CustomFunction>();
  private chartIdSeed = 1_000_000_000;
  private readonly engine = new FormulaEngine({
    sheetNamed: (name) => this.sheetNamed(name),
    timeZone: () => this.zone,
    now: () => {
      if (!this.clock) throw new Error('local workbook: TODAY() and NOW() need a clock: new Workbook({ clock }) or createRuntime()');
      return this.clock.now();
    },
    customFunction: (name) => this.customFunctions.get(name),
  });

  constructor(options: WorkbookOptions = {}) {
    this.id = options.id ?? '1SheetgramLocalWorkbook0000000000000000000';
    this.name = options.name ?? 'Untitled spreadsheet';
    this.locale = options.locale ?? 'en_US';
    this.addonName = options.addonName ?? 'Sheetgram';
    this.zone = options.timeZone ?? 'America/New_York';
    assertTimeZone(this.zone);
    this.active = new SheetState('Sheet1', 0);
    this.tabs.push(this.active);
    this.clock = options.clock;
    if (options.customFunctions) this.setCustomFunctions(options.customFunctions);
  }

  get timeZone(): string {
    return this.zone;
  }

  /** Changes the zone only: stored instants stay, so displayed wall times move (as in Sheets). */
  setTimeZone(timeZone: string): void {
    assertTimeZone(timeZone);
    this.zone = timeZone;
  }

  /** Overrides the built-in engine; undefined goes back to it. */
  setFormulaEvaluator(evaluator: FormulaEvaluator | undefined): void {
    this.evaluator = evaluator;
  }

  setClock(clock: WorkbookClock | undefined): void {
    this.clock = clock;
  }

  /**
   * Functions cells may call by name (case-insensitive), e.g. { IG_FOLLOWERS: (...args) =>
   * rt.callCustomFunction('IG_FOLLOWERS', args) }. They get Apps Script values: a range as a 2-D
   * array, one cell as its value. Replaces the previous set; built-in names always win, as in Sheets.
   */
  setCustomFunctions(functions: Record<string, CustomFunction> | undefined): void {
    this.customFunctions.clear();
    for (const [name, fn] of Object.entries(functions ?? {})) this.customFunctions.set(name.toUpperCase(), fn);
  }

  /**
   * Runs fn as one read: every formula is evaluated at most once inside it (getValues of a range is
   * one read). Nothing is cached between reads, so writes never meet stale results.
   */
  reading<T>(fn: () => T): T {
    return this.engine.session(fn);
  }

  // ---- tabs -------------------------------------------------------------------------------------

  get sheets(): readonly SheetState[] {
    return this.tabs;
  }

  /** Sheet names are unique regardless of case, as in Sheets. */
  sheetNamed(name: string): SheetState | undefined {
    const lower = name.toLowerCase();
    return this.tabs.find((s) => s.name.toLowerCase() === lower);
  }

  sheetWithId(id: number): SheetState | undefined {
    return this.tabs.find((s) => s.id === id);
  }

  get activeSheet(): SheetState {
    return this.active;
  }

  /** How many times a script made a tab active on purpose (setActiveSheet, activate): the playground shows it. */
  activations = 0;

  activate(sheet: SheetState): void {
    this.assertLive(sheet);
    this.active = sheet;
    this.activations += 1;
  }

  /** Inserts a 1000 x 26 tab at a 0-based index (default: last) and makes it active. */
  createSheet(name?: string, index?: number): SheetState {
    const chosen = name ?? this.defaultSheetName();
    checkSheetName(chosen, 'sheetName');
    if (this.sheetNamed(chosen)) throw new Error(SPREADSHEET_ERRORS.duplicateSheetName(chosen));
    this.ensureRoomFor(NEW_SHEET_ROWS * NEW_SHEET_COLUMNS);
    this.sheetIdSeed = (this.sheetIdSeed * 48_271) % 2_147_483_647;
    const sheet = new SheetState(chosen, this.sheetIdSeed);
    const at = index === undefined ? this.tabs.length : Math.max(0, Math.min(index, this.tabs.length));
    this.tabs.splice(at, 0, sheet);
    this.active = sheet;
    return sheet;
  }

  removeSheet(sheet: SheetState): void {
    this.assertLive(sheet);
    if (this.tabs.length === 1) throw new Error(SPREADSHEET_ERRORS.removeLastSheet);
    this.tabs.splice(this.tabs.indexOf(sheet), 1);
    sheet.deleted = true;
    if (this.active === sheet) this.active = this.tabs.find((s) => !s.hidden) ?? this.tabs[0];
  }

  renameSheetState(sheet: SheetState, name: string): void {
    this.assertLive(sheet);
    checkSheetName(name, 'name');
    const other = this.sheetNamed(name);
    if (other && other !== sheet) throw new Error(SPREADSHEET_ERRORS.duplicateSheetName(name));
    sheet.name = name;
  }

  setHidden(sheet: SheetState, hidden: boolean): void {
    this.assertLive(sheet);
    if (hidden && !sheet.hidden && this.tabs.filter((s) => !s.hidden).length === 1) throw new Error(SPREADSHEET_ERRORS.hideLastSheet);
    sheet.hidden = hidden;
  }

  assertLive(sheet: SheetState): void {
    if (sheet.deleted) throw new Error(SPREADSHEET_ERRORS.sheetDeleted(sheet.name));
  }

  private defaultSheetName(): string {
    for (let n = this.tabs.length + 1; ; n++) if (!this.sheetNamed(`Sheet${n}`)) return `Sheet${n}`;
  }

  // ---- size and the 10 million cell limit --------------------------------------------------------

  cellCount(): number {
    return this.tabs.reduce((sum, s) => sum + s.maxRows * s.maxColumns, 0);
  }

  ensureRoomFor(extraCells: number): void {
    if (this.cellCount() + extraCells > MAX_WORKBOOK_CELLS) throw new Error(SPREADSHEET_ERRORS.workbookTooLarge);
  }

  insertRowsAt(sheet: SheetState, beforeRow: number, count: number): void {
    this.assertLive(sheet);
    if (beforeRow < 1 || beforeRow > sheet.maxRows + 1 || count < 1) throw new Error(SPREADSHEET_ERRORS.rowsOutOfBounds);
    this.ensureRoomFor(count * sheet.maxColumns);
    sheet.insertRows(beforeRow, count);
  }

  insertColumnsAt(sheet: SheetState, beforeColumn: number, count: number): void {
    this.assertLive(sheet);
    if (beforeColumn < 1 || beforeColumn > sheet.maxColumns + 1 || count < 1) throw new Error(SPREADSHEET_ERRORS.columnsOutOfBounds);
    this.ensureRoomFor(count * sheet.maxRows);
    sheet.insertColumns(beforeColumn, count);
  }

  deleteRowsAt(sheet: SheetState, row: number, count: number): void {
    this.assertLive(sheet);
    if (row < 1 || count < 1 || row + count - 1 > sheet.maxRows) throw new Error(SPREADSHEET_ERRORS.rowsOutOfBounds);
    const deletedUnfrozen = row + count - 1 - Math.max(row - 1, sheet.frozenRows);
    if (sheet.maxRows - sheet.frozenRows - Math.max(0, deletedUnfrozen) <= 0) throw new Error(SPREADSHEET_ERRORS.deleteAllRows);
    sheet.deleteRows(row, count);
    sheet.frozenRows = Math.min(sheet.frozenRows, sheet.maxRows);
  }

  deleteColumnsAt(sheet: SheetState, column: number, count: number): void {
    this.assertLive(sheet);
    if (column < 1 || count < 1 || column + count - 1 > sheet.maxColumns) throw new Error(SPREADSHEET_ERRORS.columnsOutOfBounds);
    const deletedUnfrozen = column + count - 1 - Math.max(column - 1, sheet.frozenColumns);
    if (sheet.maxColumns - sheet.frozenColumns - Math.max(0, deletedUnfrozen) <= 0) throw new Error(SPREADSHEET_ERRORS.deleteAllColumns);
    sheet.deleteColumns(column, count);
  }

  // ---- cells ----------------------------------------------------------------------------------

  /** Resolves "A1:B2" / "Tab!A1" (tab optional) and checks it lies inside the grid. */
  rectOf(a1: string, defaultSheet?: SheetState): { sheet: SheetState; rect: GridRect } {
    const ref = parseA1(a1);
    if (!ref) throw new Error(SPREADSHEET_ERRORS.badA1);
    const sheet = ref.sheetName === undefined ? (defaultSheet ?? this.active) : this.sheetNamed(ref.sheetName);
    if (!sheet) throw new Error(SPREADSHEET_ERRORS.badA1);
    const rect = resolveA1(ref, sheet.maxRows, sheet.maxColumns);
    this.assertInGrid(sheet, rect);
    return { sheet, rect };
  }

  assertInGrid(sheet: SheetState, rect: GridRect): void {
    this.assertLive(sheet);
    if (rect.row < 1) throw new Error(SPREADSHEET_ERRORS.startRowTooSmall);
    if (rect.column < 1) throw new Error(SPREADSHEET_ERRORS.startColumnTooSmall);
    if (rect.numRows < 1) throw new Error(SPREADSHEET_ERRORS.tooFewRows);
    if (rect.numColumns < 1) throw new Error(SPREADSHEET_ERRORS.tooFewColumns);
    if (rect.row + rect.numRows - 1 > sheet.maxRows || rect.column + rect.numColumns - 1 > sheet.maxColumns) {
      throw new Error(SPREADSHEET_ERRORS.outsideGrid);
    }
  }

  /**
   * Parses every value first, so an over-long cell leaves the range untouched, and so does a value a
   * strict list rule refuses (compared as the text the cell would show; formulas are not checked).
   */
  writeValues(sheet: SheetState, rect: GridRect, values: readonly (readonly unknown[])[]): void {
    const contents: StoredContent[][] = values.map((row, i) =>
      row.map((v, j) => {
        const cell = sheet.cellAt(rect.row + i, rect.column + j);
        const content = storedContentOf(v, cell?.format, this.zone);
        if (cell?.validation && content.kind === 'value' && refuses(cell.validation, displayValueOf(content.value, cell.format ?? content.impliedFormat, this.zone))) {
          throw new Error(SPREADSHEET_ERRORS.dataValidationViolation(`${columnToLetters(rect.column + j)}${rect.row + i}`));
        }
        return content;
      }),
    );
    contents.forEach((row, i) => row.forEach((content, j) => this.store(sheet, rect.row + i, rect.column + j, content)));
  }

  store(sheet: SheetState, row: number, column: number, content: StoredContent): void {
    if (content.kind === 'empty') {
      const existing = sheet.cellAt(row, column);
      if (!existing) return;
      delete existing.value;
      delete existing.formula;
      sheet.tidy(row, column);
      return;
    }
    const cell = sheet.cellFor(row, column);
    if (content.kind === 'formula') {
      cell.formula = content.formula;
      sheet.mayHoldFormulas = true;
      delete cell.value;
    } else {
      cell.value = content.value;
      delete cell.formula;
      if (cell.format === undefined && content.impliedFormat !== undefined) cell.format = content.impliedFormat;
    }
  }

  /** What getValue returns: "" for blanks, a Date for date-formatted cells, formulas evaluated. */
  valueAt(sheet: SheetState, row: number, column: number): CellValue {
    const cell = sheet.cellAt(row, column);
    const got = cell?.formula === undefined && cell?.value !== undefined ? { value: cell.value } : this.computedAt(sheet, row, column, cell);
    if (!got) return '';
    const format = cell?.format ?? got.format;
    const raw = got.value;
    if (raw instanceof Date) return isNumberFormat(format) ? serialOf(raw.getTime(), this.zone) : new Date(raw.getTime());
    if (typeof raw === 'number' && isDateFormat(format)) return new Date(instantOfSerial(raw, this.zone));
    return raw;
  }

  displayAt(sheet: SheetState, row: number, column: number): string {
    const cell = sheet.cellAt(row, column);
    if (cell?.formula === undefined && cell?.value !== undefined) return displayValueOf(cell.value, cell.format, this.zone);
    const got = this.computedAt(sheet, row, column, cell);
    return got ? displayValueOf(got.value, cell?.format ?? got.format, this.zone) : '';
  }

  /** A formula's value, or a value spilled into an empty cell; the format is the one it brings along. */
  private computedAt(sheet: SheetState, row: number, column: number, cell: Cell | undefined): { value: CellValue; format?: string } | undefined {
    if (!this.evaluator) return this.engine.outputAt(sheet, row, column);
    if (cell?.formula === undefined) return undefined;
    return { value: this.evaluator(cell.formula, { sheetName: sheet.name, row, column }) };
  }

  /** The error a formula cell shows, with the note Sheets shows on it (e.g. why a spill is blocked). */
  formulaError(sheetName: string, a1: string): { error: string; message: string } | undefined {
    const { sheet, rect } = this.rectOf(a1, this.tab(sheetName));
    return this.evaluator ? undefined : this.engine.errorAt(sheet, rect.row, rect.column);
  }

  /** Last row with a value, spilled values included (what getLastRow reports). */
  lastRowOf(sheet: SheetState): number {
    return this.evaluator ? sheet.lastRow() : this.engine.extent(sheet).rows;
  }

  lastColumnOf(sheet: SheetState): number {
    return this.evaluator ? sheet.lastColumn() : this.engine.extent(sheet).columns;
  }

  /** Sorts the rectangle's rows by the given absolute columns, moving cells within the rectangle only. */
  sortRect(sheet: SheetState, rect: GridRect, specs: readonly SortSpec[]): void {
    this.reading(() => this.sortRectNow(sheet, rect, specs));
  }

  private sortRectNow(sheet: SheetState, rect: GridRect, specs: readonly SortSpec[]): void {
    for (const spec of specs) {
      if (spec.column < rect.column || spec.column >= rect.column + rect.numColumns) throw new Error(SPREADSHEET_ERRORS.sortColumnOutside);
    }
    const rows = sheet.takeRect(rect).map((cells, i) => ({
      cells,
      keys: specs.map((s) => (sheet.cellAt(rect.row + i, s.column) ? this.valueAt(sheet, rect.row + i, s.column) : undefined)),
    }));
    rows.sort((a, b) => {
      for (let k = 0; k < specs.length; k++) {
        const c = compareForSort(a.keys[k], b.keys[k], specs[k].ascending);
        if (c !== 0) return c;
      }
      return 0;
    });
    sheet.putRect(rect, rows.map((r) => r.cells));
  }

  // ---- a person in the Sheets UI (not counted as script calls) -----------------------------------

  private tab(name: string): SheetState {
    const sheet = this.sheetNamed(name);
    if (!sheet) throw new Error(`local workbook: no sheet named "${name}"`);
    return sheet;
  }

  /** Types text into one cell, parsed exactly as Sheets parses what a person types. */
  typeInto(sheetName: string, a1: string, text: string): void {
    const { sheet, rect } = this.rectOf(a1, this.tab(sheetName));
    this.store(sheet, rect.row, rect.column, storedContentOf(text, sheet.cellAt(rect.row, rect.column)?.format, this.zone));
  }

  /** What a person sees: display values from A1 to the last row and column with content. */
  displayValues(sheetName: string): string[][] {
    const sheet = this.tab(sheetName);
    return this.reading(() => {
      const rows = this.lastRowOf(sheet);
      const columns = this.lastColumnOf(sheet);
      return Array.from({ length: rows }, (_, i) => Array.from({ length: columns }, (_, j) => this.displayAt(sheet, i + 1, j + 1)));
    });
  }

  /** What getValues would return for A1 to the last row and column with content. */
  values(sheetName: string): CellValue[][] {
    const sheet = this.tab(sheetName);
    return this.reading(() => {
      const rows = this.lastRowOf(sheet);
      const columns = this.lastColumnOf(sheet);
      return Array.from({ length: rows }, (_, i) => Array.from({ length: columns }, (_, j) => this.valueAt(sheet, i + 1, j + 1)));
    });
  }

  /** Data > Sort range by one column (column is absolute, 1 = A). */
  sortRange(sheetName: string, a1: string, column: number, ascending = true): void {
    const { sheet, rect } = this.rectOf(a1, this.tab(sheetName));
    this.sortRect(sheet, rect, [{ column, ascending }]);
  }

  insertColumns(sheetName: string, beforeColumn: number, count = 1): void {
    this.insertColumnsAt(this.tab(sheetName), beforeColumn, count);
  }

  deleteColumns(sheetName: string, column: number, count = 1): void {
    this.deleteColumnsAt(this.tab(sheetName), column, count);
  }

  /** Drags column `from` so that it lands at position `to`. */
  moveColumn(sheetName: string, from: number, to: number): void {
    const sheet = this.tab(sheetName);
    if (from < 1 || to < 1 || from > sheet.maxColumns || to > sheet.maxColumns) throw new Error(SPREADSHEET_ERRORS.columnsOutOfBounds);
    sheet.moveColumn(from, to);
  }

  insertRows(sheetName: string, beforeRow: number, count = 1): void {
    this.insertRowsAt(this.tab(sheetName), beforeRow, count);
  }

  deleteRows(sheetName: string, row: number, count = 1): void {
    this.deleteRowsAt(this.tab(sheetName), row, count);
  }

  addSheet(name: string): void {
    this.createSheet(name);
  }

  renameSheet(oldName: string, newName: string): void {
    this.renameSheetState(this.tab(oldName), newName);
  }

  deleteSheet(name: string): void {
    this.removeSheet(this.tab(name));
  }

  /**
   * A filter on the data below the header rows: hides rows whose display value in `column` fails
   * `keep`, and with `sortAscending` also sorts those rows (Sheets' filter sort moves rows).
   */
  filter(sheetName: string, options: { column: number; keep?: (display: string) => boolean; sortAscending?: boolean; headerRows?: number }): void {
    this.reading(() => this.filterNow(sheetName, options));
  }

  private filterNow(sheetName: string, options: { column: number; keep?: (display: string) => boolean; sortAscending?: boolean; headerRows?: number }): void {
    const sheet = this.tab(sheetName);
    const first = (options.headerRows ?? 1) + 1;
    const last = sheet.lastRow();
    if (last < first) return;
    const rect = { row: first, column: 1, numRows: last - first + 1, numColumns: Math.max(sheet.lastColumn(), options.column) };
    if (options.sortAscending !== undefined) this.sortWholeRows(sheet, rect, { column: options.column, ascending: options.sortAscending });
    if (options.keep) {
      for (let r = first; r <= last; r++) {
        const row = sheet.rows[r - 1] ?? (sheet.rows[r - 1] = { cells: [] });
        row.hiddenByFilter = !options.keep(this.displayAt(sheet, r, options.column));
      }
    }
  }

  clearFilter(sheetName: string): void {
    for (const row of this.tab(sheetName).rows) if (row) delete row.hiddenByFilter;
  }

  // ---- embedded charts (read from Node: tests and the playground draw them) -----------------------

  nextChartId(): number {
    this.chartIdSeed += 7_919;
    return this.chartIdSeed;
  }

  /** A tab's charts, in insertion order. */
  charts(sheetName: string): ChartInfo[] {
    return this.tab(sheetName).charts.map(chartInfo);
  }

  /**
   * A chart's data as 2-D values (what getValues returns, formulas evaluated): its ranges side by
   * side (MERGE_COLUMNS) or stacked (MERGE_ROWS), transposed if asked, cut to the rows in use
   * (whole columns stop at the last value, trailing empty rows are dropped).
   */
  chartData(sheetName: string, chartId: number): CellValue[][] {
    const chart = this.tab(sheetName).charts.find((c) => c.id === chartId);
    if (!chart) throw new Error(`local workbook: no chart ${chartId} on "${sheetName}"`);
    return this.reading(() => this.chartTable(chart));
  }

  private chartTable(chart: ChartState): CellValue[][] {
    const parts = chart.ranges.map(({ sheet, rect }) => {
      if (sheet.deleted) return [];
      const bottom = Math.min(rect.row + rect.numRows - 1, this.lastRowOf(sheet));
      return Array.from({ length: Math.max(0, bottom - rect.row + 1) }, (_, i) =>
        Array.from({ length: rect.numColumns }, (_, j) => this.valueAt(sheet, rect.row + i, rect.column + j)));
    });
    let table: CellValue[][];
    if (chart.mergeStrategy === 'MERGE_ROWS') table = parts.flat();
    else {
      const height = Math.max(0, ...parts.map((p) => p.length));
      table = Array.from({ length: height }, (_, i) => parts.flatMap((p, k) => p[i] ?? new Array<CellValue>(chart.ranges[k].rect.numColumns).fill('')));
    }
    while (table.length && table[table.length - 1].every((v) => v === '')) table.pop();
    return chart.transpose && table.length ? table[0].map((_, c) => table.map((r) => r[c])) : table;
  }

  /** A filter's sort moves whole rows (including hidden flags and cells beyond the data). */
  private sortWholeRows(sheet: SheetState, rect: GridRect, spec: SortSpec): void {
    const keyed = Array.from({ length: rect.numRows }, (_, i) => ({
      row: sheet.rows[rect.row - 1 + i],
      key: sheet.cellAt(rect.row + i, spec.column) ? this.valueAt(sheet, rect.row + i, spec.column) : undefined,
    }));
    keyed.sort((a, b) => compareForSort(a.key, b.key, spec.ascending));
    keyed.forEach((k, i) => (sheet.rows[rect.row - 1 + i] = k.row));
  }
}
