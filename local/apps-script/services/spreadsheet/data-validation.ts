// Data validation: SpreadsheetApp.newDataValidation(), the builder's list rule (requireValueInList),
// the built DataValidation, and what a cell keeps of it. Rules live on cells (cell.ts), so they move with
// rows and columns like every other cell property. Only list rules are built here; the other require...
// calls (ranges, numbers, dates, text, formulas) throw through guarded(), like anything else missing.
// A checkbox (insertCheckboxes) is data validation in Sheets too: it reads back as a CHECKBOX rule.
import { guarded } from '../../platform';
import { enter, typeNameOf, type FacadeContext } from './access';
import type { Cell, CellValue, ValidationRule } from './cell';
import { SPREADSHEET_ERRORS } from './messages';

/** SpreadsheetApp.DataValidationCriteria, as the names Apps Script's enum prints. */
export const DATA_VALIDATION_CRITERIA = [
  'DATE_AFTER', 'DATE_BEFORE', 'DATE_BETWEEN', 'DATE_EQUAL_TO', 'DATE_IS_VALID_DATE', 'DATE_NOT_BETWEEN', 'DATE_ON_OR_AFTER',
  'DATE_ON_OR_BEFORE', 'NUMBER_BETWEEN', 'NUMBER_EQUAL_TO', 'NUMBER_GREATER_THAN', 'NUMBER_GREATER_THAN_OR_EQUAL_TO',
  'NUMBER_LESS_THAN', 'NUMBER_LESS_THAN_OR_EQUAL_TO', 'NUMBER_NOT_BETWEEN', 'NUMBER_NOT_EQUAL_TO', 'TEXT_CONTAINS',
  'TEXT_DOES_NOT_CONTAIN', 'TEXT_EQUAL_TO', 'TEXT_IS_VALID_EMAIL', 'TEXT_IS_VALID_URL', 'VALUE_IN_LIST', 'VALUE_IN_RANGE',
  'CUSTOM_FORMULA', 'CHECKBOX',
] as const;

/** A rule being built: no criteria until a require... call. New rules allow invalid input (Google's default). */
interface RuleDraft {
  criteria: string | null;
  values: unknown[];
  allowInvalid: boolean;
  helpText: string | null;
}

const copyValues = (values: readonly unknown[]): unknown[] =>
  values.map((v) => (Array.isArray(v) ? [...(v as unknown[])] : v instanceof Date ? new Date(v.getTime()) : v));

export const copyRule = (rule: ValidationRule): ValidationRule => ({ ...rule, values: copyValues(rule.values) });

/** The rules behind the DataValidation facades handed to scripts. */
const built = new WeakMap<object, ValidationRule>();

/** The rule behind a DataValidation a script passes back, or undefined when it is not one. */
export function stateOfValidation(rule: unknown): ValidationRule | undefined {
  return rule && typeof rule === 'object' ? built.get(rule) : undefined;
}

/** A checkbox as the rule Sheets reports for it: requireCheckbox(), (checked) or (checked, unchecked). */
function checkboxRule(box: NonNullable<Cell['checkbox']>): ValidationRule {
  const values = box.checked === true && box.unchecked === false ? [] : box.unchecked === '' ? [box.checked] : [box.checked, box.unchecked];
  // Unverified: whether a checkbox inserted by insertCheckboxes allows invalid input.
  return { criteria: 'CHECKBOX', values, allowInvalid: true, helpText: null };
}

/** The rule a cell holds (a list rule or a checkbox), or undefined. */
export function ruleOfCell(cell: Cell | undefined): ValidationRule | undefined {
  if (cell?.validation) return cell.validation;
  return cell?.checkbox ? checkboxRule(cell.checkbox) : undefined;
}

/** Puts a rule on a cell (null removes it): a cell holds one rule, so a list rule replaces a checkbox and back. */
export function setRuleOnCell(cell: Cell, rule: ValidationRule | null): void {
  delete cell.validation;
  delete cell.checkbox;
  if (!rule) return;
  if (rule.criteria === 'CHECKBOX') {
    const [checked = true, unchecked = rule.values.length === 1 ? '' : false] = rule.values as CellValue[];
    cell.checkbox = { checked, unchecked };
  } else cell.validation = copyRule(rule);
}

