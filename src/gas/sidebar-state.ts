// getSidebarState: everything the sidebar draws, read in a handful of service calls.
import type { SidebarState } from '../ui/rpc';
import type { LoginFlow } from '../core/accounts/types';
import { accountUsage } from '../core/quota/throttle';
import { LOG_TAB_NAME } from '../core/run/run-log';
import { sidebarState } from '../core/sidebar/view';
import { createContext } from './context';
import { serve } from './serve';

export function getSidebarState(): SidebarState {
  // The execution's start, before any service call: the time budget counts from here.
  const startedAt = Date.now();
  return serve(() => {
    const ctx = createContext(startedAt);
    const now = Date.now();
    const accounts = ctx.accounts().list();
    const spreadsheet = ctx.spreadsheet();
    const sheets = spreadsheet.getSheets();
    const tabs = sheets.map((s) => s.getName());
    const logSheet = sheets.find((s) => s.getName() === LOG_TAB_NAME);
    const userProps = accounts.length ? ctx.userProps().getAll() : {};
    const quotaSettings = ctx.quotaSettings();
    const quota = accounts.map((account) => {
      return { accountId: account.id, ...accountUsage((key) => userProps[key] ?? null, account.id, ctx.appIdOf(account.flow), quotaSettings, now) };
    });
    const credentials = Object.fromEntries((['instagram', 'facebook'] as LoginFlow[]).map((flow) => {
      const creds = ctx.credentials(flow);
      return [flow, 'missing' in creds ? { ok: false, missing: creds.missing } : { ok: true, missing: [] }];
    })) as Record<LoginFlow, { ok: boolean; missing: string[] }>;
    return sidebarState({
      accounts,
      configurations: ctx.configs().listWithStatus(),
      quota,
      tabs,
      logTab: logSheet ? { name: LOG_TAB_NAME, url: `${spreadsheet.getUrl()}#gid=${logSheet.getSheetId()}` } : null,
      credentials,
      now,
      timeZone: ctx.timeZone(),
    });
  });
}
