// The ports of one execution, built on first use from Apps Script's services: stores, locks, clock,
// hosts and settings from Script Properties, the accounts of the user running it, the document's
// configurations. Nothing here runs at load time (the bundle's top level runs in every auth mode).
import { AccountStore } from '../core/accounts/account-store';
import { readAppSettings, readCredentials, type AppCredentials } from '../core/config/app-settings';
import { resolveHosts } from '../core/config/platform';
import type { LoginFlow } from '../core/accounts/types';
import { RunLeases } from '../core/configurations/leases';
import { ConfigurationStore } from '../core/configurations/store';
import type { ConnectedAccount } from '../core/accounts/types';
import { createGraphClient } from '../core/graph/client';
import { countingTransport } from '../core/quota/outside-calls';
import { readQuotaSettings, type ThrottleSettings } from '../core/quota/settings';
import { createThrottle, type Throttle } from '../core/quota/throttle';
import type { KeyValueStore, Lock, Log } from '../core/ports';
import { redact } from '../core/graph/redact';
import { TriggerTimeLedger } from '../core/schedule/trigger-time';
import type { RunEnvironment } from '../core/run/execute';
import { appsScriptClock } from './adapters/clock';
import { bigQueryPort } from './adapters/bigquery';
import { CountedTableChanges } from '../core/bigquery/table-changes';
import { serviceLock } from './adapters/lock';
import { propertiesStore } from './adapters/properties';
import { sheetTabs } from './adapters/sheet-tabs';
import { gridBook } from './adapters/tab-grids';
import { urlFetchTransport } from './adapters/transport';

const USER_KEY = 'sheetgram.user';

/** Apps Script's own limit is 6 minutes; stop well before it so the checkpoint and the log get written. */
export const EXECUTION_BUDGET_MS = 5 * 60_000 + 30_000;

function lazy<T>(make: () => T): () => T {
  let value: T | undefined;
  let made = false;
  return () => {
    if (!made) {
      value = make();
      made = true;
    }
    return value as T;
  };
}

/** A custom function has 30 seconds: its one Graph call must be done (or given up) well before. */
export const CUSTOM_FUNCTION_BUDGET_MS = 20_000;
const SIX_HOURS_S = 21_600;

export interface ContextOptions {
  /**
   * A custom function (AuthMode.CUSTOM_FUNCTION): user properties are read-only there, so the quota
   * counters are read from them and written to the document cache instead (quotaOverlay); the lock that
   * guards that overlay is the document's, tried once for 2 s at most (a cell must not wait); a call is
   * tried twice at most and the deadline is CUSTOM_FUNCTION_BUDGET_MS.
   */
  customFunction?: boolean;
}

/**
 * Reads the owner's stores; writes (the throttle's counters) go to the document cache instead. A custom
 * function cannot write user properties, so the counters it adds stay visible to the other cells (and
 * runs within six hours do not see them: at most one profile call per account per hour, a small error).
 */
export function quotaOverlay(base: KeyValueStore, cache: GoogleAppsScript.Cache.Cache): KeyValueStore {
  return {
    get: (key) => cache.get(key) ?? base.get(key),
    getAll: () => base.getAll(),
    set: (key, value) => cache.put(key, value, SIX_HOURS_S),
    setAll: (values) => cache.putAll(values, SIX_HOURS_S),
    delete: (key) => cache.remove(key),
  };
}

