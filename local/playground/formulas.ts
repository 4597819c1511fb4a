// Formulas in the playground's workbook are evaluated by the local runtime's own engine (the Workbook's);
// the playground only plugs in the bundle's custom functions, each answered by the runtime in
// CUSTOM_FUNCTION mode as the document owner, as Sheets does when a cell says =IG_FOLLOWERS().
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CustomFunction } from '../apps-script/services/spreadsheet';
import type { Stack } from '../platform/stack';

/** Functions of Code.js whose JSDoc says @customfunction: the ones Sheets lets a cell call. */
export function customFunctionNames(bundleDir: string): string[] {
  const code = readFileSync(join(bundleDir, 'Code.js'), 'utf8');
  return [...code.matchAll(/\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*\nfunction ([A-Za-z_$][\w$]*)\s*\(/g)]
    .filter((m) => /@customfunction\b/.test(m[1]))
    .map((m) => m[2]);
}

export function installFormulas(stack: Stack, bundleDir: string): string[] {
  const names = customFunctionNames(bundleDir);
  const functions: Record<string, CustomFunction> = {};
  for (const name of names) functions[name] = (...args: unknown[]) => stack.rt.callCustomFunction(name, args);
  stack.rt.workbook.setCustomFunctions(functions);
  return names;
}
