// The local Apps Script runtime: loads a bundle (dist/Code.js) with gas-local into one vm context,
// and runs its global functions as a given user in a given auth mode, the way Google would: with
// execution limits on a virtual clock, services shared across executions, time-driven triggers that
// fire as the clock advances, and /usercallback for state tokens. Service calls and start-ups cost
// virtual time (costs.ts), Google's daily quotas are counted per user (quotas.ts), the bundle's
// manifest is applied (urlFetchWhitelist, libraries), and more than one document can use the script.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import vm from 'node:vm';
import { CostModel, resolveCosts, type CostSettings } from './costs';
import { EXECUTION_LIMITS_MS, LocalPlatform, messageOf, runExecution, type ExecutionRecord, type LocalExecution } from './execution';
import { GOOGLE_ERRORS, VirtualClock, type AuthModeName, type ExecutionKind, type LocalUser } from './platform';
import { QuotaBook, type Account, type DailyQuotaName, type QuotaReset } from './quotas';
import { CacheState, createCacheService } from './services/cache';
import { createCharts } from './services/charts';
import { BigQueryState, bigQuerySymbol, createBigQueryService, type AdvancedServiceEntry, type BigQueryOptions } from './services/bigquery';
import { createHtmlService } from './services/html';
import { LockTable, createLockService } from './services/lock';
import { LogBook, createConsole, createLogger, type LogEntry } from './services/logger';
import { Outbox, createMailApp, type SentMail } from './services/mail';
import { createOAuth2Library } from './services/oauth2';
import { PropertyState, createPropertiesService } from './services/properties';
import { createScriptApp } from './services/script-app';
import { authorizationUrlOf, gateServices, ScopeGrants } from './services/script-app/scopes';
import { StateTokens } from './services/script-app/state-tokens';
import { TriggerStore, type TriggerRecord } from './services/script-app/triggers';
import { createSession } from './services/session';
import { Workbook, createSpreadsheetApp, type WorkbookOptions } from './services/spreadsheet';
import { createUrlFetchApp, type LocalNetwork } from './services/url-fetch';
import { UtilitiesState, createUtilities } from './services/utilities';
import { runConcurrently, type ConcurrentCall, type ConcurrentResult } from './workers/host';

export interface RuntimeOptions {
  /** Folder holding Code.js (and the .html pages). Default: dist. */
  bundleDir?: string;
  /** Epoch ms the virtual clock starts at. */
  start?: number;
  /** The manifest's time zone (Session.getScriptTimeZone, default for triggers). */
  timeZone?: string;
  locale?: string;
  /** The first user owns the document. withheldScopes: manifest scopes the user unticked on the consent screen. */
  users?: { email: string; withheldScopes?: string[] }[];
  network?: LocalNetwork;
  workbook?: Workbook;
  scriptId?: string;
  /** Editor add-on trigger rules (default true): one time-driven trigger per user per document, hourly at most. */
  addOn?: boolean;
  /** Seed for Utilities.getUuid. */
  seed?: string;
  /** Print Logger/console output to stderr as well as recording it. */
  printLogs?: boolean;
  /** Properties reads/writes per user per day (default: the account's figure, consumer 50,000). */
  propertiesDailyQuota?: number;
  /** Whose quotas apply (reference §1.1): 'consumer' (default, gmail.com) or 'workspace'. */
  account?: Account;
  /** When daily quotas start again: 24 hours after the first use (default, reference §1.1) or at Pacific midnight. */
  quotaReset?: QuotaReset;
  /** Replace quota figures (tests that want to reach one quickly). */
  quotas?: { daily?: Partial<Record<DailyQuotaName, number>>; simultaneousExecutions?: number };
  /**
   * What service calls and start-ups cost in virtual time (costs.ts): true (default) for the
   * measured figures, false for 0 ms (the runtime before the cost model), or figures to change.
   */
  costs?: CostSettings;
  /**
   * The local BigQuery (services/bigquery): projects to seed ({ projectId, billing, apiEnabled, users }),
   * figures to change. The global exists only when the manifest enables the advanced service.
   */
  bigquery?: BigQueryOptions;
}

