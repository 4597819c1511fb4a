// The Graph client's settings: retry, paging and batching, plus the throttle's. Defaults suit a run
// inside Apps Script's 6-minute limit.
import { GRAPH_API_VERSION } from '../config/platform';
import { DEFAULT_THROTTLE_SETTINGS, type ThrottleSettings } from '../quota/settings';

export interface GraphClientSettings extends ThrottleSettings {
  apiVersion: string;
  /** Use the batch endpoint on graph.instagram.com too. Meta does not say it exists there (reference §7), so off. */
  batchOnInstagram: boolean;
  /** Operations per batch (Meta's maximum is 50) and requests per fetchAll. */
  batchSize: number;
  /** Extra rounds for batch operations Meta left unfinished (null) or that failed transiently. */
  batchRetryRounds: number;
  /** Attempts per request, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this is not waited for. */
  maxRetryAfterMs: number;
  /** UrlFetch refuses URLs longer than about 2 KB. */
  maxUrlLength: number;
}

export const DEFAULT_GRAPH_CLIENT_SETTINGS: GraphClientSettings = {
  ...DEFAULT_THROTTLE_SETTINGS,
  apiVersion: GRAPH_API_VERSION,
  batchOnInstagram: false,
  batchSize: 50,
  batchRetryRounds: 2,
  maxAttempts: 4,
  baseDelayMs: 1_000,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 60_000,
  maxUrlLength: 2_000,
};
