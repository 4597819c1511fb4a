// File and worksheet names for exported tabs. Tab names may hold anything Sheets allows (quotes, @,
// emoji, slashes); file systems and Excel do not, and both compare names without regard to case.

/** Characters no common file system accepts in a name (control characters are dropped apart). */
const UNSAFE_FILE = /[/\\:*?"<>|]/g;
/** Excel refuses these in a worksheet name. */
const UNSAFE_SHEET = /[[\]:*?/\\]/g;
export const EXCEL_SHEET_NAME_MAX = 31;

function unique(base: string, taken: Set<string>, fit: (name: string, suffix: string) => string): string {
  let name = fit(base, '');
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = fit(base, ` (${n})`);
  taken.add(name.toLowerCase());
  return name;
}

/** A safe, unique .csv name per tab, in the order given. */
export function csvFileNames(tabNames: readonly string[]): string[] {
  const taken = new Set<string>(['summary.json', 'workbook.xlsx']);
  return tabNames.map((tab) => {
    const visible = [...tab].map((ch) => (ch.charCodeAt(0) < 32 || ch.charCodeAt(0) === 127 ? '_' : ch)).join('');
    const base = visible.replace(UNSAFE_FILE, '_').replace(/^[.\s]+|[.\s]+$/g, '') || 'tab';
    return unique(base, taken, (name, suffix) => `${name}${suffix}.csv`);
  });
}

/** A valid, unique Excel worksheet name per tab (31 characters at most, cut on whole characters). */
export function excelSheetNames(tabNames: readonly string[]): string[] {
  const taken = new Set<string>();
  return tabNames.map((tab) => {
    const base = tab.replace(UNSAFE_SHEET, '_').replace(/^'+|'+$/g, '') || 'Sheet';
    return unique(base, taken, (name, suffix) => [...name].slice(0, EXCEL_SHEET_NAME_MAX - suffix.length).join('') + suffix);
  });
}
