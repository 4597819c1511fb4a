// What a sheet cell holds: a value or a formula, plus its number format and recorded styling.
// Rows are stored sparsely (a row object only where something was written) so big sheets stay cheap.

/** The values Apps Script hands back from getValues(): empty cells read as "". */
export type CellValue = number | string | boolean | Date;

export interface Cell {
  /** undefined = no content. Dates are stored as instants and copied out on every read. */
  value?: CellValue;
  /** Formula text including the leading "="; when set, value is unused and the evaluator is asked. */
  formula?: string;
  /** Number format pattern; undefined = Sheets' "General" (automatic). */
  format?: string;
  /**
   * Recorded styling: fontWeight, fontColor, background, horizontalAlignment, verticalAlignment,
   * wrap, wrapStrategy, fontSize. Tests read it and the .xlsx export carries it; nothing renders it.
   */
  style?: Record<string, string | boolean | number>;
  /** A checkbox (insertCheckboxes): the values that mean checked and unchecked. */
  checkbox?: { checked: CellValue; unchecked: CellValue };
  /** A data validation rule other than a checkbox (setDataValidation); data-validation.ts builds and reads it. */
  validation?: ValidationRule;
}

/**
 * A data validation rule as a cell keeps it. For VALUE_IN_LIST, `values` is [choices as strings,
 * showDropdown], as getCriteriaValues returns it.
 */
export interface ValidationRule {
  /** SpreadsheetApp.DataValidationCriteria name, e.g. VALUE_IN_LIST. */
  criteria: string;
  values: unknown[];
  /** true: a value outside the rule is kept and marked; false: a write of it is refused. */
  allowInvalid: boolean;
  helpText: string | null;
}

export interface Row {
  cells: (Cell | undefined)[];
  /** Set by a person's filter: the row stays where it is but is hidden from view. */
  hiddenByFilter?: boolean;
}

/** A rule alone (no value) keeps the cell stored, but is not content: getLastRow does not see it. */
export function hasContent(cell: Cell | undefined): boolean {
  return cell !== undefined && (cell.value !== undefined || cell.formula !== undefined);
}

export function isEmptyCell(cell: Cell): boolean {
  return cell.value === undefined && cell.formula === undefined && cell.format === undefined && cell.style === undefined && cell.checkbox === undefined && cell.validation === undefined;
}
