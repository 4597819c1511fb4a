// UrlFetchApp for the local Apps Script runtime: the per-execution service and the shared network
// it sends through (in-process handler or real HTTP bridged synchronously).
export { LocalNetwork, VIRTUAL_TIME_HEADER, CONSUMER_DAILY_QUOTA, type LocalNetworkOptions, type NetworkLogEntry } from './network';
export { createUrlFetchApp, MAX_REDIRECTS } from './url-fetch-app';
export type { Handler, HandlerRequest, HandlerResponse } from './in-process-transport';
export { URL_FETCH_ERRORS } from './messages';
export { URL_FETCH_LIMITS } from './limits';
export { redactUrl } from './redact';
