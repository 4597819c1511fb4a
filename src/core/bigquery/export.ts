// Loads a configuration's rows into its report's BigQuery table after a run: what the tab holds for
// the account that BigQuery lacks (every run date the first time, then from the last day loaded on; for
// other tabs, today's snapshot). Each batch of days goes up with one load job into a staging table,
// then one statement replaces exactly those days of this account in the report's table: re-running a
// day, resuming, or retrying after a failure never duplicates or drops a row, whatever other accounts
// share the table. The tab is never touched: a BigQuery failure is remembered and retried next run.
import type { BigQueryTarget } from '../../contract/sidebar';
import type { Clock, Log } from '../ports';
import type { ReportConfiguration, ReportDefinition } from '../reports/types';
import type { TabPort } from '../tabs/tab-port';
import { BigQueryFailure, explainFailure } from './errors';
import type { BigQueryPort } from './port';
import { reportColumns, stagingTableIdOf, tableIdOf, tableSpecOf } from './schema';
import { readSnapshots, type JsonRow } from './snapshot';
import { utf8Bytes } from '../text/bytes';
import { otherLoader, replaceDays, rewritePartition } from './statements';
import { tablePath, trimsTab } from './target';
import { removeLoadedRows, TRIM_RESERVE_MS } from './trim';
import { TABLE_CHANGES_PER_DAY, type TableChanges } from './table-changes';
import { viewsOf } from './views';

/** How a configuration's BigQuery side stands; saved with its status. */
export interface BigQueryLoadState {
  /** 'project.dataset.table' last loaded into: another target starts again from the whole tab. */
  table: string;
  /** The newest snapshot day loaded. */
  lastDay?: string;
  lastLoadAt?: number;
  /** Rows and days the last export loaded. */
  rows?: number;
  days?: number;
  /** The last failure in words, until an export succeeds. */
  error?: string;
  /** The failure needs the person (consent, API, access): retried only after the configuration is saved again or at its next run. */
  needsPerson?: boolean;
  /** Days remain to load (the run's time ran out): the next tick goes on. */
  pending?: boolean;
  /** The project refuses DML (a BigQuery sandbox): days are replaced a partition at a time. */
  noDml?: boolean;
  /** Columns of the table as the last export left it (with its dataset and views). */
  columns?: number;
  /** The time zone the views count days in (the spreadsheet's). */
  zone?: string;
  /** The snapshot day of the run this export is for: a retry at a later tick loads that day, not the tick's. */
  day?: string;
  /** Failures in a row that BigQuery may get over by itself (a limit, an outage). */
  failures?: number;
  /** When the hourly run tries such a failure again (backing off: 1, 2, 4, 8 hours, then daily). */
  retryAt?: number;
  /** The day it last made sure no other report loads the account into the table (once a day). */
  checkedDay?: string;
  /** "BigQuery only": rows the last export removed from the tab, as BigQuery has them. */
  removed?: number;
  /** "BigQuery only": the table or its partitions expire (a sandbox), so the tab keeps every row. */
  expires?: boolean;
}

const HOUR_MS = 3_600_000;
/** Hourly ticks come about an hour apart: a retry due "in an hour" must not wait for the one after. */
const TICK_SLACK_MS = 5 * 60_000;

/** The wait before trying again after `failures` retryable failures in a row. */
export function retryDelay(failures: number): number {
  return Math.min(HOUR_MS * 2 ** Math.max(0, failures - 1), 24 * HOUR_MS) - TICK_SLACK_MS;
}

export interface ExportDeps {
  port: BigQueryPort;
  tab: TabPort;
  clock: Clock;
  log: Log;
  timeZone: string;
  /** Epoch ms to stop by; a batch is only started with BATCH_RESERVE_MS left. */
  deadline: number;
  /** This report as the table's loaded_by column holds it: "spreadsheet id/report id". */
  loadedBy?: string;
  /** A report of this spreadsheet by id, or null when there is none (deleted): its rows are taken over. */
  reportOf?: (configId: string) => { tab: string } | null;
  /**
   * Named leases of the spreadsheet ("table$day"): one is held while a day's partition is rewritten (no
   * DML), since another load of the same day at once would drop these rows. False: another holds it.
   */
  dayLease?: { claim(key: string): boolean; release(key: string): void };
  /** Changes of each table in the last 24 hours, against BigQuery's daily limit. */
  tableChanges?: TableChanges;
}

