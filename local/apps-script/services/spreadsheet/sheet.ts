// The Sheet facade: one tab's size, rows and columns, frozen rows, visibility and ranges.
// Writes never grow the grid except appendRow and the insert* calls, as in Sheets.
import { guarded } from '../../platform';
import { parseA1, resolveA1, type GridRect } from './a1';
import { enter, typeNameOf, type Access, type FacadeContext } from './access';
import { SPREADSHEET_ERRORS } from './messages';
import { chartStateOf, createChartBuilder, createEmbeddedChart } from './charts';
import { copyChart, type ChartState } from './chart-state';
import { isEmptyCell } from './cell';
import { ruleForSheet, rulesOfSheet } from './conditional-format';
import { createRange } from './range';
import { DEFAULT_COLUMN_WIDTH, DEFAULT_ROW_HEIGHT, type SheetState } from './sheet-state';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export function createSheet(ctx: FacadeContext, state: SheetState): Sheet {
  const { workbook } = ctx;

  /** `cells` for the cost model: data reads (getLastRow: 0) and writes that put cells (appendRow). */
  const begin = (method: string, access: Access, cells?: number) => {
    enter(ctx, 'Sheet', method, access, cells);
    workbook.assertLive(state);
  };
  const rangeOf = (rect: GridRect) => {
    workbook.assertInGrid(state, rect);
    return createRange(ctx, state, rect);
  };
  /** The chart a script passes back, and where this tab keeps it. */
  const chartArg = (method: string, chart: unknown): { snapshot: ChartState; index: number } => {
    const snapshot = chartStateOf(chart);
    if (!snapshot) throw new Error(SPREADSHEET_ERRORS.methodSignature(`SpreadsheetApp.Sheet.${method}`, typeNameOf(chart)));
    return { snapshot, index: state.charts.findIndex((c) => c.id !== undefined && c.id === snapshot.id) };
  };
  /** `validations`: clear() without options also drops checkboxes; list rules stay (see Range.clear). */
  const clearAll = (contents: boolean, formats: boolean, validations = false) => {
    for (const row of state.rows) {
      if (!row) continue;
      row.cells.forEach((cell, j) => {
        if (!cell) return;
        if (contents) {
          delete cell.value;
          delete cell.formula;
        }
        if (formats) {
          delete cell.format;
          delete cell.style;
        }
        if (validations) delete cell.checkbox;
        if (isEmptyCell(cell)) delete row.cells[j];
      });
    }
  };

  const sheet = {
    getName: () => (begin('getName', 'read'), state.name),
    setName(name: string) {
      begin('setName', 'write');
      workbook.renameSheetState(state, String(name));
      return self;
    },
    getSheetId: () => (begin('getSheetId', 'read'), state.id),
    getIndex: () => (begin('getIndex', 'read'), workbook.sheets.indexOf(state) + 1),
    getParent: () => (begin('getParent', 'read'), ctx.spreadsheetFacade()),
    getRange(a: unknown, column?: number, numRows?: number, numColumns?: number) {
      begin('getRange', 'read');
      if (typeof a === 'string') {
        const ref = parseA1(a);
        if (!ref || (ref.sheetName !== undefined && ref.sheetName.toLowerCase() !== state.name.toLowerCase())) throw new Error(SPREADSHEET_ERRORS.badA1);
        return rangeOf(resolveA1(ref, state.maxRows, state.maxColumns));
      }
      if (typeof a !== 'number' || typeof column !== 'number') {
        throw new Error(SPREADSHEET_ERRORS.methodSignature('SpreadsheetApp.Sheet.getRange', typeNameOf(a)));
      }
      return rangeOf({ row: a, column, numRows: numRows ?? 1, numColumns: numColumns ?? 1 });
    },
    getDataRange() {
      begin('getDataRange', 'read', 0);
      return rangeOf({ row: 1, column: 1, numRows: Math.max(1, workbook.lastRowOf(state)), numColumns: Math.max(1, workbook.lastColumnOf(state)) });
    },
    // Spilled values count, as in Sheets (a FILTER's rows are "content").
    getLastRow: () => (begin('getLastRow', 'read', 0), workbook.lastRowOf(state)),
    getLastColumn: () => (begin('getLastColumn', 'read', 0), workbook.lastColumnOf(state)),
    getMaxRows: () => (begin('getMaxRows', 'read'), state.maxRows),
    getMaxColumns: () => (begin('getMaxColumns', 'read'), state.maxColumns),
    insertRowsAfter(afterPosition: number, howMany: number) {
      begin('insertRowsAfter', 'write');
      if (afterPosition < 1 || afterPosition > state.maxRows) throw new Error(SPREADSHEET_ERRORS.rowsOutOfBounds);
      workbook.insertRowsAt(state, afterPosition + 1, howMany);
      return self;
    },
    insertRowsBefore(beforePosition: number, howMany: number) {
      begin('insertRowsBefore', 'write');
      if (beforePosition > state.maxRows) throw new Error(SPREADSHEET_ERRORS.rowsOutOfBounds);
      workbook.insertRowsAt(state, beforePosition, howMany);
      return self;
    },
    insertRowAfter(afterPosition: number) {
      begin('insertRowAfter', 'write');
      if (afterPosition < 1 || afterPosition > state.maxRows) throw new Error(SPREADSHEET_ERRORS.rowsOutOfBounds);
      workbook.insertRowsAt(state, afterPosition + 1, 1);
      return self;
    },
    insertRowBefore(beforePosition: number) {
      begin('insertRowBefore', 'write');
      if (beforePosition > state.maxRows) throw new Error(SPREADSHEET_ERRORS.rowsOutOfBounds);
      workbook.insertRowsAt(state, beforePosition, 1);
      return self;
    },
    insertRows(rowIndex: number, numRows?: number) {
      begin('insertRows', 'write');
      if (rowIndex > state.maxRows) throw new Error(SPREADSHEET_ERRORS.rowsOutOfBounds);
      workbook.insertRowsAt(state, rowIndex, numRows ?? 1);
    },
    deleteRow(rowPosition: number) {
      begin('deleteRow', 'write');
      workbook.deleteRowsAt(state, rowPosition, 1);
      return self;
    },
    deleteRows(rowPosition: number, howMany: number) {
      begin('deleteRows', 'write');
      workbook.deleteRowsAt(state, rowPosition, howMany);
    },
    insertColumnsAfter(afterPosition: number, howMany: number) {
      begin('insertColumnsAfter', 'write');
      if (afterPosition < 1 || afterPosition > state.maxColumns) throw new Error(SPREADSHEET_ERRORS.columnsOutOfBounds);
      workbook.insertColumnsAt(state, afterPosition + 1, howMany);
      return self;
    },
    insertColumnsBefore(beforePosition: number, howMany: number) {
      begin('insertColumnsBefore', 'write');
      if (beforePosition > state.maxColumns) throw new Error(SPREADSHEET_ERRORS.columnsOutOfBounds);
      workbook.insertColumnsAt(state, beforePosition, howMany);
      return self;
    },
    insertColumnAfter(afterPosition: number) {
      begin('insertColumnAfter', 'write');
      if (afterPosition < 1 || afterPosition > state.maxColumns) throw new Error(SPREADSHEET_ERRORS.columnsOutOfBounds);
      workbook.insertColumnsAt(state, afterPosition + 1, 1);
      return self;
    },
    insertColumnBefore(beforePosition: number) {
      begin('insertColumnBefore', 'write');
      if (beforePosition > state.maxColumns) throw new Error(SPREADSHEET_ERRORS.columnsOutOfBounds);
      workbook.insertColumnsAt(state, beforePosition, 1);
      return self;
    },
    deleteColumn(columnPosition: number) {
      begin('deleteColumn', 'write');
      workbook.deleteColumnsAt(state, columnPosition, 1);
      return self;
    },
    deleteColumns(columnPosition: number, howMany: number) {
      begin('deleteColumns', 'write');
      workbook.deleteColumnsAt(state, columnPosition, howMany);
    },
    appendRow(rowContents: unknown) {
      begin('appendRow', 'write', Array.isArray(rowContents) ? rowContents.length : 0);
      if (!Array.isArray(rowContents)) throw new Error(SPREADSHEET_ERRORS.methodSignature('SpreadsheetApp.Sheet.appendRow', typeNameOf(rowContents)));
      const row = workbook.lastRowOf(state) + 1;
      // Unlike setValues, appendRow grows the grid to fit the new row; refused, it grows nothing (not the rows without the columns).
      const rows = Math.max(0, row - state.maxRows);
      const columns = Math.max(0, rowContents.length - state.maxColumns);
      workbook.ensureRoomFor(rows * state.maxColumns + columns * (state.maxRows + rows));
      if (rows) workbook.insertRowsAt(state, state.maxRows + 1, rows);
      if (columns) workbook.insertColumnsAt(state, state.maxColumns + 1, columns);
      if (rowContents.length > 0) workbook.writeValues(state, { row, column: 1, numRows: 1, numColumns: rowContents.length }, [rowContents]);
      return self;
    },
    setFrozenRows(rows: number) {
      begin('setFrozenRows', 'write');
      if (rows < 0 || rows > state.maxRows) throw new Error(SPREADSHEET_ERRORS.rowsOutOfBounds);
      state.frozenRows = rows;
    },
    getFrozenRows: () => (begin('getFrozenRows', 'read'), state.frozenRows),
    setFrozenColumns(columns: number) {
      begin('setFrozenColumns', 'write');
      if (columns < 0 || columns > state.maxColumns) throw new Error(SPREADSHEET_ERRORS.columnsOutOfBounds);
      state.frozenColumns = columns;
    },
    getFrozenColumns: () => (begin('getFrozenColumns', 'read'), state.frozenColumns),
    hideSheet() {
      begin('hideSheet', 'write');
      workbook.setHidden(state, true);
      return self;
    },
    showSheet() {
      begin('showSheet', 'write');
      workbook.setHidden(state, false);
      return self;
    },
    isSheetHidden: () => (begin('isSheetHidden', 'read'), state.hidden),
    isRowHiddenByFilter: (row: number) => (begin('isRowHiddenByFilter', 'read'), state.rows[row - 1]?.hiddenByFilter === true),
    clear(options?: { contentsOnly?: boolean; formatOnly?: boolean }) {
      begin('clear', 'write');
      const only = options?.contentsOnly || options?.formatOnly;
      clearAll(!only || !!options?.contentsOnly, !only || !!options?.formatOnly, !only);
      return self;
    },
    clearContents() {
      begin('clearContents', 'write');
      clearAll(true, false);
      return self;
    },
    clearFormats() {
      begin('clearFormats', 'write');
      clearAll(false, true);
      return self;
    },
    activate() {
      begin('activate', 'read');
      workbook.activate(state);
      return self;
    },
    getCharts: () => (begin('getCharts', 'read'), state.charts.map((c) => createEmbeddedChart(ctx, copyChart(c), state))),
    newChart: () => (begin('newChart', 'read'), createChartBuilder(ctx, state)),
    /** A new chart on this tab, with a new id, even when built from another chart's modify(). */
    insertChart(chart: unknown) {
      begin('insertChart', 'write');
      const { snapshot } = chartArg('insertChart', chart);
      state.charts.push({ ...copyChart(snapshot), id: workbook.nextChartId() });
    },
    removeChart(chart: unknown) {
      begin('removeChart', 'write');
      const { index } = chartArg('removeChart', chart);
      if (index < 0) throw new Error(SPREADSHEET_ERRORS.chartNotFound);
      state.charts.splice(index, 1);
    },
    updateChart(chart: unknown) {
      begin('updateChart', 'write');
      const { snapshot, index } = chartArg('updateChart', chart);
      if (index < 0) throw new Error(SPREADSHEET_ERRORS.chartNotFound);
      state.charts[index] = copyChart(snapshot);
    },
    setColumnWidth(columnPosition: number, width: number) {
      begin('setColumnWidth', 'write');
      if (columnPosition < 1 || columnPosition > state.maxColumns) throw new Error(SPREADSHEET_ERRORS.columnsOutOfBounds);
      state.columnWidths.set(columnPosition, width);
      return self;
    },
    getColumnWidth: (columnPosition: number) => (begin('getColumnWidth', 'read'), state.columnWidths.get(columnPosition) ?? DEFAULT_COLUMN_WIDTH),
    /** Fits each column to its content (a local approximation of Sheets' font metrics, see autoFitWidth). */
    autoResizeColumns(startColumn: number, numColumns: number) {
      begin('autoResizeColumns', 'write');
      checkColumns(startColumn, numColumns);
      for (let c = startColumn; c < startColumn + numColumns; c++) state.columnWidths.set(c, autoFitWidth(c));
      return self;
    },
    autoResizeColumn(columnPosition: number) {
      begin('autoResizeColumn', 'write');
      checkColumns(columnPosition, 1);
      state.columnWidths.set(columnPosition, autoFitWidth(columnPosition));
      return self;
    },
    setColumnWidths(startColumn: number, numColumns: number, width: number) {
      begin('setColumnWidths', 'write');
      checkColumns(startColumn, numColumns);
      const px = pixels(width, 'width');
      for (let c = startColumn; c < startColumn + numColumns; c++) state.columnWidths.set(c, px);
      return self;
    },
    setRowHeight(rowPosition: number, height: number) {
      begin('setRowHeight', 'write');
      checkRows(rowPosition, 1);
      state.rowHeights.set(rowPosition, pixels(height, 'height'));
      return self;
    },
    setRowHeights(startRow: number, numRows: number, height: number) {
      begin('setRowHeights', 'write');
      checkRows(startRow, numRows);
      const px = pixels(height, 'height');
      for (let r = startRow; r < startRow + numRows; r++) state.rowHeights.set(r, px);
      return self;
    },
    getRowHeight: (rowPosition: number) => (begin('getRowHeight', 'read'), state.rowHeights.get(rowPosition) ?? DEFAULT_ROW_HEIGHT),
    /** Replaces every rule of this tab (as Sheets does), in priority order. */
    setConditionalFormatRules(rules: unknown) {
      begin('setConditionalFormatRules', 'write');
      if (!Array.isArray(rules)) throw new Error(SPREADSHEET_ERRORS.methodSignature('SpreadsheetApp.Sheet.setConditionalFormatRules', typeNameOf(rules)));
      state.conditionalFormats = rules.map((rule) => ruleForSheet(rule, state));
    },
    getConditionalFormatRules: () => (begin('getConditionalFormatRules', 'read'), rulesOfSheet(ctx, state)),
    clearConditionalFormatRules() {
      begin('clearConditionalFormatRules', 'write');
      state.conditionalFormats = [];
    },
  };
  function checkColumns(start: number, count: number): void {
    if (!Number.isInteger(start) || !Number.isInteger(count) || start < 1 || count < 1 || start + count - 1 > state.maxColumns) {
      throw new Error(SPREADSHEET_ERRORS.columnsOutOfBounds);
    }
  }
  function checkRows(start: number, count: number): void {
    if (!Number.isInteger(start) || !Number.isInteger(count) || start < 1 || count < 1 || start + count - 1 > state.maxRows) {
      throw new Error(SPREADSHEET_ERRORS.rowsOutOfBounds);
    }
  }
  function pixels(value: unknown, argument: string): number {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 1) throw new Error(SPREADSHEET_ERRORS.invalidSize(argument));
    return Math.round(value);
  }
  /**
   * A column's width fitted to its longest displayed line: 7 px per character at 10 pt (scaled by
   * the cell's font size) plus 12 px of padding; an empty column keeps Sheets' default width.
   * A local approximation: Sheets measures the real glyphs, so its widths differ by a few pixels.
   */
  function autoFitWidth(column: number): number {
    let widest = 0;
    workbook.reading(() => {
      const last = Math.min(workbook.lastRowOf(state), state.maxRows);
      for (let r = 1; r <= last; r++) {
        const shown = workbook.displayAt(state, r, column);
        if (!shown) continue;
        const cell = state.cellAt(r, column);
        const size = typeof cell?.style?.fontSize === 'number' ? cell.style.fontSize : 10;
        const longest = Math.max(...shown.split('\n').map((line) => [...line].length));
        widest = Math.max(widest, Math.ceil((longest * 7 * size) / 10) + 12);
      }
    });
    return widest > 0 ? widest : DEFAULT_COLUMN_WIDTH;
  }
  const self = guarded('Sheet', sheet) as unknown as Sheet;
  ctx.stateOfSheet.set(self, state);
  return self;
}
