// One OAuth2 service as library version 43 (1.43.0, src/Service.js) behaves: setters, the authorization
// URL with a state token, the callback exchange through UrlFetchApp, expiry and refresh under an
// optional lock, and errors kept for getLastError. The service-account (JWT) flow is not implemented:
// its setters are left out, so using them throws.
import { createHash, randomBytes } from 'node:crypto';
import { guarded } from '../../platform';
import { Storage, STORAGE_PREFIX, type CacheStore, type PropertyStore } from './storage';
import { canRefresh, ensureExpiresAtSet, isExpired, TOKEN_FORMAT, tokenFromResponse, type Token } from './token';

export interface OAuth2Globals {
  ScriptApp: any;
  UrlFetchApp: any;
  Utilities: any;
  PropertiesService: any;
  CacheService: any;
  LockService: any;
  Session?: any;
  /** The runtime's virtual clock; the library reads `new Date()` in Google. Defaults to the real clock. */
  clock?: { now(): number };
}

export const LOCK_TIMEOUT_MS = 30_000;
export const STATE_TOKEN_TIMEOUT_SECONDS = 3600;

export function redirectUriFor(scriptId: string): string {
  return `https://script.google.com/macros/d/${encodeURIComponent(scriptId)}/usercallback`;
}

/** The library's validate_: the first empty value names the error. */
function required(fields: Record<string, unknown>): void {
  for (const [name, value] of Object.entries(fields)) if (!value) throw new Error(`${name} is required.`);
}

function withQuery(base: string, params: Record<string, string>): string {
  const query = Object.entries(params)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&');
  return base + (base.includes('?') ? '&' : '?') + query;
}

function codeChallenge(method: string, verifier: string): string {
  const lower = method.toLowerCase();
  if (lower === 'plain') return verifier;
  if (lower === 's256') return createHash('sha256').update(verifier, 'ascii').digest('base64url');
  throw new Error(`Unsupported challenge method: ${lower}`);
}

