// Tab names: how Sheets compares them, which ones Sheetgram keeps for itself, and the default name the
// report editor offers so two accounts (or two reports) do not land in one tab by accident.
import { LOG_TAB_NAME } from '../run/run-log';
import { STAGING_TAB_PREFIX } from '../run/run-report';
import { POST_GROWTH_TAB } from '../growth/post-growth';
import { DIGEST_TAB, DIGEST_TAB_ASIDE } from '../digest/names';

/** Sheets refuses longer tab names. */
export const MAX_TAB_NAME = 100;

/** Sheets treats "Posts" and "posts" as the same tab (insertSheet refuses the second). */
export function sameTabName(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** Whether two configurations' tabs are one: the same sheet id, or the same name. */
export function sameTarget(a: { sheetId: number | null; name: string }, b: { sheetId: number | null; name: string }): boolean {
  return (a.sheetId !== null && a.sheetId === b.sheetId) || sameTabName(a.name, b.name);
}

/** Tabs Sheetgram writes for itself: no report may write there. `what` finishes "… is …". */
const SHEETGRAM_TABS: { matches: (lower: string) => boolean; what: string }[] = [
  { matches: (lower) => lower === LOG_TAB_NAME.toLowerCase(), what: 'where Sheetgram logs its runs' },
  // "Create dashboard" names its tabs "Dashboard @<username>" and "Dashboard: all accounts" (src/gas/dashboard.ts).
  { matches: (lower) => lower.startsWith('dashboard @') || lower.startsWith('dashboard: '), what: 'a Sheetgram dashboard' },
  { matches: (lower) => lower.startsWith(STAGING_TAB_PREFIX.toLowerCase()), what: 'where a Replace run keeps its rows until it has them all' },
  { matches: (lower) => lower === POST_GROWTH_TAB.toLowerCase(), what: 'where Media Insights keeps how each post grows' },
  { matches: (lower) => lower === DIGEST_TAB.toLowerCase() || lower === DIGEST_TAB_ASIDE.toLowerCase(), what: 'the weekly digest Sheetgram rebuilds every Monday' },
];

/** What a Sheetgram tab is for, in words, or null for any other name. */
export function sheetgramTab(name: string): string | null {
  const lower = name.trim().toLowerCase();
  return SHEETGRAM_TABS.find((t) => t.matches(lower))?.what ?? null;
}

/** `text` cut so that `text + tail` fits a tab name. */
function fit(text: string, tail: string): string {
  return text.slice(0, Math.max(1, MAX_TAB_NAME - tail.length)).trimEnd() + tail;
}

/**
 * The tab name to offer: the report's title while it is free (what users of the old connector know),
 * else "<title> @<username>", then "<title> @<username> (2)", (3)... `taken` holds every tab's name
 * and every name a saved configuration writes to.
 */
export function suggestTabName(title: string, username: string, taken: Iterable<string>): string {
  const used = new Set([...taken].map((n) => n.trim().toLowerCase()));
  const free = (name: string) => !used.has(name.toLowerCase()) && !sheetgramTab(name);
  const plain = fit(title, '');
  if (free(plain)) return plain;
  for (let n = 1; ; n++) {
    const candidate = fit(title, ` @${username}${n === 1 ? '' : ` (${n})`}`);
    if (free(candidate)) return candidate;
  }
}

/** The default tab name for every account and report: accountId -> reportId -> name. */
export function tabSuggestions(
  accounts: readonly { id: string; username: string }[],
  reports: readonly { id: string; title: string }[],
  taken: readonly string[],
): Record<string, Record<string, string>> {
  return Object.fromEntries(accounts.map((a) => [a.id, Object.fromEntries(reports.map((r) => [r.id, suggestTabName(r.title, a.username, taken)]))]));
}