/** The parts of appsscript.json the runtime applies. */
interface Manifest {
  oauthScopes?: string[];
  urlFetchWhitelist?: string[];
  dependencies?: { libraries?: unknown[]; enabledAdvancedServices?: AdvancedServiceEntry[] };
}

function readManifest(bundleDir: string): Manifest | undefined {
  const path = join(bundleDir, 'appsscript.json');
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Manifest) : undefined;
}

export interface CallOptions {
  /** Email of the user running it; default the document owner. */
  user?: string;
  /** Default FULL (menus, google.script.run, onInstall). */
  authMode?: AuthModeName;
  /** Default: simple-trigger for onOpen/onEdit/onInstall, script otherwise. */
  kind?: ExecutionKind;
  /** Id of the document it runs in (rt.addDocument); default the runtime's first document. */
  document?: string;
}

/** What Google passes to a time-driven trigger's function. */
export interface TimeDrivenEvent {
  authMode: 'FULL';
  triggerUid: string;
  year: number;
  month: number;
  'day-of-month': number;
  'day-of-week': number;
  'week-of-year': number;
  hour: number;
  minute: number;
  second: number;
  timezone: string;
}

const SIMPLE_TRIGGERS = new Set(['onOpen', 'onEdit', 'onInstall', 'onSelectionChange']);
const DEFAULT_START = Date.parse('2026-01-05T09:00:00Z');

/** `Date` for code in the vm: `new Date()` and `Date.now()` read the virtual clock. */
function virtualDate(now: () => number): DateConstructor {
  return new Proxy(Date, {
    construct: (target, args) => (args.length === 0 ? new target(now()) : new (target as any)(...args)),
    apply: (target) => new target(now()).toString(),
    get: (target, prop, receiver) => (prop === 'now' ? now : Reflect.get(target, prop, receiver)),
  });
}

