// Shared plumbing of the local Apps Script runtime: the virtual clock, the execution in progress
// (who runs, in which auth mode, since when), and the call counters every service reports to.
// Each service fake is created per execution from a Platform and the service's persistent state.
import type { CallDetail } from './costs';

export type AuthModeName = 'NONE' | 'LIMITED' | 'CUSTOM_FUNCTION' | 'FULL';
export type ExecutionKind = 'script' | 'custom-function' | 'simple-trigger';

export interface LocalUser {
  email: string;
  /** Stable id used to key per-user state (user properties, user cache, user locks, triggers). */
  id: string;
}

/** Virtual time in epoch milliseconds. Nothing in the runtime reads the real clock. */
export class VirtualClock {
  private ms: number;
  /** Every Utilities.sleep, recorded so tests can assert backoff without waiting. */
  readonly sleeps: number[] = [];
  private listeners: ((now: number) => void)[] = [];

  constructor(startMs: number) {
    this.ms = startMs;
  }

  now(): number {
    return this.ms;
  }

  set(ms: number): void {
    if (ms < this.ms) throw new Error(`VirtualClock: cannot go back from ${new Date(this.ms).toISOString()} to ${new Date(ms).toISOString()}`);
    this.ms = ms;
    for (const l of this.listeners) l(this.ms);
  }

  advance(ms: number): void {
    if (ms < 0) throw new Error('VirtualClock: cannot advance by a negative amount');
    this.set(this.ms + ms);
  }

  sleep(ms: number): void {
    this.sleeps.push(ms);
    this.advance(ms);
  }

  onChange(listener: (now: number) => void): void {
    this.listeners.push(listener);
  }

  /**
   * Runs fn with the clock reading localMs: an execution's own time line when several run at once
   * (concurrent runs must not add their sleeps up twice). Afterwards the clock reads the later of
   * its previous time and where fn left it. Returns where fn left it.
   */
  runAt(localMs: number, fn: () => void): number {
    const latest = this.ms;
    this.ms = localMs;
    try {
      fn();
      return this.ms;
    } finally {
      const endedAt = this.ms;
      this.ms = Math.max(latest, endedAt);
      if (this.ms !== latest) for (const l of this.listeners) l(this.ms);
    }
  }
}

/** Counts service calls by "Service.method", for tests and benchmarks. */
export class CallCounter {
  private counts = new Map<string, number>();

