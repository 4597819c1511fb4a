// OAuth scopes granted per user. With granular consent (the Apps Script IDE from January 2025,
// editor add-ons from August 2025) a person may untick some of the manifest's scopes on the consent
// screen; ScriptApp.getAuthorizationInfo / requireScopes read what they granted, and the scope gate
// below makes any call to a service whose scope they did not grant throw Google's message, in FULL
// mode, the one mode that runs with the user's authorization (AuthorizationStatus: an add-on's
// trigger "throws an exception if the script attempts to call the unauthorized service").
import { GOOGLE_ERRORS, type Platform } from '../../platform';

/**
 * The scope each gated service global needs for every method; an array lists alternatives (any one
 * is enough). Services not listed are not gated (SpreadsheetApp, ScriptApp: their scopes vary by method).
 * For an advanced service (BigQuery) the message naming "BigQuery.Jobs.query" is assumed: Google might
 * instead send the call and relay the API's "Request had insufficient authentication scopes."
 */
export const SERVICE_SCOPES: Record<string, string | readonly string[]> = {
  BigQuery: 'https://www.googleapis.com/auth/bigquery',
  UrlFetchApp: 'https://www.googleapis.com/auth/script.external_request',
  MailApp: 'https://www.googleapis.com/auth/script.send_mail',
};

/**
 * Where getAuthorizationUrl points: the person who opens it grants the missing scopes, which the
 * runtime models as rt.grantScopes. Stable per script; the path is a stand-in, not Google's.
 */
export function authorizationUrlOf(scriptId: string): string {
  return `https://script.google.com/macros/d/${encodeURIComponent(scriptId)}/authorize`;
}

/** What each user granted of the manifest's oauthScopes, keyed by LocalUser.id. */
export class ScopeGrants {
  /** The manifest's oauthScopes; undefined when it sets none (Apps Script then asks for what the code uses). */
  readonly declared: readonly string[] | undefined;
  private readonly withheld = new Map<string, Set<string>>();

  constructor(declared?: readonly string[]) {
    this.declared = declared ? [...declared] : undefined;
  }

  /** Whether the consent screen can offer the scope at all. */
  isDeclared(scope: string): boolean {
    return this.declared === undefined || this.declared.includes(scope);
  }

  has(userId: string, scope: string): boolean {
    return this.isDeclared(scope) && !this.withheld.get(userId)?.has(scope);
  }

  /** The manifest's scopes this user granted (none listed when the manifest sets no oauthScopes). */
  granted(userId: string): string[] {
    return (this.declared ?? []).filter((s) => this.has(userId, s));
  }

  /** Of `scopes`, the ones this user has not granted. */
  missing(userId: string, scopes: readonly string[]): string[] {
    return scopes.filter((s) => !this.has(userId, s));
  }

  /** Unticked on the consent screen (or revoked later). */
  withhold(userId: string, scopes: readonly string[]): void {
    const set = this.withheld.get(userId) ?? new Set<string>();
    for (const scope of this.known(scopes)) set.add(scope);
    this.withheld.set(userId, set);
  }

  /** Ticked on the consent screen; without `scopes`, every scope the user had left out. */
  grant(userId: string, scopes?: readonly string[]): void {
    if (scopes === undefined) this.withheld.delete(userId);
    else for (const scope of this.known(scopes)) this.withheld.get(userId)?.delete(scope);
  }

  /** A scope the manifest does not request cannot be granted or withheld: a typo in a test. */
  private known(scopes: readonly string[]): readonly string[] {
    for (const scope of scopes) {
      if (!this.isDeclared(scope)) throw new Error(`${scope} is not among the manifest's oauthScopes`);
    }
    return scopes;
  }
}

/**
 * Wraps a service object so that calling any of its methods, at any depth (BigQuery.Jobs.query), first
 * checks the running user's grants. A walk-free Proxy: namespaces are wrapped as they are reached,
 * so a fake needs no change to be gated, and members it does not have still fail its own way.
 */
export function gateService<T extends object>(name: string, service: T, needs: string | readonly string[], platform: Platform, grants: ScopeGrants): T {
  const scopes = typeof needs === 'string' ? [needs] : [...needs];
  const proxies = new WeakMap<object, object>();
  const methods = new WeakMap<object, Map<PropertyKey, { fn: (...a: unknown[]) => unknown; gated: (...a: unknown[]) => unknown }>>();

  const check = (member: string) => {
    let execution;
    try {
      execution = platform.current();
    } catch {
      return; // outside an execution the service itself says so
    }
    if (execution.authMode !== 'FULL') return;
    if (scopes.some((s) => grants.has(execution.user.id, s))) return;
    const declared = scopes.some((s) => grants.isDeclared(s));
    throw new Error(declared ? GOOGLE_ERRORS.scopeNotGranted(member, scopes) : GOOGLE_ERRORS.scopeNotInManifest(member, scopes));
  };

  const method = (owner: object, prop: PropertyKey, fn: (...a: unknown[]) => unknown, member: string) => {
    const known = methods.get(owner) ?? new Map();
    methods.set(owner, known);
    const cached = known.get(prop);
    if (cached?.fn === fn) return cached.gated;
    const gated = function (this: unknown, ...args: unknown[]) {
      check(member);
      const self = this === proxies.get(owner) || this === undefined ? owner : this;
      const result = fn.apply(self, args);
      // Builders return themselves: keep the chain gated.
      return result === owner ? proxies.get(owner) : result;
    };
    known.set(prop, { fn, gated });
    return gated;
  };

  const wrap = (target: object, path: string): object => {
    const existing = proxies.get(target);
    if (existing) return existing;
    // An empty stand-in as the Proxy's target: frozen enums and guarded() fakes then raise no invariant errors.
    const proxy = new Proxy(
      {},
      {
        get(_shadow, prop) {
          const value: unknown = Reflect.get(target, prop);
          if (typeof prop === 'symbol') return value;
          if (typeof value === 'function') return method(target, prop, value as (...a: unknown[]) => unknown, `${path}.${prop}`);
          if (value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date)) return wrap(value, `${path}.${prop}`);
          return value;
        },
        set: (_shadow, prop, value) => Reflect.set(target, prop, value),
        has: (_shadow, prop) => prop in target,
        ownKeys: () => Reflect.ownKeys(target),
        getOwnPropertyDescriptor(_shadow, prop) {
          const descriptor = Reflect.getOwnPropertyDescriptor(target, prop);
          return descriptor ? { ...descriptor, configurable: true } : undefined;
        },
        getPrototypeOf: () => Reflect.getPrototypeOf(target),
      },
    );
    proxies.set(target, proxy);
    return proxy;
  };

  return wrap(service, name) as T;
}

const gatedObjects = new WeakSet<object>();

/**
 * Gates, in place, every entry of `services` that SERVICE_SCOPES (or `table`) names. Safe to call
 * again after more services were registered: what is gated already stays as it is.
 */
export function gateServices(services: Record<string, unknown>, platform: Platform, grants: ScopeGrants, table: Record<string, string | readonly string[]> = SERVICE_SCOPES): void {
  for (const [name, needs] of Object.entries(table)) {
    const service = services[name];
    if (service === null || typeof service !== 'object' || gatedObjects.has(service)) continue;
    const gated = gateService(name, service, needs, platform, grants);
    gatedObjects.add(gated);
    services[name] = gated;
  }
}
