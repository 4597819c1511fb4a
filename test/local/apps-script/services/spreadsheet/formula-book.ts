// A fresh workbook for formula tests: write rows, write a formula, read what the cell shows.
import { setup } from './test-platform';

export function formulaBook(options: { timeZone?: string } = {}) {
  const t = setup(options);
  const { sheet, workbook } = t;
  return {
    ...t,
    /** Writes rows of values with their top-left cell at `a1`. */
    put(a1: string, rows: unknown[][]) {
      const at = sheet.getRange(a1);
      sheet.getRange(at.getRow(), at.getColumn(), rows.length, rows[0].length).setValues(rows);
    },
    /** Writes the formula into `at` (default Z1, out of the way) and returns getValue. */
    calc(formula: string, at = 'Z1'): unknown {
      sheet.getRange(at).setFormula(formula);
      return sheet.getRange(at).getValue();
    },
    /** The note Sheets shows on an error cell. */
    message(at = 'Z1', tab = 'Sheet1'): string | undefined {
      return workbook.formulaError(tab, at)?.message;
    },
    values(a1: string) {
      return sheet.getRange(a1).getValues();
    },
  };
}
