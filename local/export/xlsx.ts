// The whole workbook as one .xlsx file, as File > Download > Microsoft Excel gives it: typed values
// (numbers, booleans, dates as wall-clock date-times in the spreadsheet's zone) with their number
// formats, text as text (never a formula), frozen header rows, hidden tabs hidden, and what scripts
// set: fonts, colours, alignments and wrapping, column widths and row heights, checkboxes (as a
// TRUE/FALSE list: Excel files have no checkbox of this kind) and conditional format rules.
import ExcelJS from 'exceljs';
import { excelSheetNames } from './file-names';
import type { ExportCell, ExportConditionalFormat, ExportGrid } from './grid';
import { wallClockDate } from './wall-time';

/** Excel's limit per cell; Sheets allows 50,000, so longer text is cut and counted. */
export const EXCEL_CELL_CHARACTERS = 32_767;
const GENERAL_DATE_TIME = 'm/d/yyyy h:mm:ss';

export interface XlsxNotes {
  /** Cells whose text was longer than Excel allows, per tab. */
  truncated: { sheet: string; cells: number }[];
  /** Worksheet name used for each tab (Excel allows 31 characters, no []:*?/\). */
  sheetNames: { tab: string; worksheet: string }[];
}

type XlsxValue = ExcelJS.CellValue;

function excelValue(cell: ExportCell, timeZone: string, cut: () => void): { value: XlsxValue; numFmt?: string } {
  const format = cell.format && cell.format.toLowerCase() !== 'general' ? cell.format : undefined;
  const result = cell.value instanceof Date ? wallClockDate(cell.value, timeZone) : cell.value;
  if (cell.formula !== undefined) {
    return { value: { formula: cell.formula.replace(/^=/, ''), result: result === '' ? undefined : result } as ExcelJS.CellFormulaValue, numFmt: format };
  }
  if (result instanceof Date) return { value: result, numFmt: format ?? GENERAL_DATE_TIME };
  if (typeof result === 'string') {
    if (result === '') return { value: null };
    if (result.length <= EXCEL_CELL_CHARACTERS) return { value: result, numFmt: format };
    cut();
    return { value: result.slice(0, EXCEL_CELL_CHARACTERS), numFmt: format };
  }
  return { value: result, numFmt: format };
}

/** '#rgb' / '#rrggbb' -> Excel's ARGB; other colours (CSS names) are left out. */
function argb(color: unknown): string | undefined {
  if (typeof color !== 'string') return undefined;
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color.trim());
  if (!m) return undefined;
  const hex = m[1].length === 3 ? [...m[1]].map((c) => c + c).join('') : m[1];
  return `FF${hex.toUpperCase()}`;
}

/** Sheets' 'normal' (and 'general') is Excel's default alignment: nothing to write. */
const HORIZONTAL: Record<string, ExcelJS.Alignment['horizontal']> = { left: 'left', center: 'center', right: 'right' };
const VERTICAL: Record<string, ExcelJS.Alignment['vertical']> = { top: 'top', middle: 'middle', bottom: 'bottom' };

/** A cell's recorded style as Excel font, fill and alignment. */
function applyStyle(target: ExcelJS.Cell, style: Record<string, string | boolean | number>): void {
  const font: Partial<ExcelJS.Font> = {};
  if (style.fontWeight === 'bold') font.bold = true;
  if (typeof style.fontSize === 'number') font.size = style.fontSize;
  const fontColor = argb(style.fontColor);
  if (fontColor) font.color = { argb: fontColor };
  if (Object.keys(font).length) target.font = font;
  const background = argb(style.background);
  if (background) target.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: background } };
  const alignment: Partial<ExcelJS.Alignment> = {};
  if (typeof style.horizontalAlignment === 'string' && HORIZONTAL[style.horizontalAlignment.toLowerCase()]) alignment.horizontal = HORIZONTAL[style.horizontalAlignment.toLowerCase()];
  if (typeof style.verticalAlignment === 'string' && VERTICAL[style.verticalAlignment]) alignment.vertical = VERTICAL[style.verticalAlignment];
  if (style.wrap === true || style.wrapStrategy === 'WRAP') alignment.wrapText = true;
  if (Object.keys(alignment).length) target.alignment = alignment;
}

/** A value as an Excel formula constant: numbers as they are, text quoted. */
function constant(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return `"${String(value).replace(/"/g, '""')}"`;
}

