// The report tabs a dashboard reads, and which of their rows belong to one account: the "Account ID"
// column (text) names the account of every row, since several accounts may write into one tab.
import type { ReportId } from '../reports/types';
import { dataColumn, stringLiteral } from './a1';
import { headerKey } from '../tabs/cell-text';

export const ACCOUNT_ID_HEADER = 'Account ID';

export interface SourceTab {
  reportId: ReportId;
  sheet: string;
  header: string[];
  /** Data rows of this account (all data rows when the tab has no Account ID column). */
  rows: number;
  /** Another account's configuration writes into this tab too. */
  shared?: boolean;
  /** The Post Growth tab (written after Media Insights runs: reportId is media_insights, whose rows it waits for). */
  growth?: boolean;
}

export const REPORT_TITLES: Partial<Record<ReportId, string>> = {
  user_information: "User's Information", account_insights: 'Account Insights', media_insights: 'Media Insights',
  recent_media: "User's Recent Media", audience_demographics: 'Audience Demographics', online_followers: 'Online Followers',
};

/** What a figure or chart reads: a report's columns, and enough rows of the account to say something. */
export interface Need {
  report: ReportId;
  headers: string[];
  minRows: number;
  minRowsWhy?: string;
  /** Read from the Post Growth tab of the report (Media Insights) rather than its own tab. */
  growth?: boolean;
}

export interface Found {
  tab: SourceTab;
  /** Data ranges ('Tab'!F2:F), one per needed header, in the order asked. */
  ranges: string[];
  /** FILTER conditions keeping only the account's rows; none when the whole tab is the account's. */
  only: string[];
}

/** The column (1-based) of a header in a tab, or 0. */
export function columnOf(tab: SourceTab | undefined, header: string): number {
  return tab ? tab.header.findIndex((h) => headerKey(h) === headerKey(header)) + 1 : 0;
}

/** The account's rows as FILTER conditions, or why they cannot be told apart from another account's. */
export function accountRows(tab: SourceTab, accountId: string, username: string): string[] | string {
  const column = columnOf(tab, ACCOUNT_ID_HEADER);
  // Ids are text (every digit kept); &"" compares as text even where someone typed one in as a number.
  if (column) return [`${dataColumn(tab.sheet, column)}&""=${stringLiteral(accountId)}`];
  // An old tab from before accounts shared tabs: all its rows are this account's unless another writes there.
  if (!tab.shared) return [];
  const title = REPORT_TITLES[tab.reportId] ?? tab.reportId;
  return `The ${title} tab "${tab.sheet}" holds rows of several accounts but has no ${ACCOUNT_ID_HEADER} column yet: run the ${title} report for @${username} once (Run now in the sidebar), then rebuild the dashboard.`;
}

/** The ranges and account conditions a part needs, or a short note saying what is missing. */
export function find(tabs: SourceTab[], need: Need, accountId: string, username: string): Found | string {
  const tab = tabs.find((t) => t.reportId === need.report && Boolean(t.growth) === Boolean(need.growth));
  const title = need.growth ? 'Post Growth' : REPORT_TITLES[need.report] ?? need.report;
  if (!tab && need.growth) {
    return tabs.some((t) => t.reportId === need.report && !t.growth)
      ? 'appears after the next complete Media Insights run (with Post growth on).'
      : `Add the Media Insights report for @${username} in the sidebar to see this.`;
  }
  if (!tab) return `Add the ${title} report for @${username} in the sidebar to see this.`;
  const columns = need.headers.map((h) => columnOf(tab, h));
  if (columns.some((c) => c === 0)) return `The ${title} tab needs the columns ${need.headers.join(', ')}: tick them in the report's fields.`;
  const only = accountRows(tab, accountId, username);
  if (typeof only === 'string') return only;
  if (tab.rows < need.minRows) return need.minRowsWhy ?? `Needs at least ${need.minRows} rows in ${title}; check back after the next runs.`;
  return { tab, ranges: columns.map((c) => dataColumn(tab.sheet, c)), only };
}

/** What a part makes from what was found, or the note saying what is missing. */
export function whenFound<T>(found: Found | string, make: (f: Found) => T): T | string {
  return typeof found === 'string' ? found : make(found);
}
