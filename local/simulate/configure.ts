// Saves the report configurations through the sidebar's own server function, as a person clicking
// Save would; the first saved schedule installs the hourly dispatcher trigger. With a BigQuery target,
// each is saved as "This spreadsheet and BigQuery", as the editor sends it.
import type { BigQueryTarget } from '../../src/contract/sidebar';
import type { Schedule, WriteMode } from '../../src/core/reports/types';
import type { Stack } from '../platform/stack';
import type { ResolvedEntry } from './config';
import { sidebarAccounts } from './connect';

export interface ConfigurationOutcome {
  account: string;
  report: string;
  tab: string;
  mode: WriteMode;
  schedule: Schedule;
  fields: string[];
  settings: Record<string, string>;
  saved: boolean;
  /** The configuration id Sheetgram gave it. */
  id?: string;
  /** Why saving failed, in the add-on's words. */
  error?: string;
}

export function saveConfigurations(stack: Stack, entries: readonly ResolvedEntry[], user?: string, bigquery?: BigQueryTarget): ConfigurationOutcome[] {
  const accounts = new Map(sidebarAccounts(stack, user).map((a) => [a.username.toLowerCase(), a]));
  return entries.map((entry) => {
    const outcome: ConfigurationOutcome = {
      account: entry.account, report: entry.report.id, tab: entry.tab, mode: entry.mode, schedule: entry.schedule,
      fields: entry.fields, settings: entry.settings, saved: false,
    };
    const account = accounts.get(entry.account.toLowerCase());
    if (!account) return { ...outcome, error: `@${entry.account} is not connected` };
    try {
      const saved = stack.rt.call('saveConfiguration', [{
        accountId: account.id, reportId: entry.report.id, fields: entry.fields, tabName: entry.tab, mode: entry.mode,
        schedule: entry.schedule, settings: entry.settings,
        ...(bigquery ? { destination: 'sheet_and_bigquery', bigquery } : {}),
      }], { user }) as { id: string };
      return { ...outcome, saved: true, id: saved.id };
    } catch (e) {
      return { ...outcome, error: (e instanceof Error ? e.message : String(e)).replace(/^\[sheetgram:[a-z_]+\]\s*/, '') };
    }
  });
}
