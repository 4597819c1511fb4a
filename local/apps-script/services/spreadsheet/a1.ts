// A1 notation: column letters, "Sheet1!A1:B2" parsing and formatting (absolute $ markers ignored).

export interface GridRect {
  row: number;
  column: number;
  numRows: number;
  numColumns: number;
}

export interface A1Reference {
  sheetName?: string;
  /** An undefined bound is open: whole columns "A:B", whole rows "2:3", or "A2:B" down to the last row. */
  startRow?: number;
  startColumn?: number;
  endRow?: number;
  endColumn?: number;
}

export function columnToLetters(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

export function lettersToColumn(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export function rectToA1(rect: GridRect): string {
  const start = `${columnToLetters(rect.column)}${rect.row}`;
  if (rect.numRows === 1 && rect.numColumns === 1) return start;
  return `${start}:${columnToLetters(rect.column + rect.numColumns - 1)}${rect.row + rect.numRows - 1}`;
}

const CELL = /^\$?([A-Za-z]{0,3})\$?(\d*)$/;

interface Corner {
  column?: number;
  row?: number;
}

function parseCorner(text: string): Corner | undefined {
  const m = CELL.exec(text);
  if (!m || (!m[1] && !m[2])) return undefined;
  const row = m[2] ? Number(m[2]) : undefined;
  if (row === 0) return undefined;
  return { column: m[1] ? lettersToColumn(m[1]) : undefined, row };
}

const has = (c: Corner) => c.column !== undefined && c.row !== undefined;

/** Returns undefined when the text is not A1 notation ("A1", "A1:B2", "A:B", "2:3", "A2:B"). */
export function parseA1(text: string): A1Reference | undefined {
  let rest = text.trim();
  let sheetName: string | undefined;
  const bang = rest.lastIndexOf('!');
  if (bang >= 0) {
    sheetName = rest.slice(0, bang);
    if (sheetName.length >= 2 && sheetName.startsWith("'") && sheetName.endsWith("'")) sheetName = sheetName.slice(1, -1).replace(/''/g, "'");
    rest = rest.slice(bang + 1);
  }
  const parts = rest.split(':');
  if (parts.length > 2) return undefined;
  const a = parseCorner(parts[0]);
  const b = parts.length === 2 ? parseCorner(parts[1]) : a;
  if (!a || !b) return undefined;
  if (parts.length === 1 && !has(a)) return undefined;
  const columnsOnly = a.row === undefined && b.row === undefined && a.column !== undefined && b.column !== undefined;
  const rowsOnly = a.column === undefined && b.column === undefined;
  const openEnded = has(a) && b.column !== undefined && b.row === undefined;
  if (!(has(a) && has(b)) && !columnsOnly && !rowsOnly && !openEnded) return undefined;
  const order = (x?: number, y?: number) => (x !== undefined && y !== undefined ? [Math.min(x, y), Math.max(x, y)] : [x, y]);
  const [startRow, endRow] = order(a.row, b.row);
  const [startColumn, endColumn] = order(a.column, b.column);
  return { sheetName, startRow, endRow, startColumn, endColumn };
}

/** Resolves open bounds ("A:A" = the whole column) against the sheet's size. */
export function resolveA1(ref: A1Reference, maxRows: number, maxColumns: number): GridRect {
  const row = ref.startRow ?? 1;
  const column = ref.startColumn ?? 1;
  const endRow = ref.endRow ?? maxRows;
  const endColumn = ref.endColumn ?? maxColumns;
  return { row, column, numRows: endRow - row + 1, numColumns: endColumn - column + 1 };
}
