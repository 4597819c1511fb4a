// What custom functions read: the report tabs Sheetgram wrote, found through the document's saved
// configurations and read by header (a person may have reordered the columns).
import { sameTarget } from '../configurations/tab-names';
import { ACCOUNT_ID_FIELD } from '../reports/catalog/common-fields';
import type { ReportConfiguration, ReportId } from '../reports/types';
import { headerKey } from '../tabs/cell-text';

export type Cell = string | number | boolean | Date | null;

/** A tab's values as getValues gives them, header first. */
export interface Table {
  header: string[];
  rows: Cell[][];
}

export function column(table: Table, header: string): number {
  const wanted = headerKey(header);
  return table.header.findIndex((h) => headerKey(h) === wanted);
}

/** The account a person means: an id, or a username with or without @; empty: the document's first. */
export interface AccountRef {
  id: string;
  username: string;
}

export interface FunctionSources {
  /** Saved configurations, oldest first. */
  configurations(): ReportConfiguration[];
  /** Accounts the document's owner connected (read-only in a custom function). */
  ownerAccounts(): AccountRef[];
  /** The tab of a configuration, or null when it is gone or empty. */
  table(config: ReportConfiguration): Table | null;
  now(): number;
  timeZone(): string;
}

/** Every account the document knows of: from its reports first, then the owner's connections. */
export function knownAccounts(sources: FunctionSources): AccountRef[] {
  const seen = new Map<string, AccountRef>();
  for (const c of sources.configurations()) if (!seen.has(c.accountId)) seen.set(c.accountId, { id: c.accountId, username: c.accountUsername ?? c.accountId });
  for (const a of sources.ownerAccounts()) if (!seen.has(a.id)) seen.set(a.id, a);
  return [...seen.values()];
}

/**
 * The account's own rows of a report (from its most recently saved configuration with any): a tab may
 * hold several accounts' rows, told apart by the Account ID column. A tab from before rows named their
 * account holds one configuration's rows, so it counts only when no other account's report shares it.
 */
export function reportTable(sources: FunctionSources, account: AccountRef, reportId: ReportId): Table | null {
  const all = sources.configurations();
  const configs = all.filter((c) => c.accountId === account.id && c.reportId === reportId);
  for (const config of configs.reverse()) {
    const table = sources.table(config);
    if (!table) continue;
    const owner = column(table, ACCOUNT_ID_FIELD.header);
    const shared = all.some((c) => c.accountId !== account.id && sameTarget(c.tab, config.tab));
    if (owner < 0 && shared) continue;
    const rows = owner < 0 ? table.rows : table.rows.filter((r) => String(r[owner] ?? '').trim() === account.id);
    if (rows.length) return { header: table.header, rows };
  }
  return null;
}

export function hasReport(sources: FunctionSources, account: AccountRef, reportId: ReportId): boolean {
  return sources.configurations().some((c) => c.accountId === account.id && c.reportId === reportId);
}
