// The Weekly Digest after an hourly tick's runs (core/digest/build.ts says when it is due): the report
// tabs read once each, the document's lock and properties.
import { DIGEST_REPORTS, weeklyDigest } from '../core/digest/build';
import { getReport } from '../core/reports/registry';
import type { RunLogEntry } from '../core/run/run-log';
import { reportTables } from './adapters/report-tables';
import type { GasContext } from './context';

/** Not started with less left of the execution: reading the tabs and writing one block must fit. */
const DIGEST_RESERVE_MS = 30_000;
const TITLES = new Set(DIGEST_REPORTS.map((id) => getReport(id).title));

export function digestAfterTick(ctx: GasContext, entries: RunLogEntry[]): void {
  if (ctx.clock.now() + DIGEST_RESERVE_MS > ctx.deadline) return;
  const changed = entries.some((e) => TITLES.has(e.report) && e.rowsAdded + e.rowsUpdated > 0);
  const env = ctx.runEnvironment();
  try {
    weeklyDigest({
      sources: {
        configurations: () => ctx.configs().list(),
        ownerAccounts: () => ctx.accounts().list().map((a) => ({ id: a.id, username: a.username })),
        table: reportTables(ctx.spreadsheet()),
        now: () => ctx.clock.now(),
        timeZone: () => ctx.timeZone(),
      },
      tab: env.tab, store: ctx.documentProps(), lock: ctx.documentLock(), clock: ctx.clock, log: ctx.log,
    }, changed);
  } catch (e) {
    // The digest is a by-product: its failure is said in the log, the runs stand.
    ctx.log.warn(`Weekly Digest: ${e instanceof Error ? e.message : String(e)}`);
  }
}
