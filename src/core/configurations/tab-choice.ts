// What writing a report into a named tab would do, said before Save and checked again on save. Several
// accounts may share a tab for the same report (every row carries its account); a tab of another report,
// a second configuration of the same report and account, and Sheetgram's own tabs are refused; a tab the
// person made that holds data is used only when they say so.
import type { TabDescription, TabUse } from '../../contract/sidebar';
import { getReportOrNull } from '../reports/registry';
import { sameTabName, sheetgramTab, suggestTabName } from './tab-names';

export type { TabDescription, TabUse } from '../../contract/sidebar';

/** Where a saved configuration writes: its tab's current name (renamed tabs are followed by sheet id). */
export interface TabTarget {
  configId: string;
  reportId: string;
  accountId: string;
  username: string;
  tabName: string;
}

/** What the spreadsheet holds, as far as the choice of a tab needs it. */
export interface TabSurvey {
  tabNames: readonly string[];
  targets: readonly TabTarget[];
  /** The named tab's first row (a few cells) and its last row with content; null when there is no such tab. */
  contents(name: string): { header: string[]; lastRow: number } | null;
}

export interface TabRequest {
  name: string;
  reportId: string;
  accountId: string;
  username: string;
  /** The configuration being edited: it may keep its own tab. */
  configurationId?: string | null;
}

/** How many first-row cells the editor shows of a person's tab. */
export const HEADER_CELLS = 5;
const CELL_CHARS = 40;

interface Facts {
  name: string;
  reportId: string;
  accountId: string;
  title: string;
  username: string;
  others: TabTarget[];
  mine: boolean;
  /** The configuration being edited keeps its report, account and tab: it is not refused what it already does. */
  keeps: boolean;
  reserved: string | null;
  contents: { header: string[]; lastRow: number } | null;
  suggestion: string;
}

const ats = (names: string[]) => {
  const list = [...new Set(names.map((n) => (n ? `@${n}` : 'another account')))];
  return list.length > 1 ? `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}` : list[0];
};
const titleOf = (reportId: string) => getReportOrNull(reportId)?.title ?? 'another report';
const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** The first rule that holds decides; order matters (a refusal wins over a permission). */
const RULES: { use: TabUse; when: (f: Facts) => boolean }[] = [
  { use: 'sheetgram', when: (f) => !f.keeps && f.reserved !== null },
  { use: 'other_report', when: (f) => !f.keeps && f.others.some((t) => t.reportId !== f.reportId) },
  { use: 'same_account', when: (f) => !f.keeps && f.others.some((t) => t.accountId === f.accountId) },
  { use: 'shared', when: (f) => f.others.some((t) => t.reportId === f.reportId && t.accountId !== f.accountId) },
  { use: 'same', when: (f) => f.mine },
  { use: 'new', when: (f) => f.contents === null },
  { use: 'empty', when: (f) => f.contents?.lastRow === 0 },
  { use: 'your_tab', when: () => true },
];

const USES: Record<TabUse, { allowed: TabDescription['allowed']; message: (f: Facts) => string }> = {
  new: { allowed: 'yes', message: (f) => `Sheetgram creates the tab "${f.name}" on the first run.` },
  empty: { allowed: 'yes', message: (f) => `The tab "${f.name}" is empty: Sheetgram writes its columns there.` },
  same: { allowed: 'yes', message: (f) => `This report already writes into "${f.name}".` },
  shared: {
    allowed: 'yes',
    message: (f) => `This tab already holds rows of ${ats(f.others.map((t) => t.username))} for ${f.title}. Rows stay apart by account: each run touches only @${f.username} rows.`,
  },
  your_tab: {
    allowed: 'ask',
    message: (f) => `The tab "${f.name}" was not made by Sheetgram and holds ${plural(f.contents?.lastRow ?? 0, 'row')} of your data. `
      + `Choose a new tab such as "${f.suggestion}", or tick "Use this tab anyway": Sheetgram adds its own columns and never overwrites your cells.`,
  },
  other_report: {
    allowed: 'no',
    message: (f) => {
      const other = f.others.find((t) => t.reportId !== f.reportId) as TabTarget;
      return `The tab "${f.name}" holds ${titleOf(other.reportId)} for ${ats([other.username])}; each report needs its own tab. Choose a new tab such as "${f.suggestion}".`;
    },
  },
  same_account: {
    allowed: 'no',
    message: (f) => `@${f.username} already collects ${f.title} into "${f.name}" in another report. Edit that report instead, or choose a new tab such as "${f.suggestion}".`,
  },
  sheetgram: { allowed: 'no', message: (f) => `"${f.name}" is ${f.reserved}; reports cannot write there. Choose another tab such as "${f.suggestion}".` },
};

/** What writing request.reportId for request.accountId into the named tab would do. */
export function describeTabChoice(request: TabRequest, survey: TabSurvey): TabDescription {
  const name = request.name.trim();
  const title = titleOf(request.reportId);
  const onTab = survey.targets.filter((t) => sameTabName(t.tabName, name));
  const exists = survey.tabNames.some((n) => sameTabName(n, name));
  const facts: Facts = {
    name, reportId: request.reportId, accountId: request.accountId, title, username: request.username,
    others: onTab.filter((t) => t.configId !== request.configurationId),
    mine: onTab.some((t) => t.configId === request.configurationId),
    keeps: onTab.some((t) => t.configId === request.configurationId && t.reportId === request.reportId && t.accountId === request.accountId),
    reserved: sheetgramTab(name),
    contents: exists ? survey.contents(name) : null,
    suggestion: suggestTabName(title, request.username, [...survey.tabNames, ...survey.targets.map((t) => t.tabName)]),
  };
  const use = (RULES.find((r) => r.when(facts)) as (typeof RULES)[number]).use;
  const { allowed, message } = USES[use];
  const description: TabDescription = { name, use, allowed, message: message(facts) };
  if (allowed !== 'yes') description.suggestion = facts.suggestion;
  if (use === 'your_tab' && facts.contents) {
    description.header = facts.contents.header.slice(0, HEADER_CELLS).map((c) => c.slice(0, CELL_CHARS));
    description.rows = facts.contents.lastRow;
  }
  return description;
}

/** Why saving into this tab is refused, or null; adoptTab is the person's "Use this tab anyway". */
export function tabRefusal(description: TabDescription, adoptTab: boolean): string | null {
  if (description.allowed === 'no') return description.message;
  if (description.allowed === 'ask' && !adoptTab) return description.message;
  return null;
}