/** startedAt: Date.now() read first thing in the entry point (the execution's start), not when the context is built. */
export function createContext(startedAt: number, options: ContextOptions = {}) {
  const customFunction = options.customFunction === true;
  const scriptProperties = lazy(() => propertiesStore(PropertiesService.getScriptProperties()));
  const scriptProps = lazy(() => scriptProperties().getAll());
  const readScript = (key: string) => scriptProps()[key] ?? null;
  const userProps = lazy(() => propertiesStore(PropertiesService.getUserProperties()));
  const documentProps = lazy(() => propertiesStore(PropertiesService.getDocumentProperties()));
  const spreadsheet = lazy(() => SpreadsheetApp.getActiveSpreadsheet());
  // The execution's one measure of the spreadsheet's cells, shared by every run and the size warnings.
  const grids = lazy(() => gridBook(spreadsheet()));
  const settings = lazy(() => readAppSettings(readScript));
  const hosts = lazy(() => resolveHosts(readScript));
  // Leases live with the document; its lock guards them (a script-wide lock if there is no document).
  const documentLock = lazy(() => serviceLock(LockService.getDocumentLock() ?? LockService.getScriptLock()));
  const userLock = lazy(() => serviceLock(LockService.getUserLock()));
  const accounts = lazy(() => new AccountStore(userProps()));
  const configs = lazy(() => new ConfigurationStore(documentProps()));
  const timeZone = lazy(() => spreadsheet().getSpreadsheetTimeZone());
  // Where the quota counters live and what guards them: the user's (runs), or the overlay (custom functions).
  const quotaStore = lazy((): KeyValueStore => {
    if (!customFunction) return userProps();
    const cache = CacheService.getDocumentCache();
    if (!cache) throw new Error('Sheetgram: no document cache for a custom function');
    return quotaOverlay(userProps(), cache);
  });
  const quotaLock = lazy((): Lock => (customFunction ? documentLock() : userLock()));

  const log: Log = {
    info: (message) => console.log(redact(message)),
    warn: (message) => console.warn(redact(message)),
  };

  /** This person's Sheetgram key: stable, private, and not their e-mail address. */
  const userKey = lazy(() => {
    const store = userProps();
    const existing = store.get(USER_KEY);
    if (existing) return existing;
    const key = Utilities.getUuid();
    store.set(USER_KEY, key);
    return key;
  });

  function credentials(flow: LoginFlow): AppCredentials | { missing: string[] } {
    return readCredentials(flow, readScript);
  }

  /** The Meta app id a flow's calls are counted against (the flow's name when setup is missing). */
  function appIdOf(flow: LoginFlow): string {
    const creds = credentials(flow);
    return 'clientId' in creds ? creds.clientId : flow;
  }

  /** The throttle's settings from Script Properties: hourly ceiling, day floor and spread, Platform and UrlFetch limits. */
  const quotaSettings = lazy((): Partial<ThrottleSettings> => {
    const s = settings();
    const read = { callsPerHour: s.callsPerHour, appCallsPerHour: s.appCallsPerHour, urlFetchPerDay: s.urlFetchPerDay, ...readQuotaSettings(readScript) };
    // A cell never waits on a lock longer than 2 s (the throttle gives up and the cell answers without the call),
    // nor for permits other executions hold.
    return customFunction ? { ...read, lockTimeoutMs: 2_000, lockAttempts: 1, heldWaitMs: 0 } : read;
  });

  /** One throttle per account for the whole execution, so runs share their reserved permits. */
  const throttles = new Map<string, Throttle>();
  function throttleOf(account: ConnectedAccount): Throttle {
    let throttle = throttles.get(account.id);
    if (!throttle) {
      throttle = createThrottle({
        store: quotaStore(), lock: quotaLock(), clock: appsScriptClock, account: account.id, appId: appIdOf(account.flow),
        settings: quotaSettings(), holder: `${startedAt}:${Utilities.getUuid()}`,
      });
      throttles.set(account.id, throttle);
    }
    return throttle;
  }

  /**
   * The transport for calls made outside a Graph client (connecting an account, token upkeep): those that
   * read an account's node are added to its counters, as Meta counts them.
   */
  const outsideTransport = countingTransport(urlFetchTransport, ({ account, flow }) => {
    try {
      createThrottle({ store: quotaStore(), lock: quotaLock(), clock: appsScriptClock, account, appId: appIdOf(flow), settings: quotaSettings() }).count(1);
    } catch {
      // Counting is best effort here: the call was made, and connecting must not fail for it.
    }
  });

  /** Gives back what the execution's throttles reserved and did not use. Call once, at the end. */
  function releaseThrottles(): void {
    const held = [...throttles.values()];
    throttles.clear();
    let failure: unknown;
    // Each throttle gives back its hold (and its lock) even when another one's release fails.
    for (const throttle of held) {
      try {
        throttle.release();
      } catch (e) {
        failure ??= e;
      }
    }
    if (failure !== undefined) throw failure;
  }

  /**
   * The one Graph client factory, for runs and custom functions alike: the account's throttle (with the
   * quota settings from Script Properties: ceiling, day floor and spread, UrlFetch per user), the app
   * secret redacted along with the token, the execution's deadline.
   */
  function openGraph(account: ConnectedAccount, token: string, runDeadline = customFunction ? startedAt + CUSTOM_FUNCTION_BUDGET_MS : startedAt + EXECUTION_BUDGET_MS) {
    const creds = credentials(account.flow);
    const s = settings();
    return createGraphClient({
      transport: urlFetchTransport, clock: appsScriptClock, store: quotaStore(), lock: quotaLock(),
      host: account.flow, hosts: hosts(), token, account: account.id, appId: appIdOf(account.flow), throttle: throttleOf(account),
      settings: customFunction ? { batchOnInstagram: s.batchOnInstagram, maxAttempts: 2 } : { batchOnInstagram: s.batchOnInstagram },
      deadline: runDeadline,
      secrets: 'clientSecret' in creds ? [creds.clientSecret] : [],
      // Wait out a short rate limit inside the run; longer ones end the run and the schedule resumes. A cell never waits.
      onRateLimit: (_error, waitMs) => !customFunction && waitMs <= 60_000 && Date.now() + waitMs + 30_000 < runDeadline,
    });
  }

  /** The person's daily trigger runtime, as Sheetgram has counted it (user properties: shared by their spreadsheets). */
  const triggerTime = lazy(() => new TriggerTimeLedger(userProps(), appsScriptClock, { minutesPerDay: settings().triggerMinutesPerDay }));

  function runEnvironment(): RunEnvironment {
    const deadline = startedAt + EXECUTION_BUDGET_MS;
    return {
      configs: configs(),
      accounts: accounts(),
      leases: new RunLeases(documentProps(), documentLock(), appsScriptClock),
      tab: sheetTabs(spreadsheet(), grids()),
      clock: appsScriptClock,
      log,
      timeZone: timeZone(),
      textEscaping: settings().textEscaping,
      // Unique per execution: two executions may start in the same millisecond as the same person.
      holder: `${userKey()}:${startedAt}:${Utilities.getUuid()}`,
      openGraph: (account: ConnectedAccount, token: string, runDeadline = deadline) => openGraph(account, token, runDeadline),
      bigquery: () => bigQueryPort({ deadline: () => deadline, sleep: appsScriptClock.sleep, now: appsScriptClock.now }),
      spreadsheetId: () => spreadsheet().getId(),
      // In the document's properties: the spreadsheet's reports share its tables.
      bigqueryTableChanges: () => new CountedTableChanges(documentProps(), documentLock(), appsScriptClock),
    };
  }

  return {
    startedAt,
    deadline: startedAt + EXECUTION_BUDGET_MS,
    clock: appsScriptClock,
    log,
    scriptProps: scriptProperties,
    readScript,
    userProps,
    documentProps,
    documentLock,
    spreadsheet,
    grids,
    settings,
    hosts,
    accounts,
    configs,
    timeZone,
    userKey,
    credentials,
    appIdOf,
    quotaSettings,
    runEnvironment,
    triggerTime,
    userLock,
    openGraph,
    releaseThrottles,
    transport: outsideTransport,
  };
}

export type GasContext = ReturnType<typeof createContext>;
