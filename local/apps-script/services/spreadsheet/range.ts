// The Range facade: values, display values, formulas, number formats, recorded styling and sort,
// over a fixed rectangle of one tab (Apps Script ranges do not follow later row insertions).
import { guarded } from '../../platform';
import { rectToA1, type GridRect } from './a1';
import { enter, typeNameOf, type FacadeContext } from './access';
import { SPREADSHEET_ERRORS } from './messages';
import type { SheetState } from './sheet-state';
import { sortSpecsOf } from './sorting';
import { createDataValidation, ruleOfCell, setRuleOnCell, stateOfValidation } from './data-validation';
import { storedContentOf } from './value-parsing';
import type { CellValue, ValidationRule } from './cell';

const VERTICAL = new Set(['top', 'middle', 'bottom']);
export const WRAP_STRATEGIES = new Set(['WRAP', 'OVERFLOW', 'CLIP']);

/** A cell's wrap strategy: set directly, or through setWrap (true WRAP, false OVERFLOW); default OVERFLOW. */
export function wrapStrategyOf(style: Record<string, unknown> | undefined): string {
  if (typeof style?.wrapStrategy === 'string') return style.wrapStrategy;
  return style?.wrap === true ? 'WRAP' : 'OVERFLOW';
}

type Range = GoogleAppsScript.Spreadsheet.Range;

