// getSidebarState: everything the sidebar draws, read in a handful of service calls.
import type { SidebarState } from '../contract/sidebar';
import type { LoginFlow } from '../core/accounts/types';
import { MAIL_SETTINGS_KEY, parseMailSettings } from '../core/accounts/mail-settings';
import { accountUsage } from '../core/quota/throttle';
import { RepairStore } from '../core/repair/store';
import { repairViews } from '../core/repair/view';
import { LOG_TAB_NAME, readRunLog } from '../core/run/run-log';
import { sidebarState } from '../core/sidebar/view';
import { PACE_WINDOW_DAYS, warningLevel } from '../core/tabs/cells-outlook';
import { totalCells } from '../core/tabs/spreadsheet-cells';
import { sheetTabs } from './adapters/sheet-tabs';
import { createContext } from './context';
import { ownAddress, readMailSettings } from './mail-settings';
import { serve } from './serve';
import { alertsView } from './alerts';

export function getSidebarState(): SidebarState {
  // The execution's start, before any service call: the time budget counts from here.
  const startedAt = Date.now();
  return serve(() => {
    const ctx = createContext(startedAt);
    const now = Date.now();
    const accounts = ctx.accounts().list();
    const spreadsheet = ctx.spreadsheet();
    // Every tab's grid (four calls a tab): the names for the tab lists, the cells for the size banner.
    const grids = ctx.grids().all(spreadsheet.getSheets());
    const tabs = grids.map((g) => g.name);
    const logSheet = grids.find((g) => g.name === LOG_TAB_NAME);
    // The log is read only when there is a banner to show.
    const lines = warningLevel(totalCells(grids)) ? readRunLog(sheetTabs(spreadsheet, ctx.grids()), now - PACE_WINDOW_DAYS * 86_400_000) : [];
    const userProps = accounts.length ? ctx.userProps().getAll() : {};
    const quotaSettings = ctx.quotaSettings();
    const quota = accounts.map((account) => {
      return { accountId: account.id, ...accountUsage((key) => userProps[key] ?? null, account.id, ctx.appIdOf(account.flow), quotaSettings, now) };
    });
    const credentials = Object.fromEntries((['instagram', 'facebook'] as LoginFlow[]).map((flow) => {
      const creds = ctx.credentials(flow);
      return [flow, 'missing' in creds ? { ok: false, missing: creds.missing } : { ok: true, missing: [] }];
    })) as Record<LoginFlow, { ok: boolean; missing: string[] }>;
    const configurations = ctx.configs().listWithStatus();
    const state = sidebarState({
      accounts,
      configurations,
      quota,
      tabs,
      logTab: logSheet ? { name: LOG_TAB_NAME, url: `${spreadsheet.getUrl()}#gid=${logSheet.sheetId}` } : null,
      credentials,
      now,
      timeZone: ctx.timeZone(),
      cells: { grids, lines },
      // Read with the accounts' properties when they were read (one service call fewer).
      mail: { settings: accounts.length ? parseMailSettings(userProps[MAIL_SETTINGS_KEY]) : readMailSettings(ctx), ownAddress: ownAddress() },
    });
    // Each account's alerts, from the document's properties.
    for (const view of state.accounts) view.alerts = alertsView(ctx, view.id);
    // Fill or repair history: each card's form bounds and its repair's standing.
    const repairs = repairViews(configurations.map((c) => c.config), new RepairStore(ctx.documentProps()).all(), now, ctx.timeZone());
    for (const view of state.configurations) {
      const repair = repairs.get(view.id);
      if (repair) view.repair = repair;
    }
    return state;
  });
}
