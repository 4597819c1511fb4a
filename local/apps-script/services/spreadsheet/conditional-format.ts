// Conditional formatting: SpreadsheetApp.newConditionalFormatRule(), the builder's boolean
// conditions (numbers, text, empty cells, custom formulas) and formats (background, font colour,
// bold, italic, strikethrough, underline), the built rule and its BooleanCondition. Gradients and
// date conditions are not implemented: they throw through guarded(), like anything else missing.
import { guarded } from '../../platform';
import type { GridRect } from './a1';
import { enter, typeNameOf, type FacadeContext } from './access';
import { SPREADSHEET_ERRORS } from './messages';
import { createRange } from './range';
import type { ConditionalRuleState, SheetState } from './sheet-state';

/** SpreadsheetApp.BooleanCriteria, as the names Apps Script's enum prints. */
export const BOOLEAN_CRITERIA = [
  'CELL_EMPTY', 'CELL_NOT_EMPTY', 'DATE_AFTER', 'DATE_BEFORE', 'DATE_EQUAL_TO', 'DATE_AFTER_RELATIVE', 'DATE_BEFORE_RELATIVE',
  'DATE_EQUAL_TO_RELATIVE', 'NUMBER_BETWEEN', 'NUMBER_EQUAL_TO', 'NUMBER_GREATER_THAN', 'NUMBER_GREATER_THAN_OR_EQUAL_TO',
  'NUMBER_LESS_THAN', 'NUMBER_LESS_THAN_OR_EQUAL_TO', 'NUMBER_NOT_BETWEEN', 'NUMBER_NOT_EQUAL_TO', 'TEXT_CONTAINS',
  'TEXT_DOES_NOT_CONTAIN', 'TEXT_EQUAL_TO', 'TEXT_STARTS_WITH', 'TEXT_ENDS_WITH', 'CUSTOM_FORMULA',
] as const;

/** A rule being built, or built: ranges keep their tab so setConditionalFormatRules can check it. */
interface RuleDraft {
  ranges: { sheet: SheetState; rect: GridRect }[];
  criteria?: string;
  values: (string | number)[];
  format: ConditionalRuleState['format'];
}

const drafts = new WeakMap<object, RuleDraft>();

const copyDraft = (d: RuleDraft): RuleDraft => ({
  ranges: d.ranges.map((r) => ({ sheet: r.sheet, rect: { ...r.rect } })),
  criteria: d.criteria,
  values: [...d.values],
  format: { ...d.format },
});

/** The rule behind a facade a script passes back, or undefined when it is not one. */
export function stateOfRule(rule: unknown): RuleDraft | undefined {
  return rule && typeof rule === 'object' ? drafts.get(rule) : undefined;
}

/** What a tab stores for a rule set on it (checked: a condition, ranges, all on that tab). */
export function ruleForSheet(rule: unknown, sheet: SheetState): ConditionalRuleState {
  const draft = stateOfRule(rule);
  if (!draft) throw new Error(SPREADSHEET_ERRORS.methodSignature('SpreadsheetApp.Sheet.setConditionalFormatRules', typeNameOf(rule)));
  if (!draft.criteria || draft.ranges.length === 0) throw new Error(SPREADSHEET_ERRORS.conditionalRuleIncomplete);
  if (draft.ranges.some((r) => r.sheet !== sheet)) throw new Error(SPREADSHEET_ERRORS.conditionalRuleOtherSheet);
  return { rects: draft.ranges.map((r) => ({ ...r.rect })), criteria: draft.criteria, values: [...draft.values], format: { ...draft.format } };
}

/** Facades for the rules a tab holds (getConditionalFormatRules). */
export function rulesOfSheet(ctx: FacadeContext, sheet: SheetState): GoogleAppsScript.Spreadsheet.ConditionalFormatRule[] {
  return sheet.conditionalFormats.map((r) =>
    createRule(ctx, { ranges: r.rects.map((rect) => ({ sheet, rect: { ...rect } })), criteria: r.criteria, values: [...r.values], format: { ...r.format } }),
  );
}