export function createRange(ctx: FacadeContext, sheet: SheetState, rect: GridRect): Range {
  const { workbook } = ctx;

  const size = rect.numRows * rect.numColumns;
  /** Writes touch every cell of the range; a data read says how many cells it reads; lookups none. */
  const begin = (method: string, access: 'read' | 'write', cells?: number) => {
    enter(ctx, 'Range', method, access, access === 'write' ? size : cells);
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
  /** Sets (or with null removes) one style key on every cell; `drop` keys are removed (they say the same thing another way). */
  const applyStyle = (key: string, value: string | boolean | number | null, drop: string[] = []) =>
    eachCell((r, c) => {
      const cell = sheet.cellFor(r, c);
      if (value === null) {
        if (cell.style) delete cell.style[key];
      } else cell.style = { ...cell.style, [key]: value };
      for (const k of drop) if (cell.style) delete cell.style[k];
      if (cell.style && Object.keys(cell.style).length === 0) delete cell.style;
      sheet.tidy(r, c);
    });
  const setStyle = (method: string, key: string, value: string | boolean | number | null) => {
    begin(method, 'write');
    applyStyle(key, value);
    return self;
  };
  /**
   * `checkboxes`: clear() without options drops checkboxes too; `validations` (clear({validationsOnly}),
   * clearDataValidations) drops every rule, checkboxes included. clear() keeps list rules: Google's clear()
   * is "contents and formats", and gas-fakes' tests (run against Apps Script) find rules kept by clear().
   */
  const clearCells = (contents: boolean, formats: boolean, checkboxes = false, validations = false) =>
    eachCell((r, c) => {
      const cell = sheet.cellAt(r, c);
      if (!cell) return;
      if (checkboxes || validations) delete cell.checkbox;
      if (validations) delete cell.validation;
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
  const refuseRule = (method: string, given: unknown): never => {
    throw new Error(SPREADSHEET_ERRORS.methodSignature(`SpreadsheetApp.Range.${method}`, typeNameOf(given)));
  };
  const putRule = (row: number, column: number, rule: ValidationRule | null) => {
    if (rule === null && !sheet.cellAt(row, column)) return;
    setRuleOnCell(sheet.cellFor(row, column), rule);
    sheet.tidy(row, column);
  };
  const writeFormulas = (formulas: readonly (readonly unknown[])[]) =>
    formulas.forEach((row, i) =>
      row.forEach((f, j) => {
        const text = f === null || f === undefined ? '' : String(f);
        // A formula without "=" is stored like a typed value (unverified; Sheets' UI does this).
        workbook.store(sheet, rect.row + i, rect.column + j, storedContentOf(text, undefined, workbook.timeZone));
      }),
    );

  const range = {
    getValue: () => (begin('getValue', 'read', 1), workbook.valueAt(sheet, rect.row, rect.column)),
    getValues: () => (begin('getValues', 'read', size), workbook.reading(() => eachCell((r, c) => workbook.valueAt(sheet, r, c)))),
    getDisplayValue: () => (begin('getDisplayValue', 'read', 1), workbook.displayAt(sheet, rect.row, rect.column)),
    getDisplayValues: () => (begin('getDisplayValues', 'read', size), workbook.reading(() => eachCell((r, c) => workbook.displayAt(sheet, r, c)))),
    getFormula: () => (begin('getFormula', 'read', 1), sheet.cellAt(rect.row, rect.column)?.formula ?? ''),
    getFormulas: () => (begin('getFormulas', 'read', size), eachCell((r, c) => sheet.cellAt(r, c)?.formula ?? '')),
    getNumberFormat: () => (begin('getNumberFormat', 'read', 1), sheet.cellAt(rect.row, rect.column)?.format ?? 'General'),
    getNumberFormats: () => (begin('getNumberFormats', 'read', size), eachCell((r, c) => sheet.cellAt(r, c)?.format ?? 'General')),
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
    clear(options?: { contentsOnly?: boolean; formatOnly?: boolean; validationsOnly?: boolean }) {
      begin('clear', 'write');
      const only = options?.contentsOnly || options?.formatOnly || options?.validationsOnly;
      clearCells(!only || !!options?.contentsOnly, !only || !!options?.formatOnly, !only, !!options?.validationsOnly);
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
    setWrap(wrap: boolean) {
      begin('setWrap', 'write');
      applyStyle('wrap', Boolean(wrap), ['wrapStrategy']);
      return self;
    },
    setFontSize(points: unknown) {
      begin('setFontSize', 'write');
      if (typeof points !== 'number' || !Number.isInteger(points) || points < 1) {
        throw new Error(SPREADSHEET_ERRORS.methodSignature('SpreadsheetApp.Range.setFontSize', typeNameOf(points)));
      }
      applyStyle('fontSize', points);
      return self;
    },
    getFontSize: () => (begin('getFontSize', 'read', 1), (sheet.cellAt(rect.row, rect.column)?.style?.fontSize as number | undefined) ?? 10),
    setVerticalAlignment(alignment: unknown) {
      begin('setVerticalAlignment', 'write');
      // Sheets takes top, middle, bottom (and null to reset); the error for another value is unverified wording.
      if (alignment !== null && !VERTICAL.has(String(alignment).toLowerCase())) throw new Error(SPREADSHEET_ERRORS.invalidSize('alignment'));
      applyStyle('verticalAlignment', alignment === null ? null : String(alignment).toLowerCase());
      return self;
    },
    getVerticalAlignment: () => (begin('getVerticalAlignment', 'read', 1), (sheet.cellAt(rect.row, rect.column)?.style?.verticalAlignment as string | undefined) ?? 'bottom'),
    /** WRAP, OVERFLOW or CLIP (SpreadsheetApp.WrapStrategy); setWrap(true) is WRAP, setWrap(false) OVERFLOW. */
    setWrapStrategy(strategy: unknown) {
      begin('setWrapStrategy', 'write');
      if (typeof strategy !== 'string' || !WRAP_STRATEGIES.has(strategy)) {
        throw new Error(SPREADSHEET_ERRORS.methodSignature('SpreadsheetApp.Range.setWrapStrategy', typeNameOf(strategy)));
      }
      applyStyle('wrapStrategy', strategy, ['wrap']);
      return self;
    },
    getWrapStrategy: () => (begin('getWrapStrategy', 'read', 1), wrapStrategyOf(sheet.cellAt(rect.row, rect.column)?.style)),
    getWrap: () => (begin('getWrap', 'read', 1), wrapStrategyOf(sheet.cellAt(rect.row, rect.column)?.style) === 'WRAP'),
    /**
     * Checkboxes in every cell: checked/unchecked are TRUE/FALSE, or the given values (unchecked ''
     * when only checked is given). As the Range reference says, every cell then holds the unchecked
     * value (from the reference's text as remembered: unverified here).
     */
    insertCheckboxes(...args: unknown[]) {
      begin('insertCheckboxes', 'write');
      const checked = args.length >= 1 ? args[0] : true;
      const unchecked = args.length >= 2 ? args[1] : args.length === 1 ? '' : false;
      for (const v of [checked, unchecked]) {
        if (v === null || v === undefined || (typeof v === 'object' && !(v instanceof Date))) {
          throw new Error(SPREADSHEET_ERRORS.methodSignature('SpreadsheetApp.Range.insertCheckboxes', typeNameOf(v)));
        }
      }
      const box = { checked: checked as CellValue, unchecked: unchecked as CellValue };
      eachCell((r, c) => {
        workbook.store(sheet, r, c, storedContentOf(box.unchecked, undefined, workbook.timeZone));
        sheet.cellFor(r, c).checkbox = { ...box };
        sheet.tidy(r, c);
      });
      return self;
    },
    removeCheckboxes() {
      begin('removeCheckboxes', 'write');
      eachCell((r, c) => {
        const cell = sheet.cellAt(r, c);
        if (!cell?.checkbox) return;
        delete cell.checkbox;
        sheet.tidy(r, c);
      });
      return self;
    },
    /** true when every cell is a checked checkbox, false when every one is unchecked, null otherwise (as in Sheets). */
    isChecked() {
      begin('isChecked', 'read', size);
      const states = eachCell((r, c) => {
        const cell = sheet.cellAt(r, c);
        if (!cell?.checkbox) return undefined;
        return workbook.valueAt(sheet, r, c) === cell.checkbox.checked;
      }).flat();
      if (states.every((s) => s === true)) return true;
      if (states.every((s) => s === false)) return false;
      return null;
    },
    /** One rule on every cell (replacing a checkbox or another rule); null removes them. */
    setDataValidation(rule: unknown) {
      begin('setDataValidation', 'write');
      const state = rule === null ? null : (stateOfValidation(rule) ?? refuseRule('setDataValidation', rule));
      eachCell((r, c) => putRule(r, c, state));
      return self;
    },
    /** A rule (or null) per cell, row by row, shaped like the range. */
    setDataValidations(rules: unknown) {
      begin('setDataValidations', 'write');
      const states = assertShape('setDataValidations', rules).map((row) => row.map((rule) => (rule === null ? null : (stateOfValidation(rule) ?? refuseRule('setDataValidations', rules)))));
      states.forEach((row, i) => row.forEach((state, j) => putRule(rect.row + i, rect.column + j, state)));
      return self;
    },
    /** The top-left cell's rule, null when it has none. */
    getDataValidation() {
      begin('getDataValidation', 'read', 1);
      const rule = ruleOfCell(sheet.cellAt(rect.row, rect.column));
      return rule ? createDataValidation(ctx, rule) : null;
    },
    getDataValidations() {
      begin('getDataValidations', 'read', size);
      return eachCell((r, c) => {
        const rule = ruleOfCell(sheet.cellAt(r, c));
        return rule ? createDataValidation(ctx, rule) : null;
      });
    },
    clearDataValidations() {
      begin('clearDataValidations', 'write');
      clearCells(false, false, true, true);
      return self;
    },
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
