// Every facade call goes through here: it is counted by the platform (which also enforces the
// execution time limit) and checked against the auth mode. NONE may only build menus; a custom
// function (CUSTOM_FUNCTION) may read the document but never change it.
import type { Execution, Platform } from '../../platform';
import { SPREADSHEET_ERRORS } from './messages';
import type { GridRect } from './a1';
import type { SheetState } from './sheet-state';
import type { Workbook } from './workbook';

/** 'free' = allowed in every mode (menus, flush); 'read' = needs the document; 'write' = changes it. */
export type Access = 'free' | 'read' | 'write';

export interface FacadeContext {
  readonly platform: Platform;
  readonly workbook: Workbook;
  /** Maps the Sheet facades handed to the script back to their state (deleteSheet, setActiveSheet). */
  readonly stateOfSheet: WeakMap<object, SheetState>;
  /** Maps Range facades back to their tab and rectangle (charts take ranges). */
  readonly stateOfRange: WeakMap<object, { sheet: SheetState; rect: GridRect }>;
  /** The execution's Sheet facade for a tab (one per tab, so ranges can hand back their sheet). */
  sheetFacade(state: SheetState): GoogleAppsScript.Spreadsheet.Sheet;
  spreadsheetFacade(): GoogleAppsScript.Spreadsheet.Spreadsheet;
}

/**
 * Executions without a UI (time-driven triggers) carry `hasUi: false`. The flag is optional so the
 * runtime can add it to Execution; custom functions never have a UI.
 */
export function hasUi(execution: Execution): boolean {
  return execution.authMode !== 'CUSTOM_FUNCTION' && (execution as Execution & { hasUi?: boolean }).hasUi !== false;
}

/**
 * `cells`: how many cells' data the call reads or writes, for the cost model (a data read sets it,
 * even to 0 for getLastRow; a lookup such as getRange leaves it out).
 */
export function enter(ctx: FacadeContext, className: string, method: string, access: Access, cells?: number): Execution {
  const execution = ctx.platform.enter(className, method, { access, cells });
  const mode = execution.authMode;
  if ((access !== 'free' && mode === 'NONE') || (access === 'write' && mode === 'CUSTOM_FUNCTION')) {
    throw new Error(SPREADSHEET_ERRORS.permission(className, method));
  }
  return execution;
}

/** Apps Script's complaint when an argument has the wrong type. */
export function typeNameOf(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return Array.isArray(value[0]) ? 'Object[][]' : 'Object[]';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'string') return 'String';
  if (typeof value === 'boolean') return 'Boolean';
  return 'Object';
}
