// Small ScriptApp, property store, cache and lock fakes for the OAuth2 stand-in's tests; the real
// services come from the runtime. The UrlFetchApp is the real local one on an in-process network.
import { createUrlFetchApp, LocalNetwork, type HandlerRequest, type HandlerResponse } from '../../../../../local/apps-script/services/url-fetch';
import { createOAuth2Library } from '../../../../../local/apps-script/services/oauth2';
import { createTestPlatform } from '../url-fetch/fake-platform';

export class FakeProperties {
  readonly data = new Map<string, string>();
  reads = 0;
  getProperty(key: string) {
    this.reads++;
    return this.data.get(key) ?? null;
  }
  setProperty(key: string, value: string) {
    this.data.set(key, value);
    return this;
  }
  deleteProperty(key: string) {
    this.data.delete(key);
    return this;
  }
  getKeys() {
    return [...this.data.keys()];
  }
  getProperties() {
    return Object.fromEntries(this.data);
  }
}

export class FakeCache {
  readonly data = new Map<string, { value: string; until: number; ttl: number }>();
  constructor(private readonly now: () => number) {}
  get(key: string) {
    const entry = this.data.get(key);
    return entry && entry.until > this.now() ? entry.value : null;
  }
  put(key: string, value: string, ttl = 600) {
    this.data.set(key, { value, until: this.now() + ttl * 1000, ttl });
  }
  remove(key: string) {
    this.data.delete(key);
  }
}

export class FakeLock {
  held = false;
  events: string[] = [];
  hasLock() {
    return this.held;
  }
  waitLock(ms: number) {
    this.events.push(`wait ${ms}`);
    this.held = true;
  }
  releaseLock() {
    this.events.push('release');
    this.held = false;
  }
}

export interface StateToken {
  method?: string;
  args: Record<string, string>;
  timeout?: number;
}

export function setupOAuth(reply: (req: HandlerRequest) => Partial<HandlerResponse>) {
  const platform = createTestPlatform();
  const requests: HandlerRequest[] = [];
  const network = new LocalNetwork({
    mode: 'in-process',
    handler: (req) => {
      requests.push(req);
      const r = reply(req);
      return { status: r.status ?? 200, headers: r.headers ?? { 'Content-Type': 'application/json' }, body: r.body ?? '{}' };
    },
  });
  const tokens: StateToken[] = [];
  const ScriptApp = {
    getScriptId: () => 'SCRIPT-ID-123',
    newStateToken() {
      const token: StateToken = { args: {} };
      const builder = {
        withMethod: (m: string) => ((token.method = m), builder),
        withArgument: (k: string, v: string) => ((token.args[k] = v), builder),
        withTimeout: (t: number) => ((token.timeout = t), builder),
        createToken: () => (tokens.push(token), `STATE${tokens.length}`),
      };
      return builder;
    },
  };
  const properties = new FakeProperties();
  const cache = new FakeCache(() => platform.clock.now());
  const lock = new FakeLock();
  const OAuth2 = createOAuth2Library({
    ScriptApp,
    UrlFetchApp: createUrlFetchApp(platform, network),
    Utilities: {},
    PropertiesService: {},
    CacheService: {},
    LockService: {},
    clock: platform.clock,
  });
  const instagram = (name = 'instagram') =>
    OAuth2.createService(name)
      .setAuthorizationBaseUrl('https://api.instagram.com/oauth/authorize')
      .setTokenUrl('https://api.instagram.com/oauth/access_token')
      .setClientId('app-id')
      .setClientSecret('app-secret')
      .setCallbackFunction('authCallback')
      .setPropertyStore(properties as never);
  return { OAuth2, platform, requests, tokens, properties, cache, lock, network, instagram };
}
