// Runs one saved report configuration: pages from its request plan become rows written into its tab.
// Pages are buffered and written in one block per execution (at most 3 range writes per tab), then
// checkpointed; a run near its deadline writes what it has, stops with 'partial', and the next call
// continues from the checkpoint. Re-writing a block is idempotent, so no row is lost or duplicated.
import { GRAPH_API_VERSION } from '../config/platform';
import type { Clock, Log } from '../ports';
import { addDays, calendarDateIn, isoDate, parseIsoDate } from '../reports/dates';
import { isGraphError, type GraphReader } from '../reports/graph-contract';
import { apiMajor } from '../reports/metrics';
import { PLANS } from '../reports/plans';
import { shortfallText, type Shortfall } from '../reports/plans/listing';
import type { PlanContext, RequestPlan, SkippedItem } from '../reports/plans/plan';
import { ACCOUNT_FIELD, ACCOUNT_ID_FIELD, ACCOUNT_SOURCE, RUN_DATE_FIELD } from '../reports/catalog/common-fields';
import { VIEWS_ON_DAY_SOURCE } from '../reports/catalog/own-account';
import { growthDays } from '../growth/post-growth';
import { viewsOnDay } from '../growth/views-on-day';
import { OWN_RUN_DATE } from '../reports/follower-history';
import { fieldsToWrite, getReport, keyHeaders } from '../reports/registry';
import { toRow } from '../reports/rows';
import type { ReportConfiguration, ReportState } from '../reports/types';
import { isQuotaExhaustedError, QUOTA_REASON_TEXT } from '../quota/quota-exhausted';
import { DEFAULT_THROTTLE_SETTINGS } from '../quota/settings';
import type { TextEscaping } from '../tabs/cell-values';
import { isGoogleCellRefusal, isSpreadsheetFull, SpreadsheetFullError, spreadsheetFullText } from '../tabs/spreadsheet-cells';
import { writeBlock, type RowOwner, type TableLayout } from '../tabs/table-writer';
import { runDatesOf } from '../tabs/run-dates';
import type { TabPort, TabRef } from '../tabs/tab-port';
import { capped, queuedCheckpoint, type Checkpoint, type CheckpointStore } from './checkpoint';

export interface RunDeps {
  reader: GraphReader;
  tab: TabPort;
  clock: Clock;
  log: Log;
  checkpoint?: CheckpointStore;
  /** Epoch ms to stop by. */
  deadline: number;
  /** The spreadsheet's time zone. */
  timeZone: string;
  /** Time kept free before the deadline for writing and checkpointing (default 20 s). */
  reserveMs?: number;
  /** Rows held before writing mid-run (default 10,000: the /media edge's maximum). */
  maxBufferedRows?: number;
  apiVersion?: string;
  /** How text is kept from becoming a formula (the add-on's setting; default 'apostrophe'). */
  textEscaping?: TextEscaping;
  /** Another account's configuration writes into the same tab: its rows without an account are not this one's. */
  sharedTab?: () => boolean;
  /** Told after every page, for the sidebar's progress line. */
  onProgress?: (progress: { pages: number; rows: number; callsUsed: number }) => void;
  /** A repair (core/repair): its days and the plan that reads them; an empty value keeps the cell's own. */
  repair?: { days: { from: string; to: string }; plan: RequestPlan };
  /**
   * "BigQuery only": the newest run date BigQuery holds of this report. The tab no longer has the days
   * up to it, but they are written: a first run's rebuilt history must not replace them there.
   */
  loadedUpTo?: string;
}

/** How far back days BigQuery holds count as written: beyond any rebuilt history (2 years). */
const LOADED_DAYS_BACK = 731;

/** The run dates the tab holds, and with BigQuery only the days up to the newest one BigQuery holds. */
function writtenRunDates(inTab: Set<string>, loadedUpTo: string | undefined): Set<string> {
  const last = loadedUpTo ? parseIsoDate(loadedUpTo) : null;
  if (!last) return inTab;
  for (let back = 0; back < LOADED_DAYS_BACK; back++) inTab.add(isoDate(addDays(last, -back)));
  return inTab;
}