function createBooleanCondition(ctx: FacadeContext, draft: RuleDraft): GoogleAppsScript.Spreadsheet.BooleanCondition {
  const read = (method: string) => enter(ctx, 'BooleanCondition', method, 'free');
  const condition = {
    getCriteriaType: () => (read('getCriteriaType'), draft.criteria),
    getCriteriaValues: () => (read('getCriteriaValues'), [...draft.values]),
    getBold: () => (read('getBold'), draft.format.bold ?? null),
    getItalic: () => (read('getItalic'), draft.format.italic ?? null),
    getStrikethrough: () => (read('getStrikethrough'), draft.format.strikethrough ?? null),
    getUnderline: () => (read('getUnderline'), draft.format.underline ?? null),
  };
  return guarded('BooleanCondition', condition) as unknown as GoogleAppsScript.Spreadsheet.BooleanCondition;
}

function createRule(ctx: FacadeContext, draft: RuleDraft): GoogleAppsScript.Spreadsheet.ConditionalFormatRule {
  const read = (method: string) => enter(ctx, 'ConditionalFormatRule', method, 'free');
  const rule = {
    copy: () => (read('copy'), createConditionalFormatRuleBuilder(ctx, copyDraft(draft))),
    getBooleanCondition: () => (read('getBooleanCondition'), draft.criteria ? createBooleanCondition(ctx, draft) : null),
    getGradientCondition: () => (read('getGradientCondition'), null),
    getRanges: () => (read('getRanges'), draft.ranges.map((r) => createRange(ctx, r.sheet, r.rect))),
  };
  const self = guarded('ConditionalFormatRule', rule) as unknown as GoogleAppsScript.Spreadsheet.ConditionalFormatRule;
  drafts.set(self, draft);
  return self;
}

