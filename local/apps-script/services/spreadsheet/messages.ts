// Google's error messages for the Spreadsheet service, in one table so tests and fakes agree.
// Verbatim where the brief or reference gives them; the few marked "unverified" are our best wording.
import { GOOGLE_ERRORS } from '../../platform';

export const SPREADSHEET_ERRORS = {
  /** Custom functions (read-only document) and NONE mode (no document at all). */
  permission: (className: string, method: string) => GOOGLE_ERRORS.permission(`${className}.${method}`),
  duplicateSheetName: (name: string) => `A sheet with the name "${name}" already exists. Please enter another name.`,
  /**
   * Unverified wording and rule, the strict choice: an empty sheet name, one over MAX_SHEET_NAME characters,
   * or one holding a line break or another control character. Sheets takes every other character
   * (quotes, @, emoji, / : [ ] * ?). `argument` is the method's parameter: insertSheet(sheetName), setName(name).
   */
  invalidSheetName: (argument: string) => GOOGLE_ERRORS.invalidArgument(argument),
  outsideGrid: 'The coordinates of the range are outside the dimensions of the sheet.',
  startRowTooSmall: 'The starting row of the range is too small.',
  startColumnTooSmall: 'The starting column of the range is too small.',
  tooFewRows: 'The number of rows in the range must be at least 1.',
  tooFewColumns: 'The number of columns in the range must be at least 1.',
  rowsMismatch: (data: number, range: number) =>
    `The number of rows in the data does not match the number of rows in the range. The data has ${data} but the range has ${range}.`,
  columnsMismatch: (data: number, range: number) =>
    `The number of columns in the data does not match the number of columns in the range. The data has ${data} but the range has ${range}.`,
  cellTooLong: 'Your input contains more than the maximum of 50000 characters in a single cell.',
  workbookTooLarge: 'This action would increase the number of cells in the workbook above the limit of 10000000 cells.',
  badA1: 'Range not found',
  methodSignature: (method: string, given: string) => `The parameters (${given}) don't match the method signature for ${method}.`,
  deleteAllRows: 'Sorry, it is not possible to delete all non-frozen rows.',
  deleteAllColumns: 'Sorry, it is not possible to delete all non-frozen columns.',
  rowsOutOfBounds: 'Those rows are out of bounds.',
  columnsOutOfBounds: 'Those columns are out of bounds.',
  removeLastSheet: "You can't remove all the sheets in a document.",
  /** Unverified wording. */
  hideLastSheet: "You can't hide all the sheets in a document.",
  /** Unverified wording: using a Sheet or Range whose tab was deleted. */
  sheetDeleted: (name: string) => `The sheet "${name}" has been deleted.`,
  /** Unverified wording. */
  sortColumnOutside: 'The column to sort by is not within the range.',
  getUiContext: 'Cannot call SpreadsheetApp.getUi() from this context.',
  uiNotPermitted: (method: string) => `Specified permissions are not sufficient to call Ui.${method}`,
  /** What Apps Script says for an id it cannot open. */
  openById: 'Unexpected error while getting the method or property openById on object SpreadsheetApp.',
  /** No evaluator plugged in: an unescaped caption must never pass silently. */
  formulaEvaluation: (where: string, formula: string) =>
    `${GOOGLE_ERRORS.notImplemented('formula evaluation (=...)')}: ${where} holds ${formula.length > 60 ? formula.slice(0, 60) + '...' : formula}`,
  /** A Sheets function the local engine does not evaluate: loud, never a plausible guess. */
  formulaFunction: (where: string, name: string) =>
    `${GOOGLE_ERRORS.notImplemented('formula evaluation (=...)')}: ${where} calls ${name}, which the local formula engine does not evaluate`,
  /** Unverified wording (chart calls). */
  chartTypeMissing: 'The chart type must be set (setChartType or as...Chart()) before build().',
  chartNotFound: 'The chart was not found on this sheet.',
  /** Unverified wording and rule, the strict choice: setConditionalFormatRules with a rule lacking a condition or ranges. */
  conditionalRuleIncomplete: 'A conditional format rule needs a condition (a when... call) and at least one range (setRanges).',
  /** Unverified wording and rule, the strict choice: a rule's ranges must lie on the sheet it is set on. */
  conditionalRuleOtherSheet: "The ranges of a conditional format rule must be on the sheet it is set on.",
  /**
   * A write (setValue, setValues, appendRow) of a value a strict rule (setAllowInvalid(false)) refuses. The
   * wording as scripts' logs quote it ("The data you entered in cell U2 violates the data validation rules
   * set on this cell...", also "...in cell A741 violates..."); whether Google adds more after it (such as
   * the list's values) is unverified. Sheets may only report it at the next flush; here the write throws.
   */
  dataValidationViolation: (a1: string) => `The data you entered in cell ${a1} violates the data validation rules set on this cell.`,
  /** Unverified wording and rule, the strict choice: DataValidationBuilder.build() before any require... call. */
  validationCriteriaMissing: 'A data validation rule needs criteria (a require... call) before build().',
  /** Unverified wording: a row height or column width that is not a positive number of pixels. */
  invalidSize: (argument: string) => GOOGLE_ERRORS.invalidArgument(argument),
} as const;
