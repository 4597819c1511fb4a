// Issue 17: every formula docs/functions.md shows (each `=IG_...(...)` in its text and code blocks,
// read from the markdown, so a new example is covered without touching this file) typed into a cell
// of the local spreadsheet, evaluated by its formula engine with the bundle's custom functions
// plugged in as the playground does. On a document with a few days of reports for both demo
// accounts, each gives a value: no #ERROR!, and no "nothing stored yet" message.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installFormulas } from '../../local/playground/formulas';
import type { Stack } from '../../local/platform/stack';
import { REPORTS } from '../../src/core/reports/registry';
import { BAKERY, CREATOR, DAY, scenario, stackWithBothAccounts } from './support';

/** The formulas the docs show, in order of appearance, each once. */
export function documentedFormulas(markdown: string): string[] {
  const found: string[] = [];
  for (const match of markdown.matchAll(/=IG_[A-Z_]+\(/g)) {
    // Up to the parenthesis that closes the call (strings may hold parentheses and commas).
    let depth = 0;
    let quoted = false;
    let end = -1;
    for (let i = match.index + match[0].length - 1; i < markdown.length && end < 0; i++) {
      const c = markdown[i];
      if (c === '"') quoted = !quoted;
      else if (!quoted && c === '(') depth++;
      else if (!quoted && c === ')' && --depth === 0) end = i + 1;
      else if (c === '\n') break;
    }
    if (end > 0) found.push(markdown.slice(match.index, end));
  }
  return [...new Set(found)];
}

const DOC = readFileSync('docs/functions.md', 'utf8');
const FORMULAS = documentedFormulas(DOC);
/** Fixed dates the examples name: the document must hold daily rows on each of them. */
const DATES = [...new Set(FORMULAS.flatMap((f) => f.match(/\d{4}-\d{2}-\d{2}/g) ?? []))].sort();

/** Sheetgram's answers when it has nothing to give: a value in the cell, but not the one asked for. */
const NOTHING = /^(No |Connect an account|The .* tab of|Unknown )/;

let s: Stack;
beforeAll(async () => {
  // Start two days before the earliest date an example names, and run daily until a week past the
  // latest (TODAY()-1, IG_ENGAGEMENT_RATE(7) and IG_HISTORY(..., TODAY()-30) then have days to read).
  const first = Date.parse(`${DATES[0] ?? '2026-03-01'}T12:00:00Z`) - 2 * DAY;
  const last = Date.parse(`${DATES[DATES.length - 1] ?? '2026-03-01'}T12:00:00Z`) + 8 * DAY;
  s = await stackWithBothAccounts({
    transport: 'in-process',
    scenario: scenario((sc) => {
      sc.start = new Date(first).toISOString().replace('.000Z', '+0000');
    }),
  });
  const save = (reportId: string, accountId: string) => {
    const report = REPORTS.find((r) => r.id === reportId)!;
    s.rt.call('saveConfiguration', [{
      accountId, reportId, fields: report.fields.filter((f) => f.default).map((f) => f.id), tabName: report.title,
      mode: reportId === 'user_information' ? 'append' : report.defaultMode, schedule: { kind: 'daily', hour: 7 },
    }]);
  };
  for (const account of [CREATOR, BAKERY]) save('user_information', account);
  for (const id of ['account_insights', 'media_insights', 'recent_media']) save(id, CREATOR);
  s.rt.advanceTo(last);
  installFormulas(s, 'dist');
}, 300_000);
afterAll(async () => {
  await s?.close();
});

describe('the examples in docs/functions.md', () => {
  it('are found in the markdown, including the empty-argument and refresh forms', () => {
    expect(FORMULAS.length).toBeGreaterThanOrEqual(8);
    expect(FORMULAS).toContain('=IG_HISTORY("followers_count", TODAY()-30)');
    expect(FORMULAS).toContain('=IG_FOLLOWERS(, "2026-03-01")');
    expect(FORMULAS.some((f) => f.includes("MAX('Sheetgram log'!A:A)"))).toBe(true);
    for (const f of FORMULAS) expect(f).toMatch(/^=IG_[A-Z_]+\(.*\)$/);
  });

  it.each(FORMULAS.map((f, i) => [f, i]))('%s gives a value in a cell', (formula, i) => {
    const tab = `Example ${i}`;
    s.rt.workbook.addSheet(tab);
    s.rt.workbook.typeInto(tab, 'A1', formula);
    const values = s.rt.workbook.values(tab);
    const error = s.rt.workbook.formulaError(tab, 'A1');
    expect(error, `${formula}: ${error?.message}`).toBeUndefined();
    const value = values[0][0];
    expect(value, formula).not.toBe('');
    if (typeof value === 'string') expect(value, formula).not.toMatch(NOTHING);
    // Tables (IG_HISTORY, IG_POSTS) spill under a header row.
    if (/^=IG_(HISTORY|POSTS)\(/.test(formula)) {
      expect(values.length, formula).toBeGreaterThan(1);
      expect(values[1].some((v) => v !== ''), formula).toBe(true);
    }
  });

  it('read the days they name: the empty account is the first one, the date is the day asked for', () => {
    const tab = 'Example days';
    s.rt.workbook.addSheet(tab);
    const day = DATES[0] ?? '2026-03-01';
    const rows = s.rt.workbook.values("User's Information");
    const [header] = rows;
    const display = s.rt.workbook.displayValues("User's Information");
    const on = (accountId: string) => {
      const i = display.findIndex((r, n) => n > 0 && String(rows[n][header.indexOf('Account ID')]) === accountId && isDay(r[0], day));
      return i > 0 ? rows[i][header.indexOf('Followers')] : 'no row that day';
    };
    s.rt.workbook.typeInto(tab, 'A1', `=IG_FOLLOWERS(, "${day}")`);
    s.rt.workbook.typeInto(tab, 'B1', `=IG_FOLLOWERS("harbor.bakery", "${day}")`);
    s.rt.workbook.typeInto(tab, 'C1', `=IG_FOLLOWERS(, DATE(${day.slice(0, 4)},${Number(day.slice(5, 7))},${Number(day.slice(8))}))`);
    const [[first, bakery, byDate]] = s.rt.workbook.values(tab);
    expect(first).toBe(on(CREATOR));
    expect(bakery).toBe(on(BAKERY));
    expect(byDate).toBe(first);
    expect(typeof first).toBe('number');
  });

  it('keep their clear messages for wrong arguments', () => {
    const tab = 'Example mistakes';
    s.rt.workbook.addSheet(tab);
    const cases: [string, RegExp][] = [
      ['=IG_HISTORY("happiness", TODAY()-30)', /^Unknown metric "happiness"\. Use one of: .*followers_count/],
      ['=IG_HISTORY("followers_count", 30)', /^start must be a date, like "2026-01-31", DATE\(2026,1,31\), TODAY\(\)-30 or a date cell \(got the number 30; for 30 days ago, type TODAY\(\)-30\)\.$/],
      ['=IG_METRIC("reach", "yesterday")', /^date must be a date, like .* \(got "yesterday"\)\.$/],
      ['=IG_FOLLOWERS("2026-03-01")', /^account must be a username or account id, not a date \(got "2026-03-01"\)\. Leave it empty/],
    ];
    cases.forEach(([formula], i) => s.rt.workbook.typeInto(tab, `A${1 + i}`, formula));
    const values = s.rt.workbook.values(tab);
    cases.forEach(([formula, message], i) => {
      expect(values[i][0], formula).toBe('#ERROR!');
      expect(s.rt.workbook.formulaError(tab, `A${1 + i}`)?.message, formula).toMatch(message);
    });
  });
});

/** A display value ("3/1/2026" or "2026-03-01") on that ISO day. */
function isDay(display: string, iso: string): boolean {
  if (display.startsWith(iso)) return true;
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})/.exec(display);
  return !!m && `${m[3]}-${m[1].padStart(2, '0')}-${m[2].padStart(2, '0')}` === iso;
}