/** Days without loads after which another report's rows of the account are taken over. */
export const TAKE_OVER_AFTER_DAYS = 7;
/**
 * A staging table is removed once its rows are in; one left by a failure or a cut-off run is loaded over
 * by the next export, and goes by itself after this (a deleted report leaves none behind for ever).
 */
export const STAGING_KEPT_MS = 7 * 24 * 3_600_000;

/** Another report loads this account into the table: the person chooses which one does. */
class LoadedByAnother extends Error {}

/** Sheetgram's share of BigQuery's daily changes to the table is used up. */
class TableChangesUsed extends Error {
  constructor(table: string, used: number, readonly freeAt: number) {
    super(`BigQuery allows ${TABLE_CHANGES_PER_DAY.toLocaleString('en-US')} changes to a table in 24 hours, and Sheetgram has made ${used.toLocaleString('en-US')} to ${table} `
      + '(in a BigQuery sandbox each day of each account is one change), leaving the rest to others. The days not loaded yet wait in the tab.');
  }
}

/** Rows per load job: few enough to build in a script's memory. */
export const MAX_ROWS_PER_LOAD = 20_000;
/**
 * Bytes per load job: the upload goes through Apps Script's advanced service, whose request limit is
 * not documented (the local BigQuery assumes 50 MB); captions make rows of several KB, so rows alone do
 * not bound it.
 */
export const MAX_BYTES_PER_LOAD = 32 * 1024 * 1024;
/** Time a batch may take (load, statement, polling): none is started with less left. */
export const BATCH_RESERVE_MS = 45_000;

interface Batch {
  days: string[];
  lines: string[];
}

/** Batches of whole days, each under both caps unless one day alone is larger. */
function batches(days: [string, JsonRow[]][]): Batch[] {
  const out: Batch[] = [];
  let current: Batch = { days: [], lines: [] };
  let bytes = 0;
  for (const [day, rows] of days) {
    const lines = rows.map((r) => JSON.stringify(r));
    const size = lines.reduce((n, line) => n + utf8Bytes(line) + 1, 0);
    if (current.days.length && (current.lines.length + lines.length > MAX_ROWS_PER_LOAD || bytes + size > MAX_BYTES_PER_LOAD)) {
      out.push(current);
      current = { days: [], lines: [] };
      bytes = 0;
    }
    current.days.push(day);
    current.lines.push(...lines);
    bytes += size;
  }
  if (current.days.length) out.push(current);
  return out;
}

/** Makes the dataset, the table (or adds the registry's new columns) and its views. */
/** False when a view could not be made: the next export tries again. */
function ensureTable(port: BigQueryPort, target: BigQueryTarget, report: ReportDefinition, timeZone: string, log: Log): boolean {
  const { projectId, datasetId, location } = target;
  if (!port.getDataset(projectId, datasetId)) port.createDataset(projectId, datasetId, location, 'Instagram data loaded by Sheetgram.');
  const spec = tableSpecOf(report);
  const existing = port.getTableColumns(projectId, datasetId, tableIdOf(report));
  const grown = existing !== null && spec.columns.some((c) => !existing.includes(c.name));
  if (!existing) port.createTable(projectId, datasetId, tableIdOf(report), spec);
  else if (grown) port.addColumns(projectId, datasetId, tableIdOf(report), spec.columns);
  // Views are made with their table, again when it grows (a growth view lists its columns), and when
  // one is missing (a failed export, someone deleted it).
  // A view BigQuery refuses must not keep the rows out: they are an extra.
  let viewsMade = true;
  for (const view of viewsOf(report, `${projectId}.${datasetId}`, timeZone)) {
    try {
      port.putView(projectId, datasetId, view.id, view.query, view.description);
    } catch (e) {
      viewsMade = false;
      log.warn(`BigQuery: the view ${view.id} could not be made: ${explainFailure(e, target).text}`);
    }
  }
  return viewsMade;
}

