// The Range facade: values, display values, formulas, number formats, recorded styling and sort,
// over a fixed rectangle of one tab (Apps Script ranges do not follow later row insertions).
import { guarded } from '../../platform';
import { rectToA1, type GridRect } from './a1';
import { enter, typeNameOf, type FacadeContext } from './access';
import { SPREADSHEET_ERRORS } from './messages';
import type { SheetState } from './sheet-state';
import { sortSpecsOf } from './sorting';
import { storedContentOf } from './value-parsing';

type Range = GoogleAppsScript.Spreadsheet.Range;

export function createRange(ctx: FacadeContext, sheet: SheetState, rect: GridRect): Range {
  const { workbook } = ctx;

  const begin = (method: string, access: 'read' | 'write') => {
    enter(ctx, 'Range', method, access);
    // Also catches a range left outside the grid by a later deleteRows/deleteColumns.
    workbook.assertInGrid(sheet, rect);
  };
  const eachCell = <T>(fn: (row: number, column: number) => T): T[][] =>
    Array.from({ length: rect.numRows }, (_, i) => Array.from({ length: rect.numColumns }, (_, j) => fn(rect.row + i, rect.column + j)));

  /** Google's shape checks for every set*s(values) call. */
  const assertShape = (method: string, values: unknown): readonly (readonly unknown[])[] => {
    if (!Array.isArray(values) || !values.every(Array.isArray)) {
      throw new Error(SPREADSHEET_ERRORS.methodSignature(`SpreadsheetApp.Range.${method}`, typeNameOf(values)));
    }
    if (values.length !== rect.numRows) throw new Error(SPREADSHEET_ERRORS.rowsMismatch(values.length, rect.numRows));
    for (const row of values) if (row.length !== rect.numColumns) throw new Error(SPREADSHEET_ERRORS.columnsMismatch(row.length, rect.numColumns));
    return values;
  };
  const fill = <T>(value: T): T[][] => eachCell(() => value);

  const setFormats = (formats: readonly (readonly unknown[])[]) =>
    formats.forEach((row, i) =>
      row.forEach((f, j) => {
        const cell = sheet.cellFor(rect.row + i, rect.column + j);
        if (f === null || f === undefined || f === '' || String(f).toLowerCase() === 'general') delete cell.format;
        else cell.format = String(f);
        sheet.tidy(rect.row + i, rect.column + j);
      }),
    );
  const setStyle = (method: string, key: string, value: string | boolean | null) => {
    begin(method, 'write');
    eachCell((r, c) => {
      const cell = sheet.cellFor(r, c);
      if (value === null) {
        if (cell.style) delete cell.style[key];
      } else cell.style = { ...cell.style, [key]: value };
      if (cell.style && Object.keys(cell.style).length === 0) delete cell.style;
      sheet.tidy(r, c);
    });
    return self;
  };
  const clearCells = (contents: boolean, formats: boolean) =>
    eachCell((r, c) => {
      const cell = sheet.cellAt(r, c);
      if (!cell) return;
      if (contents) {
        delete cell.value;
        delete cell.formula;
      }
      if (formats) {
        delete cell.format;
        delete cell.style;
      }
      sheet.tidy(r, c);
    });
  const writeFormulas = (formulas: readonly (readonly unknown[])[]) =>
    formulas.forEach((row, i) =>
      row.forEach((f, j) => {
        const text = f === null || f === undefined ? '' : String(f);
        // A formula without "=" is stored like a typed value (unverified; Sheets' UI does this).
        workbook.store(sheet, rect.row + i, rect.column + j, storedContentOf(text, undefined, workbook.timeZone));
      }),
    );

  const range = {
    getValue: () => (begin('getValue', 'read'), workbook.valueAt(sheet, rect.row, rect.column)),
    getValues: () => (begin('getValues', 'read'), workbook.reading(() => eachCell((r, c) => workbook.valueAt(sheet, r, c)))),
    getDisplayValue: () => (begin('getDisplayValue', 'read'), workbook.displayAt(sheet, rect.row, rect.column)),
    getDisplayValues: () => (begin('getDisplayValues', 'read'), workbook.reading(() => eachCell((r, c) => workbook.displayAt(sheet, r, c)))),
    getFormula: () => (begin('getFormula', 'read'), sheet.cellAt(rect.row, rect.column)?.formula ?? ''),
    getFormulas: () => (begin('getFormulas', 'read'), eachCell((r, c) => sheet.cellAt(r, c)?.formula ?? '')),
    getNumberFormat: () => (begin('getNumberFormat', 'read'), sheet.cellAt(rect.row, rect.column)?.format ?? 'General'),
    getNumberFormats: () => (begin('getNumberFormats', 'read'), eachCell((r, c) => sheet.cellAt(r, c)?.format ?? 'General')),
    setValue(value: unknown) {
      begin('setValue', 'write');
      workbook.writeValues(sheet, rect, fill(value));
      return self;
    },
    setValues(values: unknown) {
      begin('setValues', 'write');
      workbook.writeValues(sheet, rect, assertShape('setValues', values));
      return self;
    },
    setFormula(formula: string) {
      begin('setFormula', 'write');
      writeFormulas(fill(formula));
      return self;
    },
    setFormulas(formulas: unknown) {
      begin('setFormulas', 'write');
      writeFormulas(assertShape('setFormulas', formulas));
      return self;
    },
    setNumberFormat(format: string) {
      begin('setNumberFormat', 'write');
      setFormats(fill(format));
      return self;
    },
    setNumberFormats(formats: unknown) {
      begin('setNumberFormats', 'write');
      setFormats(assertShape('setNumberFormats', formats));
      return self;
    },
    clear(options?: { contentsOnly?: boolean; formatOnly?: boolean }) {
      begin('clear', 'write');
      const only = options?.contentsOnly || options?.formatOnly;
      clearCells(!only || !!options?.contentsOnly, !only || !!options?.formatOnly);
      return self;
    },
    clearContent() {
      begin('clearContent', 'write');
      clearCells(true, false);
      return self;
    },
    clearFormat() {
      begin('clearFormat', 'write');
      clearCells(false, true);
      return self;
    },
    getRow: () => (begin('getRow', 'read'), rect.row),
    getColumn: () => (begin('getColumn', 'read'), rect.column),
    getNumRows: () => (begin('getNumRows', 'read'), rect.numRows),
    getNumColumns: () => (begin('getNumColumns', 'read'), rect.numColumns),
    getHeight: () => (begin('getHeight', 'read'), rect.numRows),
    getWidth: () => (begin('getWidth', 'read'), rect.numColumns),
    getLastRow: () => (begin('getLastRow', 'read'), rect.row + rect.numRows - 1),
    getLastColumn: () => (begin('getLastColumn', 'read'), rect.column + rect.numColumns - 1),
    getA1Notation: () => (begin('getA1Notation', 'read'), rectToA1(rect)),
    getSheet: () => (begin('getSheet', 'read'), ctx.sheetFacade(sheet)),
    getCell(row: number, column: number) {
      begin('getCell', 'read');
      if (row < 1 || column < 1 || row > rect.numRows || column > rect.numColumns) throw new Error(SPREADSHEET_ERRORS.outsideGrid);
      return createRange(ctx, sheet, { row: rect.row + row - 1, column: rect.column + column - 1, numRows: 1, numColumns: 1 });
    },
    offset(rowOffset: number, columnOffset: number, numRows?: number, numColumns?: number) {
      begin('offset', 'read');
      const moved = { row: rect.row + rowOffset, column: rect.column + columnOffset, numRows: numRows ?? rect.numRows, numColumns: numColumns ?? rect.numColumns };
      workbook.assertInGrid(sheet, moved);
      return createRange(ctx, sheet, moved);
    },
    setFontWeight: (weight: string | null) => setStyle('setFontWeight', 'fontWeight', weight),
    setFontColor: (color: string | null) => setStyle('setFontColor', 'fontColor', color),
    setBackground: (color: string | null) => setStyle('setBackground', 'background', color),
    setHorizontalAlignment: (alignment: string | null) => setStyle('setHorizontalAlignment', 'horizontalAlignment', alignment),
    setWrap: (wrap: boolean) => setStyle('setWrap', 'wrap', wrap),
    sort(spec: unknown) {
      begin('sort', 'write');
      const specs = sortSpecsOf(spec);
      if (!specs) throw new Error(SPREADSHEET_ERRORS.methodSignature('SpreadsheetApp.Range.sort', typeNameOf(spec)));
      workbook.sortRect(sheet, rect, specs);
      return self;
    },
    activate() {
      begin('activate', 'read');
      workbook.activate(sheet);
      return self;
    },
  };
  const self = guarded('Range', range) as unknown as Range;
  ctx.stateOfRange.set(self, { sheet, rect });
  return self;
}
