// Every tab's grid (max rows x max columns), which Google counts against its 10 million cells per
// spreadsheet. Measuring costs a getSheets and four calls a tab, so an execution measures at most once
// (and only when a write would grow a grid, or the sidebar asks); after that the adapters that change
// grids tell the book, so it stays current without being read again.
import type { GridSize, TabGrid } from '../../core/tabs/tab-port';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export interface GridBook {
  /** Every tab's grid, measured at the first call (or from `sheets`, already fetched). */
  all(sheets?: Sheet[]): TabGrid[];
  /** The grids if this execution measured them, else null: nothing is read. */
  measured(): TabGrid[] | null;
  /** A grid this execution read or changed (a new tab included). */
  set(sheetId: number, name: string, grid: GridSize): void;
  remove(sheetId: number): void;
  /** deleteRows shrinks the grid by as many rows. */
  deletedRows(sheetId: number, count: number): void;
}

export function gridBook(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): GridBook {
  let grids: TabGrid[] | null = null;
  return {
    all(sheets) {
      grids ??= (sheets ?? spreadsheet.getSheets()).map((s) => ({ sheetId: s.getSheetId(), name: s.getName(), rows: s.getMaxRows(), columns: s.getMaxColumns() }));
      return grids.map((g) => ({ ...g }));
    },
    measured: () => grids && grids.map((g) => ({ ...g })),
    set(sheetId, name, grid) {
      if (!grids) return;
      const known = grids.find((g) => g.sheetId === sheetId);
      if (known) Object.assign(known, { name, rows: grid.rows, columns: grid.columns });
      else grids.push({ sheetId, name, rows: grid.rows, columns: grid.columns });
    },
    remove(sheetId) {
      if (grids) grids = grids.filter((g) => g.sheetId !== sheetId);
    },
    deletedRows(sheetId, count) {
      const known = grids?.find((g) => g.sheetId === sheetId);
      if (known) known.rows = Math.max(0, known.rows - count);
    },
  };
}
