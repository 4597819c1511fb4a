// The Sheet facade: one tab's size, rows and columns, frozen rows, visibility and ranges.
// Writes never grow the grid except appendRow and the insert* calls, as in Sheets.
import { guarded } from '../../platform';
import { parseA1, resolveA1, type GridRect } from './a1';
import { enter, typeNameOf, type Access, type FacadeContext } from './access';
import { SPREADSHEET_ERRORS } from './messages';
import { chartStateOf, createChartBuilder, createEmbeddedChart } from './charts';
import { copyChart, type ChartState } from './chart-state';
import { createRange } from './range';
import type { SheetState } from './sheet-state';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export function createSheet(ctx: FacadeContext, state: SheetState): Sheet {
  const { workbook } = ctx;

  const begin = (method: string, access: Access) => {
    enter(ctx, 'Sheet', method, access);
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
  const clearAll = (contents: boolean, formats: boolean) => {
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
        if (cell.value === undefined && cell.formula === undefined && cell.format === undefined && cell.style === undefined) delete row.cells[j];
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
      begin('getDataRange', 'read');
      return rangeOf({ row: 1, column: 1, numRows: Math.max(1, workbook.lastRowOf(state)), numColumns: Math.max(1, workbook.lastColumnOf(state)) });
    },
    // Spilled values count, as in Sheets (a FILTER's rows are "content").
    getLastRow: () => (begin('getLastRow', 'read'), workbook.lastRowOf(state)),
    getLastColumn: () => (begin('getLastColumn', 'read'), workbook.lastColumnOf(state)),
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
      begin('appendRow', 'write');
      if (!Array.isArray(rowContents)) throw new Error(SPREADSHEET_ERRORS.methodSignature('SpreadsheetApp.Sheet.appendRow', typeNameOf(rowContents)));
      const row = workbook.lastRowOf(state) + 1;
      // Unlike setValues, appendRow grows the grid to fit the new row.
      if (row > state.maxRows) workbook.insertRowsAt(state, state.maxRows + 1, row - state.maxRows);
      if (rowContents.length > state.maxColumns) workbook.insertColumnsAt(state, state.maxColumns + 1, rowContents.length - state.maxColumns);
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
      clearAll(!only || !!options?.contentsOnly, !only || !!options?.formatOnly);
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
    getColumnWidth: (columnPosition: number) => (begin('getColumnWidth', 'read'), state.columnWidths.get(columnPosition) ?? 100),
  };
  const self = guarded('Sheet', sheet) as unknown as Sheet;
  ctx.stateOfSheet.set(self, state);
  return self;
}