export interface RunResult {
  /** incomplete: read to the end of what Instagram gave, but a list came short (see shortfall). */
  status: 'done' | 'incomplete' | 'partial' | 'failed';
  /** Totals for the whole run, including earlier executions that it resumed. */
  rowsAdded: number;
  rowsUpdated: number;
  callsUsed: number;
  skipped: SkippedItem[];
  messages: string[];
  /**
   * Why it stopped: a GraphApiError's kind, 'quota' (Sheetgram's own throttle or Google's UrlFetch
   * quota refused), 'spreadsheet_full' (no room under Google's 10 million cells), 'sheet' (another write
   * failure) or 'internal'. resumeAt: when calls may start again.
   */
  error?: { kind: string; message: string; resumeAt?: number; code?: number; pause?: string };
  /** What to save on the configuration when status is 'done' (high-water mark, last insight day, ...). */
  state: ReportState;
  /** Incomplete: what came short, in a person's words ("Instagram ended the list of posts early: ..."). */
  shortfall?: string;
  /** The tab as found or recreated: save its sheet id and name on the configuration. */
  tab?: TabRef;
  /** The run's own date (YYYY-MM-DD, spreadsheet time zone), whatever its status; a resumed run keeps its first day. */
  runDate?: string;
}

export const STAGING_TAB_PREFIX = 'Sheetgram staging ';

/**
 * Time a written cell costs until Sheets has committed it: a setValues is cheap, the commit (the flush
 * at the end of the write, or the next read) is not. Public measurements put the two at about 0.15 ms a
 * cell (reference/apps-script.md §7.1); rounded up, since a run that stops early loses nothing.
 */
export const WRITE_MS_PER_CELL = 0.2;
/** The Graph's usual page (posts, insights): what the first page of an execution is expected to hold. */
const TYPICAL_PAGE_ROWS = 100;

/** The hidden tab where a Replace run keeps its rows until it has them all. */
export function stagingTabName(configId: string): string {
  return STAGING_TAB_PREFIX + configId;
}

function freshCheckpoint(config: ReportConfiguration, now: number, timeZone: string): Checkpoint {
  return queuedCheckpoint(config.id, isoDate(calendarDateIn(now, timeZone)), now);
}

const later = (a: string | null | undefined, b: string | null | undefined) =>
  !a ? b ?? null : !b ? a : Date.parse(a.replace(/\+0000$/, 'Z')) >= Date.parse(b.replace(/\+0000$/, 'Z')) ? a : b;

/** Replace keeps only the latest result, so it must be a whole one: no incremental starting points. */
function planState(config: ReportConfiguration): ReportState {
  const state = config.state ?? {};
  return config.mode === 'replace' ? { ...state, highWaterMark: undefined, lastInsightDay: undefined } : state;
}