export function exportToBigQuery(
  config: ReportConfiguration, report: ReportDefinition, target: BigQueryTarget, previous: BigQueryLoadState | undefined, today: string, deps: ExportDeps,
): BigQueryLoadState {
  const table = tablePath(target, tableIdOf(report));
  const known = previous?.table === table ? previous : undefined;
  const state: BigQueryLoadState = { table, day: today, ...(known?.lastDay ? { lastDay: known.lastDay } : {}), ...(known?.noDml ? { noDml: true } : {}) };
  const spec = tableSpecOf(report);
  const where = { projectId: target.projectId, datasetId: target.datasetId };
  let staging = '';
  let stagedRows = false;
  try {
    if (!deps.port.allowed()) throw new BigQueryFailure('BigQuery was not allowed', 403, 'consent');
    const tab = deps.tab.findTab(config.tab.sheetId, config.tab.name);
    if (!tab) throw new Error(`The tab "${config.tab.name}" was not found, so there was nothing to load.`);
    // From the last day loaded on, trimmed or not: days before it are in BigQuery whole, and a day the
    // tab holds only part of (a trim cut short, rows the person removed) must never replace that copy.
    const trims = trimsTab(config);
    const snapshots = readSnapshots(deps.tab, tab, report, {
      accountId: config.accountId, byRunDate: config.mode === 'append', since: state.lastDay, today, timeZone: deps.timeZone, loadedBy: deps.loadedBy,
    });
    // The dataset, table and views were all there after the last export, with today's columns: five API
    // calls saved per run. Should someone delete them, the load fails, and the next export makes them again.
    const ready = known?.lastLoadAt && !known.error && known.columns === spec.columns.length && known.zone === deps.timeZone;
    if (ready || ensureTable(deps.port, target, report, deps.timeZone, deps.log)) {
      state.columns = spec.columns.length;
      state.zone = deps.timeZone;
    }
    // One report per account and table, or they would replace each other's days: checked once a day.
    if (deps.loadedBy && (known?.checkedDay !== today || known.error !== undefined)) {
      checkOneLoader(deps, table, config, report, target, today, Boolean(known?.lastLoadAt && known.error === undefined));
    }
    if (deps.loadedBy) state.checkedDay = today;
    const columns = reportColumns(report).map(({ field: _field, ...c }) => c);
    staging = stagingTableIdOf(config.id);
    const stagingPath = tablePath(target, staging);
    let rows = 0;
    let days = 0;
    for (const batch of batches(snapshots.days)) {
      if (deps.clock.now() + BATCH_RESERVE_MS > deps.deadline) {
        state.pending = true;
        break;
      }
      deps.port.load(target.projectId, target.datasetId, staging, batch.lines.join('\n'), columns, 'WRITE_TRUNCATE');
      stagedRows = true;
      const names = columns.map((c) => c.name);
      const dayList = batch.days;
      if (!state.noDml) {
        try {
          const merge = replaceDays(table, stagingPath, names, config.accountId, dayList);
          deps.port.query(target.projectId, merge.sql, merge.params);
        } catch (e) {
          if (explainFailure(e, where).kind !== 'no_dml') throw e;
          state.noDml = true;
          deps.log.info(`BigQuery project ${target.projectId} allows no DML (a sandbox): replacing a day's partition at a time.`);
        }
      }
      if (state.noDml) {
        for (const day of dayList) {
          const rewrite = rewritePartition(table, stagingPath, names, config.accountId, day);
          // The rewrite reads the day's other rows and writes them back: two at once would each drop the other's.
          const lease = `${table}${rewrite.decorator}`;
          if (deps.dayLease && !deps.dayLease.claim(lease)) {
            throw new Error(`Another load of this spreadsheet was rewriting ${day} of ${table}; Sheetgram tries again later.`);
          }
          try {
            // A rewrite is a change of the table, counted against BigQuery's daily limit (a MERGE is not).
            const taken = deps.tableChanges?.take(table) ?? { ok: true };
            if (!taken.ok) throw new TableChangesUsed(table, taken.used, taken.freeAt);
            deps.port.query(target.projectId, rewrite.sql, rewrite.params, { datasetId: target.datasetId, tableId: tableIdOf(report) + rewrite.decorator });
          } finally {
            deps.dayLease?.release(lease);
          }
        }
      }
      rows += batch.lines.length;
      days += batch.days.length;
      state.lastDay = dayList[dayList.length - 1];
    }
    // The staging table holds a copy of the rows: gone once they are in, so the dataset lists only reports and views.
    if (rows > 0 && !state.pending) deps.port.removeTable(target.projectId, target.datasetId, staging);
    else if (state.pending && stagedRows) expireStaging(deps, target, staging);
    state.rows = rows;
    state.days = days;
    state.lastLoadAt = deps.clock.now();
    if (trims && state.lastDay) {
      // Days before the last one loaded go; that day is read again next time, and the run's own day
      // stays too (a later run that day updates its rows).
      const before = state.lastDay < today ? state.lastDay : today;
      // Rows that BigQuery drops by itself after a while (a sandbox's 60 days) stay in the tab as well.
      const expiry = deps.port.getTableExpiry(target.projectId, target.datasetId, tableIdOf(report));
      if (expiry && (expiry.expiresAt !== undefined || expiry.partitionExpirationMs !== undefined)) {
        state.expires = true;
      } else {
        state.removed = removeLoadedRows(deps.tab, tab, config.accountId, before, deps.timeZone, () => deps.clock.now() + TRIM_RESERVE_MS < deps.deadline);
        if (state.removed) deps.log.info(`BigQuery only: removed ${state.removed} rows of @${config.accountUsername ?? config.accountId} from "${config.tab.name}" that BigQuery now has.`);
      }
    }
    if (snapshots.misfits) deps.log.warn(`BigQuery: ${snapshots.misfits} cells of "${config.tab.name}" were not of their column's type and were loaded as empty.`);
    deps.log.info(`BigQuery: loaded ${rows} rows (${days} days) of @${config.accountUsername ?? config.accountId} into ${table}.`);
    return state;
  } catch (e) {
    if (e instanceof LoadedByAnother) {
      deps.log.warn(`BigQuery: ${e.message}`);
      return { ...state, error: e.message, needsPerson: true };
    }
    if (e instanceof TableChangesUsed) {
      // A limit, not a failure: no backoff, the rest goes once changes are free again.
      deps.log.warn(`BigQuery: ${e.message}`);
      if (stagedRows) expireStaging(deps, target, staging);
      return { ...state, ...(previous?.lastLoadAt ? { lastLoadAt: previous.lastLoadAt } : {}), error: e.message, retryAt: e.freeAt };
    }
    const failure = explainFailure(e, where);
    deps.log.warn(`BigQuery: ${failure.text}`);
    if (stagedRows) expireStaging(deps, target, staging);
    const kept = { ...state, ...(previous?.lastLoadAt ? { lastLoadAt: previous.lastLoadAt } : {}), error: failure.text };
    if (!failure.retry) return { ...kept, needsPerson: true };
    const failures = (known?.error && !known.needsPerson ? known.failures ?? 1 : 0) + 1;
    return { ...kept, failures, retryAt: deps.clock.now() + retryDelay(failures) };
  }
}

