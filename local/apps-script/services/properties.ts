// PropertiesService: script, per-user and document stores of strings, with Google's size limits,
// the daily read/write quota, and the custom-function rule (the owner's user store, read-only).
import { DailyQuota, enterService, GOOGLE_ERRORS, guarded, type Platform } from '../platform';

export const PROPERTY_LIMITS = {
  /** Reference §1.2 (✅): 9 KB per value (tanaikech measured 8,066 bytes effective, 🟡; we allow the documented 9 KB). */
  valueBytes: 9 * 1024,
  /** Reference §1.2 (✅): 500 KB per store, keys and values together (tanaikech, 🟡). */
  storeBytes: 500 * 1024,
  /** Consumer accounts; Workspace has 500,000 (rt.quotas picks by account). */
  dailyReadsWrites: 50_000,
};

type StoreName = 'script' | 'user' | 'document';

/** Every store's contents, kept by the runtime across executions. */
export class PropertyState {
  readonly script = new Map<string, string>();
  /** The document properties of the runtime's first document. */
  readonly document = new Map<string, string>();
  private readonly otherDocuments = new Map<string, Map<string, string>>();
  private readonly users = new Map<string, Map<string, string>>();
  readonly quota: DailyQuota;
  /** Write calls per store and key prefix (the key up to its last "."), so benchmarks can tell counters from the rest. */
  readonly writesByPrefix = new Map<string, number>();

  /** A daily limit (consumer 50,000 by default) or the runtime's counter (rt.quotas 'properties'). */
  constructor(quota: number | DailyQuota = PROPERTY_LIMITS.dailyReadsWrites) {
    this.quota = typeof quota === 'number' ? new DailyQuota(quota) : quota;
  }

  /** Document properties of a document (undefined: the runtime's first document). */
  documentStore(documentId: string | undefined): Map<string, string> {
    if (documentId === undefined) return this.document;
    let store = this.otherDocuments.get(documentId);
    if (!store) this.otherDocuments.set(documentId, (store = new Map()));
    return store;
  }

  user(userId: string): Map<string, string> {
    let store = this.users.get(userId);
    if (!store) {
      store = new Map();
      this.users.set(userId, store);
    }
    return store;
  }
}

const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

function storeBytes(store: Map<string, string>): number {
  let total = 0;
  for (const [k, v] of store) total += bytes(k) + bytes(v);
  return total;
}

/** Applies writes to a copy first so that a write that would overflow the store changes nothing. */
function writeChecked(store: Map<string, string>, writes: [string, string][], clearFirst: boolean): void {
  for (const [, value] of writes) if (bytes(value) > PROPERTY_LIMITS.valueBytes) throw new Error(GOOGLE_ERRORS.argumentTooLarge('value'));
  const next = clearFirst ? new Map<string, string>() : new Map(store);
  for (const [k, v] of writes) next.set(k, v);
  if (storeBytes(next) > PROPERTY_LIMITS.storeBytes) throw new Error(GOOGLE_ERRORS.propertyStoreFull);
  store.clear();
  for (const [k, v] of next) store.set(k, v);
}

export function createPropertiesService(platform: Platform, state: PropertyState): GoogleAppsScript.Properties.PropertiesService {
  function createStore(name: StoreName): GoogleAppsScript.Properties.Properties {
    /** Resolved on every call: in a custom function the user store is the document owner's. */
    const resolve = (method: string) => {
      const execution = enterService(platform, 'Properties', method);
      // Unverified wording: Google's shape for a daily quota (reference §1.3) with "properties".
      if (!state.quota.take(execution.user.id, platform.clock.now())) throw new Error(GOOGLE_ERRORS.dailyQuota('properties'));
      if (name === 'script') return { map: state.script, readOnly: false };
      if (name === 'document') return { map: state.documentStore(execution.documentId), readOnly: false };
      const customFunction = execution.authMode === 'CUSTOM_FUNCTION';
      return { map: state.user(customFunction ? execution.owner.id : execution.user.id), readOnly: customFunction };
    };
    const writable = (method: string, keys: string[]) => {
      const target = resolve(method);
      if (target.readOnly) throw new Error(GOOGLE_ERRORS.readOnlyUserProperties);
      // One write call counts once per prefix it touches.
      for (const prefix of new Set(keys.map((k) => `${name}:${k.includes('.') ? k.slice(0, k.lastIndexOf('.')) : k}`))) {
        state.writesByPrefix.set(prefix, (state.writesByPrefix.get(prefix) ?? 0) + 1);
      }
      return target.map;
    };
    const store = {
      getProperty: (key: string) => resolve('getProperty').map.get(String(key)) ?? null,
      getProperties: () => Object.fromEntries(resolve('getProperties').map),
      getKeys: () => [...resolve('getKeys').map.keys()],
      setProperty(key: string, value: unknown) {
        writeChecked(writable('setProperty', [String(key)]), [[String(key), String(value)]], false);
        return self;
      },
      setProperties(values: Record<string, unknown>, deleteAllOthers?: boolean) {
        const writes = Object.entries(values ?? {}).map(([k, v]): [string, string] => [k, String(v)]);
        writeChecked(writable('setProperties', writes.map(([k]) => k)), writes, deleteAllOthers === true);
        return self;
      },
      deleteProperty(key: string) {
        writable('deleteProperty', [String(key)]).delete(String(key));
        return self;
      },
      deleteAllProperties() {
        writable('deleteAllProperties', ['*']).clear();
        return self;
      },
    };
    const self = guarded('Properties', store) as unknown as GoogleAppsScript.Properties.Properties;
    return self;
  }

  const service = {
    getScriptProperties: () => (enterService(platform, 'PropertiesService', 'getScriptProperties'), createStore('script')),
    getUserProperties: () => (enterService(platform, 'PropertiesService', 'getUserProperties'), createStore('user')),
    getDocumentProperties: () => (enterService(platform, 'PropertiesService', 'getDocumentProperties'), createStore('document')),
  };
  return guarded('PropertiesService', service) as unknown as GoogleAppsScript.Properties.PropertiesService;
}