/** Sheets' boolean conditions as Excel rules; the text ones as formulas on the range's first cell. */
function excelRule(rule: ExportConditionalFormat, priority: number): ExcelJS.ConditionalFormattingRule | undefined {
  const style: Partial<ExcelJS.Style> = {};
  const font: Partial<ExcelJS.Font> = {};
  if (rule.format.bold !== undefined) font.bold = rule.format.bold;
  if (rule.format.italic !== undefined) font.italic = rule.format.italic;
  if (rule.format.strikethrough !== undefined) font.strike = rule.format.strikethrough;
  if (rule.format.underline !== undefined) font.underline = rule.format.underline;
  const fontColor = argb(rule.format.fontColor);
  if (fontColor) font.color = { argb: fontColor };
  if (Object.keys(font).length) style.font = font;
  const background = argb(rule.format.background);
  if (background) style.fill = { type: 'pattern', pattern: 'solid', bgColor: { argb: background } };
  const first = (rule.ranges[0] ?? 'A1').split(':')[0];
  const v = rule.values;
  const cellIs = (operator: string, formulae: unknown[]) => ({ type: 'cellIs', operator, formulae: formulae.map(constant), priority, style }) as unknown as ExcelJS.CellIsRuleType;
  const expression = (formula: string): ExcelJS.ExpressionRuleType => ({ type: 'expression', formulae: [formula], priority, style });
  switch (rule.criteria) {
    case 'NUMBER_GREATER_THAN': return cellIs('greaterThan', v);
    case 'NUMBER_GREATER_THAN_OR_EQUAL_TO': return cellIs('greaterThanOrEqual', v);
    case 'NUMBER_LESS_THAN': return cellIs('lessThan', v);
    case 'NUMBER_LESS_THAN_OR_EQUAL_TO': return cellIs('lessThanOrEqual', v);
    case 'NUMBER_EQUAL_TO': return cellIs('equal', v);
    case 'NUMBER_NOT_EQUAL_TO': return cellIs('notEqual', v);
    case 'NUMBER_BETWEEN': return cellIs('between', v);
    case 'NUMBER_NOT_BETWEEN': return cellIs('notBetween', v);
    case 'TEXT_EQUAL_TO': return cellIs('equal', v);
    case 'TEXT_CONTAINS': return expression(`NOT(ISERROR(SEARCH(${constant(v[0])},${first})))`);
    case 'TEXT_DOES_NOT_CONTAIN': return expression(`ISERROR(SEARCH(${constant(v[0])},${first}))`);
    case 'TEXT_STARTS_WITH': return expression(`LEFT(${first},LEN(${constant(v[0])}))=${constant(v[0])}`);
    case 'TEXT_ENDS_WITH': return expression(`RIGHT(${first},LEN(${constant(v[0])}))=${constant(v[0])}`);
    case 'CELL_EMPTY': return expression(`LEN(TRIM(${first}))=0`);
    case 'CELL_NOT_EMPTY': return expression(`LEN(TRIM(${first}))>0`);
    case 'CUSTOM_FORMULA': return expression(String(v[0]).replace(/^=/, ''));
    default: return undefined;
  }
}

export function buildXlsx(grids: readonly ExportGrid[], timeZone: string): { workbook: ExcelJS.Workbook; notes: XlsxNotes } {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Sheetgram local platform';
  const names = excelSheetNames(grids.map((g) => g.name));
  const notes: XlsxNotes = { truncated: [], sheetNames: [] };
  grids.forEach((grid, i) => {
    const sheet = workbook.addWorksheet(names[i], {
      state: grid.hidden ? 'hidden' : 'visible',
      views: grid.frozenRows > 0 ? [{ state: 'frozen', ySplit: grid.frozenRows }] : [],
    });
    notes.sheetNames.push({ tab: grid.name, worksheet: names[i] });
    let truncated = 0;
    grid.rows.forEach((row, r) => {
      row.forEach((cell, c) => {
        const { value, numFmt } = excelValue(cell, timeZone, () => truncated++);
        if (value === null) return;
        const target = sheet.getCell(r + 1, c + 1);
        target.value = value;
        if (numFmt) target.numFmt = numFmt;
        if (cell.style) applyStyle(target, cell.style);
        if (cell.checkbox) {
          target.dataValidation = { type: 'list', allowBlank: true, formulae: [`"${[cell.checkbox.checked, cell.checkbox.unchecked].map((x) => (typeof x === 'boolean' ? (x ? 'TRUE' : 'FALSE') : String(x))).join(',')}"`] };
        }
      });
    });
    // Excel measures widths in characters of the default font (about 7 px) and heights in points (0.75 px).
    for (const [column, px] of Object.entries(grid.columnWidths)) sheet.getColumn(Number(column)).width = Math.round((px / 7) * 100) / 100;
    for (const [row, px] of Object.entries(grid.rowHeights)) sheet.getRow(Number(row)).height = px * 0.75;
    grid.conditionalFormats.forEach((rule, k) => {
      const excel = excelRule(rule, k + 1);
      if (excel) sheet.addConditionalFormatting({ ref: rule.ranges.join(' '), rules: [excel] });
    });
    if (truncated) notes.truncated.push({ sheet: grid.name, cells: truncated });
  });
  return { workbook, notes };
}