export function runReport(config: ReportConfiguration, deps: RunDeps): RunResult {
  const report = getReport(config.reportId);
  const plan = deps.repair?.plan ?? PLANS[report.id];
  const fields = fieldsToWrite(report, config.fields, config.mode, config.loginFlow);
  const layout: TableLayout = {
    columns: fields.map((f) => ({ header: f.header, type: f.type, ...(f.flows ? { someLogins: true } : {}), ...(f.person ? { person: f.person } : {}), ...(f.fillOnly ? { fillOnly: true } : {}) })),
    keyHeaders: keyHeaders(report, config.mode),
    owner: { idHeader: ACCOUNT_ID_FIELD.header, nameHeader: ACCOUNT_FIELD.header },
    // Append keeps a row per run date: a post's rows are the same post (its label carries to the new one).
    ...(config.mode === 'append' ? { sameItem: keyHeaders(report, 'update') } : {}),
  };
  const owner: RowOwner = { id: config.accountId, username: config.accountUsername ?? config.accountId };
  const stamp = { [ACCOUNT_SOURCE.username]: owner.username, [ACCOUNT_SOURCE.id]: owner.id };
  const reserveMs = deps.reserveMs ?? 20_000;
  const maxBufferedRows = deps.maxBufferedRows ?? 10_000;

  // A copy: the stored checkpoint must only change through save(), after rows are written.
  const loaded = deps.checkpoint?.load() ?? null;
  const saved: Checkpoint | null = loaded && loaded.configId === config.id ? JSON.parse(JSON.stringify(loaded)) : null;
  const cp: Checkpoint = saved ?? freshCheckpoint(config, deps.clock.now(), deps.timeZone);
  const resumed = saved !== null;
  if (resumed) deps.log.info(`Resuming report ${config.id} from its checkpoint (${cp.rowsAdded + cp.rowsUpdated} rows written so far).`);
  const ctx: PlanContext = {
    reader: deps.reader, config, flow: config.loginFlow, fields, now: cp.startedAt, timeZone: deps.timeZone,
    apiMajor: apiMajor(deps.apiVersion ?? GRAPH_API_VERSION), state: planState(config), ...(deps.repair ? { repair: deps.repair.days } : {}),
    // Asked only by a first run that rebuilds past days (follower-history.ts): they must not repeat a date.
    tabRunDates: () => writtenRunDates(runDatesOf(deps.tab, target(), config.accountId, { runDate: RUN_DATE_FIELD.header, accountId: ACCOUNT_ID_FIELD.header }, deps.timeZone), deps.loadedUpTo),
  };
  const runDay = parseIsoDate(cp.runDate);
  // Media Insights' "Views on day N": the post's views as Post Growth kept them.
  const growth = runDay && fields.some((f) => f.from?.startsWith(`${VIEWS_ON_DAY_SOURCE}.`))
    ? viewsOnDay(deps.tab, { accountId: config.accountId, runDay, timeZone: deps.timeZone, growthDays: growthDays(config.settings) })
    : null;
  const callsAtStart = deps.reader.callsUsed;
  const target = () => ({ sheetId: cp.tab?.sheetId ?? config.tab.sheetId, name: cp.tab?.name ?? config.tab.name });
  const callsBefore = cp.callsUsed;
  const countCalls = () => {
    cp.callsUsed = callsBefore + deps.reader.callsUsed - callsAtStart;
  };
  const persist = () => {
    countCalls();
    deps.checkpoint?.save(cp);
  };

  let buffer: unknown[][] = [];
  let buffered = 0;
  let complete = false;
  let started = resumed && (cp.cursor !== null || cp.blocksWritten > 0);
  let slowestPage = 0;
  /** Rows of the largest page so far; before the first, a page of the Graph's usual size. */
  let largestPage = TYPICAL_PAGE_ROWS;
  /** Rows written by this execution whose commit is still to come (Sheets commits at the next read or flush). */
  let uncommitted = 0;
  let pagesRead = 0;
  let failure: unknown = null;
  let writeFailed = false;
  /** A list ended before its end; only the last page can say so (its cursor is null). */
  let shortfall: Shortfall | null = null;

  const flush = () => {
    const out = writeBlock(deps.tab, {
      // Replace would remove the rows a short list left out: an incomplete run refreshes and adds, removes nothing.
      target: target(), layout, mode: config.mode, keepStale: shortfall !== null, rows: buffer, isFirst: cp.blocksWritten === 0, isLast: complete,
      owners: [owner], legacyOwner: () => (config.state?.lastRunDate && !deps.sharedTab?.() ? owner : undefined), staging: { name: stagingTabName(config.id), rows: cp.staged ?? 0 }, timeZone: deps.timeZone, escaping: deps.textEscaping, keepWhereEmpty: Boolean(deps.repair),
    });
    cp.blocksWritten++;
    cp.rowsAdded += out.rowsAdded;
    cp.rowsUpdated += out.rowsUpdated;
    cp.rowsRemoved = (cp.rowsRemoved ?? 0) + out.rowsRemoved;
    cp.staged = out.staged;
    cp.tab = out.tab ?? cp.tab;
    cp.messages = capped([...cp.messages, ...out.messages]);
    out.messages.forEach((m) => deps.log.warn(m));
    deps.log.info(out.tab
      ? `Wrote ${buffer.length} rows (${out.rowsAdded} new, ${out.rowsUpdated} refreshed, ${out.rowsRemoved} removed) to "${out.tab.name}".`
      : `Kept ${buffer.length} rows aside until the Replace run is complete (${out.staged} so far).`);
    uncommitted = buffer.length;
    buffer = [];
    buffered = 0;
  };
  /** A write that fails leaves the checkpoint where it was: the same pages are read and written again next time. */
  const tryFlush = (): boolean => {
    try {
      flush();
      return true;
    } catch (e) {
      failure = e;
      writeFailed = true;
      return false;
    }
  };

  while (!complete) {
    const now = deps.clock.now();
    // Stopped for time: the result is neither complete nor failed, and the summary says so.
    // The next page, and writing what is held with it, must fit: a large block takes tens of seconds to commit.
    // Replace's last block also moves every row kept aside into the tab.
    const toCommit = buffer.length + largestPage + uncommitted + (config.mode === 'replace' ? cp.staged ?? 0 : 0);
    const writeMs = toCommit * fields.length * WRITE_MS_PER_CELL;
    if (now + slowestPage + reserveMs + writeMs > deps.deadline) break;
    let page;
    try {
      page = plan(ctx, started ? cp.cursor : null);
    } catch (e) {
      failure = e;
      break;
    }
    started = true;
    slowestPage = Math.max(slowestPage, deps.clock.now() - now);
    largestPage = pagesRead === 0 ? page.records.length : Math.max(largestPage, page.records.length);
    for (const record of page.records) {
      const extra = { ...stamp, ...(runDay ? { run_date: record[OWN_RUN_DATE] ?? runDay } : {}), ...(growth ? { [VIEWS_ON_DAY_SOURCE]: growth(record) } : {}) };
      buffer.push(toRow({ ...record, ...extra }, fields, deps.timeZone));
    }
    buffered++;
    cp.skipped = capped([...cp.skipped, ...page.skipped]);
    cp.messages = capped([...cp.messages, ...page.notes]);
    page.skipped.forEach((s) => deps.log.warn(`Skipped ${s.id}: ${s.reason}`));
    page.notes.forEach((n) => deps.log.info(n));
    cp.highWaterMark = later(cp.highWaterMark, page.highWaterMark);
    cp.state = { ...cp.state, ...page.state };
    cp.cursor = page.cursor;
    complete = page.cursor === null;
    if (complete && page.shortfall) shortfall = page.shortfall;
    pagesRead++;
    deps.onProgress?.({ pages: pagesRead, rows: cp.rowsAdded + cp.rowsUpdated + buffer.length, callsUsed: callsBefore + deps.reader.callsUsed - callsAtStart });
    if (buffer.length >= maxBufferedRows && !complete) {
      if (!tryFlush()) break;
      persist();
    }
  }

  // A complete run always writes a last block (even an empty one): it is where Replace swaps its rows in.
  if (writeFailed || ((buffered > 0 || complete) && !tryFlush())) {
    complete = false;
    countCalls();
  } else {
    if (!complete) persist();
    else {
      countCalls();
      deps.checkpoint?.clear();
    }
  }

  const previous = config.state ?? {};
  // An incomplete run keeps the state it started from: the next run reads the list again from where this
  // one began (its high-water mark and run date do not pass what was not read).
  const incomplete = complete && shortfall !== null;
  const result: RunResult = {
    status: complete ? (incomplete ? 'incomplete' : 'done') : failure ? 'failed' : 'partial',
    rowsAdded: cp.rowsAdded, rowsUpdated: cp.rowsUpdated, callsUsed: cp.callsUsed,
    skipped: cp.skipped, messages: cp.messages, tab: cp.tab, runDate: cp.runDate,
    state: complete && !incomplete
      ? { ...previous, ...cp.state, highWaterMark: later(previous.highWaterMark, cp.highWaterMark) ?? undefined, lastRunDate: cp.runDate }
      : previous,
  };
  if (incomplete && shortfall) {
    result.shortfall = shortfallText(shortfall);
    if (config.mode === 'replace') result.messages = [...result.messages, 'Replace removed no rows this time, as the list was incomplete; the next whole run does.'];
    deps.log.warn(`Report ${config.id}: ${result.shortfall}`);
  }
  if (failure) {
    // Google refused growth the writer's own count allowed (the person added cells meanwhile): say it the same way.
    if (writeFailed && !isSpreadsheetFull(failure) && isGoogleCellRefusal(failure)) failure = fullAfterAll(deps.tab, target().name, buffer.length, failure);
    result.error = errorOf(failure, writeFailed, deps.clock.now());
    deps.log.warn(`Report ${config.id} stopped: ${result.error.message}`);
  }
  // A run stopped for time says so once, in its summary (execute.ts), not among its notes as well.
  return result;
}

