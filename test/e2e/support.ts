// End-to-end support: the real bundle in the local runtime against the simulator (over HTTP by
// default), plus what the tests look into: every secret the platform holds, and everywhere a secret
// must never show up.
import { defaultScenario } from '../../local/instagram/scenario';
import type { Scenario } from '../../local/instagram/scenario/types';
import { startStack, type Stack, type StackOptions } from '../../local/platform/stack';

export const OWNER = 'owner@example.com';
export const EDITOR = 'editor@example.com';
export const CREATOR = '17841400000000001';
export const BAKERY = '17841400000000002';
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export function scenario(change: (s: Scenario) => void = () => {}): Scenario {
  const s = defaultScenario();
  change(s);
  return s;
}

export function stack(options: Partial<StackOptions> = {}): Promise<Stack> {
  return startStack({ scenario: scenario(), users: [{ email: OWNER }, { email: EDITOR }], ...options });
}

/** The default stack with both demo accounts connected: @sunny.creates (Instagram Login), @harbor.bakery (Facebook Login). */
export async function stackWithBothAccounts(options: Partial<StackOptions> = {}): Promise<Stack> {
  const s = await stack(options);
  await s.connect('instagram');
  await s.connect('facebook');
  return s;
}

/** A1 letters of a 1-based column (27 -> AA). */
export function columnLetter(n: number): string {
  let out = '';
  for (let c = n; c > 0; c = Math.floor((c - 1) / 26)) out = String.fromCharCode(65 + ((c - 1) % 26)) + out;
  return out;
}

/**
 * What a person does in Sheets to type right of a tab's last column (Sheetgram's own tabs have only the
 * columns it writes): Insert column right, until the tab reaches `column`.
 */
export function columnsUpTo(s: Stack, tab: string, column: number): void {
  const sheet = s.rt.workbook.sheetNamed(tab);
  if (sheet && column > sheet.maxColumns) s.rt.workbook.insertColumns(tab, sheet.maxColumns + 1, column - sheet.maxColumns);
}

/** "A2:<last column><row>": every column of a tab from row 2, as a person selects it to sort. */
export function wholeRows(s: Stack, tab: string, lastRow: number): string {
  return `A2:${columnLetter(s.rt.workbook.sheetNamed(tab)!.maxColumns)}${lastRow}`;
}

/** The message of what `fn` throws (a refusal from the bundle); fails when it throws nothing. */
export function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected a refusal');
}

/** Every access token and app secret the platform holds right now. */
export function secretsOf(s: Stack): string[] {
  const secrets = new Set<string>();
  for (const user of s.rt.users) {
    for (const [key, value] of s.rt.properties.user(user.id)) {
      if (key.startsWith('sheetgram.token.')) {
        const token = JSON.parse(value) as { accessToken: string; pageAccessToken?: string };
        secrets.add(token.accessToken);
        if (token.pageAccessToken) secrets.add(token.pageAccessToken);
      }
      if (key.startsWith('oauth2.')) for (const m of value.matchAll(/"access_token":"([^"]+)"/g)) secrets.add(m[1]);
    }
  }
  for (const [key, value] of s.rt.properties.script) if (/SECRET/.test(key)) secrets.add(value);
  return [...secrets].filter((t) => t.length >= 8);
}

/** Everything a person, another editor or a log reader could see. */
export function visibleText(s: Stack, extra: unknown[] = []): string {
  const cells = s.rt.workbook.sheets.map((sheet) => JSON.stringify(s.rt.workbook.values(sheet.name))).join('\n');
  return [
    JSON.stringify(s.rt.logs), JSON.stringify(s.rt.mail), JSON.stringify(s.rt.executions), cells,
    JSON.stringify([...s.rt.properties.document]), JSON.stringify([...s.rt.properties.script].filter(([k]) => !/SECRET/.test(k))),
    JSON.stringify(s.network.log), JSON.stringify(extra),
  ].join('\n');
}

export function tokenOf(s: Stack, accountId: string, user = s.rt.owner.id): { accessToken: string; issuedAt: number; expiresAt: number | null } | null {
  const raw = s.rt.properties.user(user).get(`sheetgram.token.${accountId}`);
  return raw ? JSON.parse(raw) : null;
}

/** What a cell holds as the local Sheets reads it back. */
export type TabCell = string | number | boolean | Date;

/** A tab as a person reads it: its header row, the rows below, and a column's index by its header (-1: none). */
export function table(s: Stack, tab: string): { header: string[]; rows: TabCell[][]; at(header: string): number } {
  const [head, ...rows] = s.rt.workbook.values(tab) as TabCell[][];
  const header = head.map(String);
  return { header, rows, at: (h: string) => header.indexOf(h) };
}
