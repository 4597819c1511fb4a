// A1 notation for formulas and chart ranges: column letters, quoted sheet names, whole columns.

export function columnLetter(column: number): string {
  let n = column;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** 'User''s Information' — quotes always, apostrophes doubled, as Sheets writes them. */
export function sheetRef(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** A whole column from row 2 down (below the header): 'Tab'!F2:F. */
export function dataColumn(sheet: string, column: number): string {
  const letter = columnLetter(column);
  return `${sheetRef(sheet)}!${letter}2:${letter}`;
}

/** A whole column with its header, for charts: 'Tab'!F:F. */
export function wholeColumn(sheet: string, column: number): string {
  const letter = columnLetter(column);
  return `${sheetRef(sheet)}!${letter}:${letter}`;
}

export function cell(row: number, column: number): string {
  return `${columnLetter(column)}${row}`;
}

/** From a cell across `width` columns down to the sheet's last row: O2:P, for blocks that grow. */
export function openRange(row: number, column: number, width: number): string {
  return `${cell(row, column)}:${columnLetter(column + width - 1)}`;
}

/** Text as a formula string literal: quoted, every " doubled, so no text can close it early. */
export function stringLiteral(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}