/** A staging table left for the next export to load over goes by itself should none come (the report deleted). Best effort. */
function expireStaging(deps: ExportDeps, target: BigQueryTarget, staging: string): void {
  try {
    deps.port.expireTable(target.projectId, target.datasetId, staging, deps.clock.now() + STAGING_KEPT_MS);
  } catch (e) {
    deps.log.warn(`BigQuery: the staging table ${staging} was left without an expiry: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/**
 * Throws LoadedByAnother when another report has loaded the account into the table within
 * TAKE_OVER_AFTER_DAYS, unless it is a report of this spreadsheet that no longer loads there (deleted,
 * BigQuery turned off, another dataset). `loading`: this report loads the account too (two that did
 * before the check existed, or started on the same day): the first by loaded_by keeps it.
 */
function checkOneLoader(deps: ExportDeps, table: string, config: ReportConfiguration, report: ReportDefinition, target: BigQueryTarget, today: string, loading: boolean): void {
  const loadedBy = deps.loadedBy as string;
  const query = otherLoader(table, config.accountId, loadedBy);
  const sheetOf = (by: string) => by.slice(0, by.lastIndexOf('/'));
  for (const [other, lastDay] of deps.port.query(target.projectId, query.sql, query.params).rows) {
    if (!other || !lastDay) continue;
    const here = sheetOf(other) === sheetOf(loadedBy);
    const tab = here ? deps.reportOf?.(other.slice(other.lastIndexOf('/') + 1)) ?? null : null;
    if (here && !tab) continue;
    const stale = Date.parse(`${lastDay}T00:00:00Z`) < Date.parse(`${today}T00:00:00Z`) - TAKE_OVER_AFTER_DAYS * 86_400_000;
    if (stale || (loading && loadedBy < other)) continue;
    const where = tab ? `the report in this spreadsheet's tab "${tab.tab}"` : `a report in another spreadsheet (id ${sheetOf(other)})`;
    throw new LoadedByAnother(
      `@${config.accountUsername ?? config.accountId}'s ${report.title} already goes to ${table} from ${where}, which loaded days up to ${lastDay}. `
      + 'One report per account loads a table, so this one loaded nothing (its tab is complete). Turn BigQuery off for the other report, '
      + `or choose another dataset here; Sheetgram takes over by itself once the other has loaded nothing for ${TAKE_OVER_AFTER_DAYS} days.`,
    );
  }
}