export function createService(name: string, g: OAuth2Globals): GoogleAppsScriptOAuth2.OAuth2Service {
  required({ 'Service name': name });
  const nowSeconds = () => Math.floor((g.clock ? g.clock.now() : Date.now()) / 1000);
  const s = {
    authorizationBaseUrl: '',
    tokenUrl: '',
    refreshUrl: '',
    clientId: '',
    clientSecret: '',
    callbackFunction: '',
    redirectUri: '',
    propertyStore: undefined as PropertyStore | undefined,
    cache: undefined as CacheStore | undefined,
    lock: undefined as GoogleAppsScript.Lock.Lock | undefined,
    params: {} as Record<string, string>,
    tokenFormat: TOKEN_FORMAT.JSON as string,
    tokenHeaders: null as Record<string, string> | null,
    tokenMethod: 'post',
    tokenPayloadHandler: undefined as ((payload: Record<string, string>) => object) | undefined,
    grantType: '',
    codeVerifier: '',
    codeChallengeMethod: '',
    lastError: undefined as unknown,
  };
  let storage: Storage | undefined;
  const getStorage = () => (storage ??= new Storage(STORAGE_PREFIX + name, s.propertyStore, s.cache));

  // No try/finally, as in the library: a throw inside leaves the lock held until the execution ends.
  const lockable = <T>(fn: () => T): T => {
    let release = false;
    if (s.lock && !s.lock.hasLock()) {
      s.lock.waitLock(LOCK_TIMEOUT_MS);
      release = true;
    }
    const result = fn();
    if (s.lock && release) s.lock.releaseLock();
    return result;
  };

  const fetchToken = (payload: Record<string, string>, url?: string): Token => {
    let headers: Record<string, string> = { Accept: s.tokenFormat };
    if (s.tokenHeaders) headers = { ...headers, ...s.tokenHeaders };
    const body = s.tokenPayloadHandler ? s.tokenPayloadHandler(payload) : payload;
    const response = g.UrlFetchApp.fetch(url || s.tokenUrl, { method: s.tokenMethod, headers, payload: body, muteHttpExceptions: true });
    return tokenFromResponse(response, s.tokenFormat, nowSeconds());
  };

  const saveToken = (token: Token): void => getStorage().setValue(null, token);

  const exchangeGrant = (): void => {
    required({ 'Grant Type': s.grantType, 'Token URL': s.tokenUrl });
    const payload: Record<string, string> = { grant_type: s.grantType, ...s.params };
    const lowerCase = s.tokenHeaders ? Object.fromEntries(Object.entries(s.tokenHeaders).map(([k, v]) => [k.toLowerCase(), v])) : null;
    if (s.grantType === 'client_credentials' && s.clientId && s.clientSecret && !lowerCase?.authorization) {
      // The library adds the header to the service's own token headers (the object given to setTokenHeaders).
      s.tokenHeaders ??= {};
      s.tokenHeaders.authorization = `Basic ${Buffer.from(`${s.clientId}:${s.clientSecret}`).toString('base64')}`;
    }
    saveToken(fetchToken(payload));
  };

  const service = {
    setAuthorizationBaseUrl: (v: string) => set('authorizationBaseUrl', v),
    setTokenUrl: (v: string) => set('tokenUrl', v),
    setRefreshUrl: (v: string) => set('refreshUrl', v),
    setClientId: (v: string) => set('clientId', v),
    setClientSecret: (v: string) => set('clientSecret', v),
    setCallbackFunction: (v: string) => set('callbackFunction', v),
    setRedirectUri: (v: string) => set('redirectUri', v),
    setPropertyStore: (v: PropertyStore) => set('propertyStore', v),
    setCache: (v: CacheStore) => set('cache', v),
    setLock: (v: GoogleAppsScript.Lock.Lock) => set('lock', v),
    setTokenFormat: (v: string) => set('tokenFormat', v),
    setTokenHeaders: (v: Record<string, string>) => set('tokenHeaders', v),
    setTokenMethod: (v: string) => set('tokenMethod', v),
    setTokenPayloadHandler: (v: (payload: Record<string, string>) => object) => set('tokenPayloadHandler', v),
    setGrantType: (v: string) => set('grantType', v),
    setCodeVerififer(v: string) {
      s.codeVerifier = v;
      if (!s.codeChallengeMethod) s.codeChallengeMethod = 'S256';
      return self;
    },
    setCodeChallengeMethod: (v: string) => set('codeChallengeMethod', v),
    // 32 random bytes, web-safe base64 without padding: 43 characters, like the library's.
    generateCodeVerifier: () => service.setCodeVerififer(randomBytes(32).toString('base64url')),
    setScope(scope: string | readonly string[], separator?: string) {
      s.params.scope = Array.isArray(scope) ? scope.join(separator || ' ') : (scope as string);
      return self;
    },
    setParam(key: string, value: string) {
      s.params[key] = value;
      return self;
    },

    getRedirectUri: () => s.redirectUri || redirectUriFor(g.ScriptApp.getScriptId()),

    getAuthorizationUrl(extra?: Record<string, string>) {
      required({ 'Client ID': s.clientId, 'Callback function name': s.callbackFunction, 'Authorization base URL': s.authorizationBaseUrl });
      // The library ignores what withArgument returns: Apps Script's builder changes itself.
      const builder = g.ScriptApp.newStateToken().withMethod(s.callbackFunction).withArgument('serviceName', name).withTimeout(STATE_TOKEN_TIMEOUT_SECONDS);
      if (s.codeVerifier) builder.withArgument('codeVerifier_', s.codeVerifier);
      for (const key of Object.keys(extra ?? {})) builder.withArgument(key, extra![key]);
      const params: Record<string, string> = { client_id: s.clientId, response_type: 'code', redirect_uri: service.getRedirectUri(), state: builder.createToken() };
      if (s.codeVerifier) {
        params.code_challenge = codeChallenge(s.codeChallengeMethod, s.codeVerifier);
        params.code_challenge_method = s.codeChallengeMethod;
      }
      return withQuery(s.authorizationBaseUrl, { ...params, ...s.params });
    },

    handleCallback(request: { parameter: Record<string, string> }) {
      const { code, error } = request.parameter;
      if (error) {
        if (error === 'access_denied') return false;
        throw new Error(`Error authorizing token: ${error}`);
      }
      // Since 1.43.0 the exchange needs no client secret (PKCE-only providers); refresh still does.
      required({ 'Client ID': s.clientId, 'Token URL': s.tokenUrl });
      const payload: Record<string, string> = {
        code,
        client_id: s.clientId,
        client_secret: s.clientSecret,
        redirect_uri: service.getRedirectUri(),
        grant_type: 'authorization_code',
      };
      if (request.parameter.codeVerifier_) payload.code_verifier = request.parameter.codeVerifier_;
      saveToken(fetchToken(payload));
      return true;
    },

    hasAccess(): boolean {
      let token = service.getToken() as Token | null;
      if (token && !isExpired(token, nowSeconds())) return true;
      // Nothing to refresh or exchange: no lock taken.
      if (!((token && canRefresh(token, nowSeconds())) || s.grantType)) return false;
      return lockable(() => {
        // Another execution may have refreshed it while this one waited for the lock.
        token = service.getToken(true) as Token | null;
        if (token && !isExpired(token, nowSeconds())) return true;
        try {
          if (token && canRefresh(token, nowSeconds())) service.refresh();
          else if (s.grantType) exchangeGrant();
          else return false;
          return true;
        } catch (e) {
          s.lastError = e;
          return false;
        }
      });
    },

    getAccessToken() {
      if (!service.hasAccess()) throw new Error('Access not granted or expired.');
      return (service.getToken() as Token).access_token;
    },

    getIdToken() {
      if (!service.hasAccess()) throw new Error('Access not granted or expired.');
      return (service.getToken() as Token).id_token;
    },

    getToken: (skipMemoryCheck?: boolean) => getStorage().getValue(null, skipMemoryCheck) as object | null,

    refresh() {
      // Version 43 still requires the secret here (dropped after it, in #513).
      required({ 'Client ID': s.clientId, 'Client Secret': s.clientSecret, 'Token URL': s.tokenUrl });
      lockable(() => {
        // No null check, as in the library: without a token this is a TypeError.
        const token = service.getToken() as Token;
        if (!token.refresh_token) throw new Error('Offline access is required.');
        const payload = { refresh_token: token.refresh_token, client_id: s.clientId, client_secret: s.clientSecret, grant_type: 'refresh_token' };
        const next = fetchToken(payload, s.refreshUrl);
        if (!next.refresh_token) next.refresh_token = token.refresh_token;
        ensureExpiresAtSet(token, nowSeconds());
        // A new token without its own refresh-token expiry keeps the old one's.
        if (next.refreshTokenExpiresAt === undefined) next.refreshTokenExpiresAt = token.refreshTokenExpiresAt;
        saveToken(next);
      });
    },

    reset: () => getStorage().reset(),
    getLastError: () => s.lastError,
    getStorage: () => guarded('Storage', getStorage()),
  };

  function set<K extends keyof typeof s>(key: K, value: (typeof s)[K]) {
    s[key] = value;
    return self;
  }
  const self = guarded('OAuth2Service', service) as unknown as GoogleAppsScriptOAuth2.OAuth2Service;
  return self;
}