function fullAfterAll(tab: TabPort, tabName: string, rows: number, failure: unknown): unknown {
  try {
    return new SpreadsheetFullError(spreadsheetFullText(tab.grids(), { rows, tabName }));
  } catch {
    return failure;
  }
}

function errorOf(failure: unknown, writeFailed: boolean, now: number): NonNullable<RunResult['error']> {
  if (isSpreadsheetFull(failure)) return { kind: 'spreadsheet_full', message: (failure as Error).message };
  if (isQuotaExhaustedError(failure)) return { kind: 'quota', message: failure.message, resumeAt: failure.resumeAt, pause: QUOTA_REASON_TEXT[failure.reason] };
  if (isGraphError(failure)) {
    const minutes = (failure as { regainAccessMinutes?: number }).regainAccessMinutes;
    const resumeAt = failure.kind === 'rate_limit' ? now + (minutes ? minutes * 60_000 : DEFAULT_THROTTLE_SETTINGS.rateLimitPauseMs) : undefined;
    return { kind: failure.kind, message: failure.userMessage, code: failure.code, ...(resumeAt ? { resumeAt, pause: "Instagram's request limit for this account was reached" } : {}) };
  }
  const message = failure instanceof Error ? failure.message : String(failure);
  return { kind: writeFailed ? 'sheet' : 'internal', message: writeFailed ? `Sheetgram could not write to the tab: ${message}` : message };
}