  add(service: string, method: string, n = 1): void {
    const key = `${service}.${method}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + n);
  }

  get(service: string, method?: string): number {
    if (method) return this.counts.get(`${service}.${method}`) ?? 0;
    let total = 0;
    for (const [k, v] of this.counts) if (k.startsWith(`${service}.`)) total += v;
    return total;
  }

  snapshot(): Record<string, number> {
    return Object.fromEntries([...this.counts].sort(([a], [b]) => a.localeCompare(b)));
  }

  reset(): void {
    this.counts.clear();
  }
}

/** One scope as itself; alternatives (any one is enough) as Google lists them: "(a || b)". */
const scopeList = (scopes: readonly string[]) => (scopes.length === 1 ? scopes[0] : `(${scopes.join(' || ')})`);

/** Google's messages, verbatim where the reference gives them, close to Google's shape otherwise. */
export const GOOGLE_ERRORS = {
  timeLimit: 'Exceeded maximum execution time',
  permission: (service: string) => `You do not have permission to call ${service}.`,
  /**
   * A call whose scope the user did not grant (granular consent). The text as users report it, e.g.
   * "Exception: You do not have permission to call SpreadsheetApp.openById. Required permissions:
   * https://www.googleapis.com/auth/spreadsheets" (github.com/andrewroberts/BBLog/issues/4,
   * google/clasp#1040); "Exception: " is only how logs print an Error. Alternatives read "(a || b)".
   */
  scopeNotGranted: (member: string, scopes: readonly string[]) => `You do not have permission to call ${member}. Required permissions: ${scopeList(scopes)}`,
  /** The manifest's oauthScopes lack the scope altogether: the wording remembered from reports, not verified here. */
  scopeNotInManifest: (member: string, scopes: readonly string[]) => `Specified permissions are not sufficient to call ${member}. Required permissions: ${scopeList(scopes)}`,
  /**
   * requireScopes / requireAllScopes with a scope missing: Google ends the execution and shows a
   * consent prompt; what a caller without a prompt (google.script.run) receives is not documented.
   * This is Google's message for an execution that lacks authorization (googleworkspace/apps-script-oauth2#107).
   */
  authorizationRequired: 'Authorization is required to perform that action.',
  notImplemented: (member: string) => `not implemented in the local runtime: ${member}`,
  /**
   * Daily quotas: "properties", "email", "urlfetch". The urlfetch text is the one seen in the wild
   * (reference §1.3, §6.4 🟡); for "properties" and "email" the same shape is assumed: unverified.
   */
  dailyQuota: (feature: string) => `Service invoked too many times for one day: ${feature}.`,
  /** The daily trigger runtime used up (reference §1.3). */
  computerTime: 'Service using too much computer time for one day.',
  /** More than 30 executions of one user at once (reference §1.3). */
  tooManySimultaneous: 'There are too many scripts running simultaneously for this Google user account.',
  /** Properties value over 9 KB: unverified wording (Google's "Argument too large" shape). */
  argumentTooLarge: (argument: string) => `Argument too large: ${argument}`,
  /** The reference quotes this text (§7.1, "You have exceeded the property storage quota..."). */
  propertyStoreFull: 'You have exceeded the property storage quota. Please remove some properties and try again.',
  readOnlyUserProperties: 'You do not have permission to set user properties from a custom function.',
  invalidArgument: (argument: string) => `Invalid argument: ${argument}`,
  /** Cache limits (reference §1.4): the three wordings are unverified; the figures are Google's. */
  cacheKeyTooLong: (key: string) => `Argument too large: key (${key.length} characters, at most 250)`,
  cacheValueTooLarge: 'Argument too large: value (at most 100 KB)',
  cacheExpiration: (seconds: number) => `Invalid argument: expirationInSeconds (${seconds}; between 1 and 21600)`,
  lockTimeout: 'Lock timeout: another process was holding the lock for too long.',
  /** The add-on rule "one trigger of each type per user per document" (reference §3.8). */
  triggerPerDocument: 'This add-on has already created a time-based trigger for this document and this Google user account. Add-ons can only create one trigger of each type per Google user account and document.',
  triggerTooFrequent: 'Add-ons may not create time-driven triggers that run more often than once per hour.',
  /** 20 triggers per user per script (reference §1.2); the wording is unverified (not in the reference). */
  triggerLimit: 'This script has too many triggers. Triggers must be deleted from the script before more can be added.',
  triggerIncomplete: 'The trigger has no schedule: call everyHours, everyDays, after or at before create().',
  stateTokenExpired: 'This state token has expired. Start the authorization again.',
  stateTokenInvalid: 'Invalid state token: it was not created by this script.',
  stateTokenTimeout: (seconds: number) => `Invalid argument: timeout (${seconds}; at most 3600 seconds)`,
  noSuchFunction: (name: string) => `Script function not found: ${name}`,
  /** Unverified wording (the shape of reference §1.3; widely reported for MailApp). */
  mailQuota: 'Service invoked too many times for one day: email.',
  /**
   * MailApp's per-message limits (quotas page, "Current limitations"). The three texts below are the
   * ones scripts' logs quote (e.g. "Limit Exceeded: Email Body Size. (line 99, file "Code")") and that
   * the public ErrorHandler library for Apps Script lists among Google's messages: seen in the wild,
   * not on a Google page, so unverified.
   */
  mailBodySize: 'Limit Exceeded: Email Body Size.',
  mailAttachmentsSize: 'Limit Exceeded: Email Total Attachments Size.',
  mailRecipientsPerMessage: 'Limit Exceeded: Email Recipients Per Message.',
  /**
   * Google's quotas page gives this one as its example ("Limit exceeded: Email Attachments Per
   * Message."); the capital E follows the three messages above, as logs show them: unverified.
   */
  mailAttachmentsPerMessage: 'Limit Exceeded: Email Attachments Per Message.',
  /** Charts: a standalone chart built with no data table. Unverified wording (Google documents no message). */
  chartNoData: 'The chart has no data: call setDataTable() before build().',
  /**
   * Charts: a data table value that does not fit its column, or a row of the wrong length. Unverified
   * wording, in Google's "Invalid argument: ..." shape; the parenthesis is ours.
   */
  chartValue: (detail: string) => `Invalid argument: values (${detail})`,
  /** Charts: DataTableBuilder.build() with no column (the docs: it throws "if the data table is empty"). Unverified wording. */
  dataTableEmpty: 'Invalid argument: the data table has no columns.',
  /** Charts: a table of one column. Google Charts' own message (Gviz); that Apps Script relays it is unverified. */
  chartTooFewColumns: 'Not enough columns given to draw the requested chart.',
  /**
   * Charts: a line or column chart whose data columns after the first are not NUMBER. Google Charts
   * says "Data column(s) for axis #0 cannot be of type string" (Gviz, as commonly reported): unverified here.
   */
  chartSeriesType: (type: string) => `Data column(s) for axis #0 cannot be of type ${type.toLowerCase()}`,
};

/**
 * Which auth modes may call a service (reference §3.2, §2.2). A "Service.method" entry overrides the
 * service's. Anything not listed is FULL only.
 */
const ALL_MODES: readonly AuthModeName[] = ['NONE', 'LIMITED', 'CUSTOM_FUNCTION', 'FULL'];
const NO_USER_DATA: readonly AuthModeName[] = ['LIMITED', 'CUSTOM_FUNCTION', 'FULL'];
const CHARTS_MODES: readonly AuthModeName[] = ['LIMITED', 'FULL'];
export const SERVICE_AUTH_MODES: Record<string, readonly AuthModeName[]> = {
  Logger: ALL_MODES,
  console: ALL_MODES,
  Utilities: ALL_MODES,
  Session: ALL_MODES,
  PropertiesService: NO_USER_DATA,
  Properties: NO_USER_DATA,
  CacheService: NO_USER_DATA,
  Cache: NO_USER_DATA,
  LockService: NO_USER_DATA,
  Lock: NO_USER_DATA,
  HtmlService: NO_USER_DATA,
  HtmlOutput: NO_USER_DATA,
  HtmlTemplate: NO_USER_DATA,
  'ScriptApp.getScriptId': NO_USER_DATA,
  'ScriptApp.getAuthorizationInfo': ALL_MODES,
  Blob: ALL_MODES,
  MailApp: ['FULL'],
  // Charts: reading an enum is no call (free everywhere). Building and rendering touch no user data,
  // so LIMITED may (reference §3.2, "services without user data"); NONE allows only Logger and
  // Utilities; custom functions only the services their guide lists, and Charts is not among them
  // (reference §2.2: "Anything else throws").
  Charts: CHARTS_MODES,
  DataTableBuilder: CHARTS_MODES,
  DataTable: CHARTS_MODES,
  LineChartBuilder: CHARTS_MODES,
  ColumnChartBuilder: CHARTS_MODES,
  Chart: CHARTS_MODES,
};

export function allowedModes(service: string, method: string): readonly AuthModeName[] {
  return SERVICE_AUTH_MODES[`${service}.${method}`] ?? SERVICE_AUTH_MODES[service] ?? ['FULL'];
}

/** platform.enter plus the auth-mode check: what every service in this folder calls first. */
export function enterService(platform: Platform, service: string, method: string, detail?: CallDetail): Execution {
  const execution = platform.enter(service, method, detail);
  if (!allowedModes(service, method).includes(execution.authMode)) {
    throw new Error(GOOGLE_ERRORS.permission(`${service}.${method}`));
  }
  return execution;
}

/** The execution in progress. Services consult it on every call. */
export interface Execution {
  readonly user: LocalUser;
  /** Owner of the document: custom functions read the owner's user properties. */
  readonly owner: LocalUser;
  readonly authMode: AuthModeName;
  readonly kind: ExecutionKind;
  readonly startedAt: number;
  /** 6 minutes for scripts, 30 seconds for custom functions and simple triggers. */
  readonly limitMs: number;
  /** Set once the time limit passed; every later service call throws again (Google kills the run). */
  dead: boolean;
  /** False for runs with no document open in a browser (time-driven triggers, /usercallback). */
  readonly hasUi?: boolean;
  /** The document the execution runs in, when it is not the runtime's first one. */
  readonly documentId?: string;
  /** Runs of a trigger (time-driven or simple): their time counts toward the daily trigger runtime. */
  readonly trigger?: boolean;
  /** The message when limitMs runs out (default: Google's time-limit message). */
  limitError?: string;
}

export interface Platform {
  readonly clock: VirtualClock;
  readonly counters: CallCounter;
  /** The execution in progress; throws when no execution runs. */
  current(): Execution;
  /**
   * Called at the start of every service call: counts it, charges its cost to the virtual clock (the
   * runtime's cost model; `detail` says what the call touches) and enforces the execution's time
   * limit on the virtual clock with Google's message.
   */
  enter(service: string, method: string, detail?: CallDetail): Execution;
  /** Charges more units of a call already entered (fetchAll's requests), where costs are modelled. */
  chargeUnits?(service: string, method: string, units: number): void;
}

/** Wraps a service object so that any member we did not implement throws instead of passing silently. */
export function guarded<T extends object>(name: string, target: T): T {
  return new Proxy(target, {
    get(obj, prop, receiver) {
      if (typeof prop === 'symbol' || prop in obj) return Reflect.get(obj, prop, receiver);
      if (prop === 'then' || prop === 'toJSON' || prop === 'constructor' || prop === 'asymmetricMatch' || prop === 'nodeType') return undefined;
      throw new Error(GOOGLE_ERRORS.notImplemented(`${name}.${String(prop)}`));
    },
  });
}

/** Per-user daily counters (reference §1.1) live in quotas.ts. */
export { DailyQuota } from './quotas';
