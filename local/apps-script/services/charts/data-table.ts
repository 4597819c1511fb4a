// Charts.newDataTable(): the DataTableBuilder and the DataTable it builds. Google's DataTable "has no
// methods" of its own but implements DataTableSource (getDataTable(), itself), so the facade handed
// to scripts has only that; the chart builders read its columns and rows through tableDataOf().
// (@types/google-apps-script 2.0.13 declares DataTable empty, so TypeScript callers cast it to
// DataTableSource for setDataTable.)
//
// Types are checked as Google's docs ask ("the value of the table cell (should have the right type
// for the column)"): DATE a Date, NUMBER a finite number, STRING a string, null (or undefined) for a
// missing value. addRow checks at once; setValue may name a column not added yet (the docs allow it,
// and drop the value if the column never comes), so its value is checked when the column exists,
// at the latest by build().
import { enterService, GOOGLE_ERRORS, guarded, type Platform } from '../../platform';
import { typeNameOf } from '../spreadsheet/access';
import { SPREADSHEET_ERRORS } from '../spreadsheet/messages';

export const COLUMN_TYPES = ['DATE', 'NUMBER', 'STRING'] as const;
export type ColumnType = (typeof COLUMN_TYPES)[number];
export type CellValue = Date | number | string | null;

export interface DataColumn {
  type: ColumnType;
  label: string;
}

/** What a built DataTable holds (copies: later changes to the builder do not reach it). */
export interface TableData {
  columns: DataColumn[];
  /** Each row as long as `columns`. */
  rows: CellValue[][];
}

const tables = new WeakMap<object, TableData>();
/** DataTableBuilder facades, so a chart builder can take one (setDataTable(tableBuilder)). */
const builders = new WeakMap<object, () => TableData>();

/** The data behind a DataTable (or DataTableBuilder) made here; undefined for anything else. */
export function tableDataOf(value: unknown): TableData | undefined {
  if (!value || typeof value !== 'object') return undefined;
  return tables.get(value) ?? builders.get(value)?.();
}

const isDate = (v: unknown): v is Date => Object.prototype.toString.call(v) === '[object Date]';

function describe(value: unknown): string {
  if (typeof value === 'string') return `String "${value.length > 20 ? value.slice(0, 20) + '...' : value}"`;
  if (typeof value === 'number') return `number ${value}`;
  if (isDate(value)) return 'an invalid Date';
  return typeNameOf(value) === 'null' ? 'null' : typeNameOf(value);
}

/** Throws Google's invalid-argument error unless `value` fits a column of `type`. */
function checkValue(value: unknown, column: DataColumn, index: number): CellValue {
  if (value === null || value === undefined) return null;
  const fits =
    (column.type === 'NUMBER' && typeof value === 'number' && Number.isFinite(value)) ||
    (column.type === 'STRING' && typeof value === 'string') ||
    (column.type === 'DATE' && isDate(value) && !Number.isNaN(value.getTime()));
  if (!fits) throw new Error(GOOGLE_ERRORS.chartValue(`column ${index} "${column.label}" is ${column.type}; got ${describe(value)}`));
  return isDate(value) ? new Date(value.getTime()) : (value as number | string);
}

const copyCell = (v: CellValue): CellValue => (isDate(v) ? new Date(v.getTime()) : v);

export function createDataTableBuilder(platform: Platform): GoogleAppsScript.Charts.DataTableBuilder {
  const columns: DataColumn[] = [];
  /** Rows as set: a row may be shorter or longer than `columns` (setValue before addColumn). */
  const rows: unknown[][] = [];
  const begin = (method: string) => enterService(platform, 'DataTableBuilder', method);
  const signature = (method: string, ...args: unknown[]) =>
    new Error(SPREADSHEET_ERRORS.methodSignature(`Charts.DataTableBuilder.${method}`, args.map(typeNameOf).join(',')));

  const snapshot = (): TableData => {
    if (columns.length === 0) throw new Error(GOOGLE_ERRORS.dataTableEmpty);
    return {
      columns: columns.map((c) => ({ ...c })),
      rows: rows.map((row) => columns.map((column, i) => copyCell(checkValue(row[i], column, i)))),
    };
  };

  const builder = {
    addColumn(type: unknown, label: unknown) {
      begin('addColumn');
      if (typeof type !== 'string' || !COLUMN_TYPES.includes(type as ColumnType)) throw signature('addColumn', type, label);
      const column: DataColumn = { type: type as ColumnType, label: label === undefined || label === null ? '' : String(label) };
      // Values set earlier for this column (setValue before addColumn) must fit it now.
      for (const row of rows) checkValue(row[columns.length], column, columns.length);
      columns.push(column);
      return self;
    },
    addRow(values: unknown) {
      begin('addRow');
      if (!Array.isArray(values)) throw signature('addRow', values);
      if (values.length !== columns.length) {
        throw new Error(GOOGLE_ERRORS.chartValue(`${values.length} value${values.length === 1 ? '' : 's'} for ${columns.length} column${columns.length === 1 ? '' : 's'}`));
      }
      rows.push(values.map((v, i) => checkValue(v, columns[i], i)));
      return self;
    },
    setValue(row: unknown, column: unknown, value: unknown) {
      begin('setValue');
      const index = (n: unknown) => typeof n === 'number' && Number.isInteger(n) && n >= 0;
      if (!index(row)) throw new Error(GOOGLE_ERRORS.invalidArgument('row'));
      if (!index(column)) throw new Error(GOOGLE_ERRORS.invalidArgument('column'));
      const r = row as number;
      const c = column as number;
      const checked = c < columns.length ? checkValue(value, columns[c], c) : isDate(value) ? new Date(value.getTime()) : value;
      while (rows.length <= r) rows.push([]);
      rows[r][c] = checked;
      return self;
    },
    build() {
      begin('build');
      const data = snapshot();
      const table: GoogleAppsScript.Charts.DataTable & GoogleAppsScript.Charts.DataTableSource = guarded('DataTable', {
        getDataTable() {
          enterService(platform, 'DataTable', 'getDataTable');
          return table;
        },
      });
      tables.set(table, data);
      return table;
    },
  };
  const self = guarded('DataTableBuilder', builder) as unknown as GoogleAppsScript.Charts.DataTableBuilder;
  builders.set(self, snapshot);
  return self;
}