export function createRuntime(options: RuntimeOptions = {}) {
  const bundleDir = resolve(options.bundleDir ?? 'dist');
  const timeZone = options.timeZone ?? 'Etc/UTC';
  const users: LocalUser[] = (options.users ?? [{ email: 'owner@example.com' }]).map((u) => ({ email: u.email, id: u.email }));
  const owner = users[0];
  const clock = new VirtualClock(options.start ?? DEFAULT_START);
  const manifest = readManifest(bundleDir);
  // Granular consent: everyone granted the manifest's scopes but what they unticked.
  const grants = new ScopeGrants(manifest?.oauthScopes);
  (options.users ?? []).forEach((u, i) => grants.withhold(users[i].id, u.withheldScopes ?? []));
  const quotas = new QuotaBook(
    clock,
    {
      account: options.account,
      reset: options.quotaReset,
      daily: { properties: options.propertiesDailyQuota, urlfetch: options.network?.givenDailyQuota, ...options.quotas?.daily },
      simultaneousExecutions: options.quotas?.simultaneousExecutions,
    },
    owner.id,
  );
  const costTable = resolveCosts(options.costs);
  const costs = costTable ? new CostModel(costTable, manifest?.dependencies?.libraries?.length ?? 0) : null;
  const platform = new LocalPlatform(clock, { costs, quotas });
  const workbook = options.workbook ?? new Workbook({ timeZone, locale: options.locale });
  const properties = new PropertyState(quotas.counter('properties'));
  const cache = new CacheState();
  const locks = new LockTable();
  const triggers = new TriggerStore({ addOn: options.addOn ?? true });
  const tokens = new StateTokens();
  const outbox = new Outbox(quotas.counter('email'), quotas.account);
  if (options.network) {
    options.network.useQuota(quotas.counter('urlfetch'));
    // Apps Script enforces the project's manifest: without urlFetchWhitelist every URL is allowed.
    if (manifest) options.network.setAllowlist(manifest.urlFetchWhitelist);
  }
  /** The runtime's documents: the first is `workbook`, the others come from addDocument. */
  const documents = new Map<string, { workbook: Workbook; app: GoogleAppsScript.Spreadsheet.SpreadsheetApp }>();
  const logs = new LogBook(options.printLogs);
  const executions: ExecutionRecord[] = [];
  const scriptId = options.scriptId ?? '1SheetgramLocalRuntimeScriptId000000000000000000000000';
  platform.onExecutionEnd((execution) => locks.releaseAll(execution, clock.now()));

  let context: vm.Context | undefined;
  // Formulas' TODAY() and NOW() read the virtual clock, like everything else here.
  workbook.setClock(clock);
  documents.set(workbook.id, { workbook, app: createSpreadsheetApp(platform, workbook) });
  /** Which document an execution runs in (outside any execution: the first). */
  const documentOfExecution = () => {
    let id: string | undefined;
    try {
      id = platform.current().documentId;
    } catch {
      id = undefined;
    }
    return (id === undefined ? undefined : documents.get(id)) ?? documents.get(workbook.id)!;
  };
  // One SpreadsheetApp global for the bundle; each call goes to the app of the execution's document.
  const spreadsheetApp = new Proxy({} as GoogleAppsScript.Spreadsheet.SpreadsheetApp, {
    get: (_target, prop) => Reflect.get(documentOfExecution().app, prop),
    has: (_target, prop) => prop in documentOfExecution().app,
    ownKeys: () => Reflect.ownKeys(documentOfExecution().app),
    getOwnPropertyDescriptor: (_target, prop) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(documentOfExecution().app, prop);
      return descriptor ? { ...descriptor, configurable: true } : undefined;
    },
  });
  const services: Record<string, unknown> = {
    PropertiesService: createPropertiesService(platform, properties),
    CacheService: createCacheService(platform, cache),
    LockService: createLockService(platform, locks),
    ScriptApp: createScriptApp(platform, triggers, tokens, { scriptId, timeZone, documentId: workbook.id, grants }),
    Session: createSession(platform, { timeZone, locale: options.locale ?? 'en' }),
    Utilities: createUtilities(platform, new UtilitiesState(options.seed ?? 'sheetgram')),
    HtmlService: createHtmlService(platform, {
      bundleDir,
      // Scriptlets run in the script's global scope, so they can call its functions (include()).
      evaluate: (code, scope) => {
        if (!context) throw new Error('The bundle is not loaded');
        const run = vm.runInContext(`(function (__scope) { with (__scope) { ${code} } return __scope.__out.join(''); })`, context) as (s: object) => string;
        return run(scope);
      },
    }),
    MailApp: createMailApp(platform, outbox),
    Logger: createLogger(platform, logs),
    console: createConsole(platform, logs),
    SpreadsheetApp: spreadsheetApp,
    Charts: createCharts(platform),
  };
  if (options.network) services.UrlFetchApp = createUrlFetchApp(platform, options.network);
  // Calls to a service need its scope granted (scopes.ts); gated before the library copies UrlFetchApp.
  gateServices(services, platform, grants);
  services.OAuth2 = createOAuth2Library({ ...(services as any), clock });

  const userByEmail = (email: string | undefined): LocalUser => {
    if (email === undefined) return owner;
    const user = users.find((u) => u.email === email);
    if (!user) throw new Error(`Unknown user ${email}: list it in createRuntime({ users })`);
    return user;
  };

  // The BigQuery advanced service, under the manifest's userSymbol; its data is shared by every execution and document.
  const bigquery = new BigQueryState(clock, { seed: options.seed, ...options.bigquery });
  const bigQueryGlobal = bigQuerySymbol(manifest?.dependencies?.enabledAdvancedServices);
  if (bigQueryGlobal) services[bigQueryGlobal] = createBigQueryService(platform, bigquery, { costs });

  // Again for services registered after the library (BigQuery); what is gated stays as it is.
  gateServices(services, platform, grants);

  // Load once, as Google runs the top level in every mode: in NONE, so a top-level service call fails.
  const loading = platform.createExecution({ functionName: '(top level)', user: owner, owner, authMode: 'NONE', kind: 'simple-trigger' });
  const before = platform.counters.snapshot();
  const gas = createRequire(import.meta.url)('gas-local') as { require(dir: string, globals: object, options: object): vm.Context };
  // Loading once is this runtime's shortcut: each execution pays the start-up instead (costs.ts).
  const { record: loadRecord } = runExecution(
    platform,
    loading,
    () => {
      context = gas.require(bundleDir, { ...services, Date: virtualDate(() => clock.now()) }, { filter: (path: string) => path.endsWith('.js') });
    },
    { chargeStartup: false },
  );
  const after = platform.counters.snapshot();
  const topLevelCalls = Object.fromEntries(Object.entries(after).filter(([k, v]) => v !== (before[k] ?? 0)).map(([k, v]) => [k, v - (before[k] ?? 0)]));
  const loadError = loadRecord.error;

  /** The documentId an execution carries: undefined for the first document. */
  const documentIdOf = (document: string | undefined): string | undefined => {
    if (document === undefined || document === workbook.id) return undefined;
    if (!documents.has(document)) throw new Error(`Unknown document ${document}: add it with rt.addDocument()`);
    return document;
  };

  interface RunSpec {
    user: LocalUser;
    authMode: AuthModeName;
    kind: ExecutionKind;
    hasUi?: boolean;
    documentId?: string;
    trigger?: boolean;
    /** Turns the function's value into what the caller gets, inside the execution. */
    present?: (value: any) => unknown;
  }

  function execute(functionName: string, args: unknown[], { present, ...spec }: RunSpec): { record: ExecutionRecord; value: unknown } {
    const execution: LocalExecution = platform.createExecution({ functionName, owner, ...spec });
    const result = runExecution(platform, execution, () => {
      if (loadError) throw new Error(loadError);
      const fn = context?.[functionName];
      if (typeof fn !== 'function') throw new Error(GOOGLE_ERRORS.noSuchFunction(functionName));
      const value = fn(...args);
      return present ? present(value) : value;
    });
    executions.push(result.record);
    return result;
  }

  function call(functionName: string, args: unknown[] = [], callOptions: CallOptions & Pick<RunSpec, 'hasUi' | 'present'> = {}): any {
    const kind = callOptions.kind ?? (SIMPLE_TRIGGERS.has(functionName) ? 'simple-trigger' : 'script');
    const { record, value } = execute(functionName, args, {
      user: userByEmail(callOptions.user),
      authMode: callOptions.authMode ?? 'FULL',
      kind,
      hasUi: callOptions.hasUi,
      present: callOptions.present,
      documentId: documentIdOf(callOptions.document),
      // Simple triggers count toward the daily trigger runtime (reference §3.3).
      trigger: kind === 'simple-trigger' && SIMPLE_TRIGGERS.has(functionName),
    });
    if (record.outcome === 'failed') throw new Error(record.error);
    return value;
  }

  function fire(trigger: TriggerRecord): void {
    const at = clock.now();
    const utc = new Date(at);
    const yearStart = Date.UTC(utc.getUTCFullYear(), 0, 1);
    const event: TimeDrivenEvent = {
      authMode: 'FULL',
      triggerUid: trigger.id,
      year: utc.getUTCFullYear(),
      month: utc.getUTCMonth() + 1,
      'day-of-month': utc.getUTCDate(),
      'day-of-week': utc.getUTCDay() === 0 ? 7 : utc.getUTCDay(),
      'week-of-year': Math.ceil(((at - yearStart) / 86_400_000 + new Date(yearStart).getUTCDay() + 1) / 7),
      hour: utc.getUTCHours(),
      minute: utc.getUTCMinutes(),
      second: utc.getUTCSeconds(),
      timezone: 'UTC',
    };
    triggers.fired(trigger);
    // Failures are recorded in rt.executions; Google sends add-on trigger owners no failure email.
    execute(trigger.handler, [event], { user: trigger.owner, authMode: 'FULL', kind: 'script', hasUi: false, documentId: documentIdOf(trigger.documentId), trigger: true });
  }

  function advanceTo(target: number): void {
    for (;;) {
      const due = triggers.nextDue(target);
      if (!due) break;
      if (due.nextRun > clock.now()) clock.set(due.nextRun);
      fire(due);
    }
    if (target > clock.now()) clock.set(target);
  }

  let documentNumber = 1;
  /**
   * Another spreadsheet in which the same add-on (script project) is used, by the same users: its
   * own tabs, document properties, document cache and document lock; triggers created while
   * running in it belong to it. Run in it with { document: workbook.id }.
   */
  function addDocument(workbookOptions: WorkbookOptions = {}): Workbook {
    documentNumber += 1;
    const id = workbookOptions.id ?? `${workbook.id.slice(0, -String(documentNumber).length)}${documentNumber}`;
    if (documents.has(id)) throw new Error(`A document with id ${id} is already in this runtime`);
    const added = new Workbook({ timeZone: workbook.timeZone, locale: workbook.locale, name: `Spreadsheet ${documentNumber}`, ...workbookOptions, id, clock });
    documents.set(id, { workbook: added, app: createSpreadsheetApp(platform, added) });
    return added;
  }

  return {
    clock,
    counters: platform.counters,
    platform,
    workbook,
    /** Every document of the runtime, the first one first. */
    get documents(): readonly Workbook[] {
      return [...documents.values()].map((d) => d.workbook);
    },
    addDocument,
    /** Daily quotas (used, remaining, limit, resetsAt per user) and the account they belong to. */
    quotas,
    /** The cost model (null when turned off): its table and the virtual ms spent per Service.method. */
    costs,
    properties,
    cache,
    locks,
    triggers,
    mail: outbox.messages as readonly SentMail[],
    logs: logs.entries as readonly LogEntry[],
    executions: executions as readonly ExecutionRecord[],
    network: options.network,
    users: users as readonly LocalUser[],
    owner,
    /** What each user granted of the manifest's oauthScopes (granular consent). */
    scopes: grants,
    /** Where ScriptApp's getAuthorizationUrl points when a scope is missing: stable for the script. */
    authorizationUrl: authorizationUrlOf(scriptId),
    /** The person at the authorization URL ticks these scopes (default: every one they had left out). */
    grantScopes: (email: string, scopes?: string[]) => grants.grant(userByEmail(email).id, scopes),
    /** The person unticks (or later revokes) these scopes. */
    withholdScopes: (email: string, scopes: string[]) => grants.withhold(userByEmail(email).id, scopes),
    grantedScopes: (email: string) => grants.granted(userByEmail(email).id),
    /** The local BigQuery: addProject, query(sql) to read tables back, tables(), jobs, quotas. */
    bigquery,
    /** Service calls the bundle's top level made while loading (it should make none). */
    topLevelCalls,
    /** Why loading failed (then every call fails with it), if it did. */
    loadError,
    limits: EXECUTION_LIMITS_MS,
    call,
    /** A cell's formula calling a custom function: CUSTOM_FUNCTION mode, 30 s limit. */
    callCustomFunction(functionName: string, args: unknown[] = [], callOptions: Pick<CallOptions, 'user'> = {}): any {
      return call(functionName, args, { user: callOptions.user, authMode: 'CUSTOM_FUNCTION', kind: 'custom-function' });
    },
    advance: (ms: number) => advanceTo(clock.now() + ms),
    advanceTo,
    /**
     * What Google does at /usercallback: opens the state token and calls its function with the
     * request. Returns the page the browser shows (an HtmlOutput's content) or the plain value.
     */
    userCallback(query: Record<string, string>): any {
      const payload = tokens.open(query.state, clock.now());
      const user = users.find((u) => u.id === payload.userId) ?? owner;
      const parameter = { ...query, ...payload.arguments };
      const request = {
        parameter,
        parameters: Object.fromEntries(Object.entries(parameter).map(([k, v]) => [k, [v]])),
        queryString: new URLSearchParams(query).toString(),
        contextPath: '',
        contentLength: -1,
      };
      const page = (value: any) => (value && typeof value.getContent === 'function' ? value.getContent() : value);
      return call(payload.method, [request], { user: user.email, authMode: 'FULL', kind: 'script', hasUi: false, present: page });
    },
    /**
     * Runs several executions at the same time, each in its own worker thread with its own copy of
     * the bundle; services and their state stay here and are reached synchronously.
     */
    callConcurrently(calls: ConcurrentCall[]): Promise<ConcurrentResult[]> {
      return runConcurrently(
        { platform, locks, bundleDir, services, owner, userByEmail, documentIdOf, record: (r: ExecutionRecord) => executions.push(r) },
        calls,
      );
    },
    messageOf,
  };
}

export type Runtime = ReturnType<typeof createRuntime>;