export function createConditionalFormatRuleBuilder(ctx: FacadeContext, initial?: RuleDraft): GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder {
  const draft: RuleDraft = initial ?? { ranges: [], values: [], format: {} };
  const method = `SpreadsheetApp.ConditionalFormatRuleBuilder`;
  const step = (name: string, change: () => void) => {
    enter(ctx, 'ConditionalFormatRuleBuilder', name, 'free');
    change();
    return self;
  };
  const numbers = (name: string, args: unknown[]) => {
    for (const a of args) if (typeof a !== 'number') throw new Error(SPREADSHEET_ERRORS.methodSignature(`${method}.${name}`, typeNameOf(a)));
    return args as number[];
  };
  const text = (name: string, arg: unknown) => {
    if (typeof arg !== 'string') throw new Error(SPREADSHEET_ERRORS.methodSignature(`${method}.${name}`, typeNameOf(arg)));
    return arg;
  };
  const when = (name: string, criteria: string, values: (string | number)[]) =>
    step(name, () => {
      draft.criteria = criteria;
      draft.values = values;
    });
  const format = (name: string, key: keyof RuleDraft['format'], value: string | boolean | null) =>
    step(name, () => {
      if (value === null) delete draft.format[key];
      else (draft.format as Record<string, string | boolean>)[key] = value;
    });

  const builder = {
    build: () => (enter(ctx, 'ConditionalFormatRuleBuilder', 'build', 'free'), createRule(ctx, copyDraft(draft))),
    copy: () => (enter(ctx, 'ConditionalFormatRuleBuilder', 'copy', 'free'), createConditionalFormatRuleBuilder(ctx, copyDraft(draft))),
    getBooleanCondition: () => (enter(ctx, 'ConditionalFormatRuleBuilder', 'getBooleanCondition', 'free'), draft.criteria ? createBooleanCondition(ctx, copyDraft(draft)) : null),
    getGradientCondition: () => (enter(ctx, 'ConditionalFormatRuleBuilder', 'getGradientCondition', 'free'), null),
    getRanges: () => (enter(ctx, 'ConditionalFormatRuleBuilder', 'getRanges', 'free'), draft.ranges.map((r) => createRange(ctx, r.sheet, r.rect))),
    setRanges: (ranges: unknown) =>
      step('setRanges', () => {
        const states = Array.isArray(ranges) ? ranges.map((r) => (r && typeof r === 'object' ? ctx.stateOfRange.get(r) : undefined)) : [undefined];
        if (states.some((s) => !s)) throw new Error(SPREADSHEET_ERRORS.methodSignature(`${method}.setRanges`, typeNameOf(ranges)));
        draft.ranges = states.map((s) => ({ sheet: s!.sheet, rect: { ...s!.rect } }));
      }),
    setBackground: (color: string | null) => format('setBackground', 'background', color === null ? null : String(color)),
    setFontColor: (color: string | null) => format('setFontColor', 'fontColor', color === null ? null : String(color)),
    setBold: (bold: boolean | null) => format('setBold', 'bold', bold === null ? null : Boolean(bold)),
    setItalic: (italic: boolean | null) => format('setItalic', 'italic', italic === null ? null : Boolean(italic)),
    setStrikethrough: (on: boolean | null) => format('setStrikethrough', 'strikethrough', on === null ? null : Boolean(on)),
    setUnderline: (on: boolean | null) => format('setUnderline', 'underline', on === null ? null : Boolean(on)),
    whenCellEmpty: () => when('whenCellEmpty', 'CELL_EMPTY', []),
    whenCellNotEmpty: () => when('whenCellNotEmpty', 'CELL_NOT_EMPTY', []),
    whenFormulaSatisfied: (formula: unknown) => when('whenFormulaSatisfied', 'CUSTOM_FORMULA', [text('whenFormulaSatisfied', formula)]),
    whenNumberBetween: (a: unknown, b: unknown) => when('whenNumberBetween', 'NUMBER_BETWEEN', numbers('whenNumberBetween', [a, b])),
    whenNumberNotBetween: (a: unknown, b: unknown) => when('whenNumberNotBetween', 'NUMBER_NOT_BETWEEN', numbers('whenNumberNotBetween', [a, b])),
    whenNumberEqualTo: (n: unknown) => when('whenNumberEqualTo', 'NUMBER_EQUAL_TO', numbers('whenNumberEqualTo', [n])),
    whenNumberNotEqualTo: (n: unknown) => when('whenNumberNotEqualTo', 'NUMBER_NOT_EQUAL_TO', numbers('whenNumberNotEqualTo', [n])),
    whenNumberGreaterThan: (n: unknown) => when('whenNumberGreaterThan', 'NUMBER_GREATER_THAN', numbers('whenNumberGreaterThan', [n])),
    whenNumberGreaterThanOrEqualTo: (n: unknown) =>
      when('whenNumberGreaterThanOrEqualTo', 'NUMBER_GREATER_THAN_OR_EQUAL_TO', numbers('whenNumberGreaterThanOrEqualTo', [n])),
    whenNumberLessThan: (n: unknown) => when('whenNumberLessThan', 'NUMBER_LESS_THAN', numbers('whenNumberLessThan', [n])),
    whenNumberLessThanOrEqualTo: (n: unknown) => when('whenNumberLessThanOrEqualTo', 'NUMBER_LESS_THAN_OR_EQUAL_TO', numbers('whenNumberLessThanOrEqualTo', [n])),
    whenTextContains: (t: unknown) => when('whenTextContains', 'TEXT_CONTAINS', [text('whenTextContains', t)]),
    whenTextDoesNotContain: (t: unknown) => when('whenTextDoesNotContain', 'TEXT_DOES_NOT_CONTAIN', [text('whenTextDoesNotContain', t)]),
    whenTextEqualTo: (t: unknown) => when('whenTextEqualTo', 'TEXT_EQUAL_TO', [text('whenTextEqualTo', t)]),
    whenTextStartsWith: (t: unknown) => when('whenTextStartsWith', 'TEXT_STARTS_WITH', [text('whenTextStartsWith', t)]),
    whenTextEndsWith: (t: unknown) => when('whenTextEndsWith', 'TEXT_ENDS_WITH', [text('whenTextEndsWith', t)]),
  };
  const self = guarded('ConditionalFormatRuleBuilder', builder) as unknown as GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder;
  return self;
}