/**
 * Whether a strict rule refuses what a write would show in the cell (its display text). Only list rules
 * are checked: an empty cell and a listed value pass; lenient rules (allowInvalid) pass everything.
 */
export function refuses(rule: ValidationRule | undefined, display: string): boolean {
  if (!rule || rule.allowInvalid || display === '' || rule.criteria !== 'VALUE_IN_LIST') return false;
  return !(rule.values[0] as string[]).includes(display);
}

export function createDataValidation(ctx: FacadeContext, rule: ValidationRule): GoogleAppsScript.Spreadsheet.DataValidation {
  const read = (method: string) => enter(ctx, 'DataValidation', method, 'free');
  const validation = {
    copy: () => (read('copy'), createDataValidationBuilder(ctx, { ...copyRule(rule) })),
    getAllowInvalid: () => (read('getAllowInvalid'), rule.allowInvalid),
    getCriteriaType: () => (read('getCriteriaType'), rule.criteria),
    getCriteriaValues: () => (read('getCriteriaValues'), copyValues(rule.values)),
    getHelpText: () => (read('getHelpText'), rule.helpText),
    toString: () => 'DataValidation',
  };
  const self = guarded('DataValidation', validation) as unknown as GoogleAppsScript.Spreadsheet.DataValidation;
  built.set(self, rule);
  return self;
}

export function createDataValidationBuilder(ctx: FacadeContext, initial?: RuleDraft): GoogleAppsScript.Spreadsheet.DataValidationBuilder {
  const draft: RuleDraft = initial ?? { criteria: null, values: [], allowInvalid: true, helpText: null };
  const method = 'SpreadsheetApp.DataValidationBuilder';
  const call = (name: string) => enter(ctx, 'DataValidationBuilder', name, 'free');
  const step = (name: string, change: () => void) => {
    call(name);
    change();
    return self;
  };
  const refuse = (name: string, arg: unknown): never => {
    throw new Error(SPREADSHEET_ERRORS.methodSignature(`${method}.${name}`, typeNameOf(arg)));
  };

  const builder = {
    build() {
      call('build');
      if (draft.criteria === null) throw new Error(SPREADSHEET_ERRORS.validationCriteriaMissing);
      return createDataValidation(ctx, { criteria: draft.criteria, values: copyValues(draft.values), allowInvalid: draft.allowInvalid, helpText: draft.helpText });
    },
    copy: () => (call('copy'), createDataValidationBuilder(ctx, { ...draft, values: copyValues(draft.values) })),
    getAllowInvalid: () => (call('getAllowInvalid'), draft.allowInvalid),
    getCriteriaType: () => (call('getCriteriaType'), draft.criteria),
    getCriteriaValues: () => (call('getCriteriaValues'), copyValues(draft.values)),
    getHelpText: () => (call('getHelpText'), draft.helpText),
    /**
     * The list as strings (Apps Script turns 9 and false into "9" and "false"); the criteria values are
     * [list, showDropdown], showDropdown true when not given (gas-fakes' tests, run against Apps Script).
     */
    requireValueInList: (...args: unknown[]) =>
      step('requireValueInList', () => {
        const [values, showDropdown] = args;
        if (!Array.isArray(values) || values.some((v) => v === null || v === undefined || (typeof v === 'object' && !(v instanceof Date)))) refuse('requireValueInList', values);
        if (args.length > 1 && typeof showDropdown !== 'boolean') refuse('requireValueInList', showDropdown);
        draft.criteria = 'VALUE_IN_LIST';
        draft.values = [(values as unknown[]).map(String), args.length > 1 ? showDropdown : true];
      }),
    setAllowInvalid: (allow: unknown) =>
      step('setAllowInvalid', () => {
        if (typeof allow !== 'boolean') refuse('setAllowInvalid', allow);
        draft.allowInvalid = allow as boolean;
      }),
    setHelpText: (text: unknown) =>
      step('setHelpText', () => {
        if (text === null || text === undefined) refuse('setHelpText', text);
        draft.helpText = String(text);
      }),
    toString: () => 'DataValidationBuilder',
  };
  const self = guarded('DataValidationBuilder', builder) as unknown as GoogleAppsScript.Spreadsheet.DataValidationBuilder;
  return self;
}
