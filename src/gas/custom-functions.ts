// The custom functions (=IG_FOLLOWERS() and friends). They run in AuthMode.CUSTOM_FUNCTION: the
// spreadsheet read-only, the owner's user properties read-only, 30 seconds at most, one execution per
// cell. So they answer from the report tabs; only the profile functions may fill in once from
// Instagram, at most one call per account per hour, counted by the same throttle as every run.
// Arguments arrive as Sheets passes them (a Date or a serial number for a date, "" for an empty
// argument, a 2-D array for a range); src/core/functions/arguments.ts reads every form.
import { ConfigurationStore } from '../core/configurations/store';
import { engagementRate, followers, history, metric as metricOn, posts, profile, profileValue, type FunctionDeps } from '../core/functions/functions';
import type { AccountRef } from '../core/functions/tables';
import { USER_INFORMATION } from '../core/reports/catalog/own-account';
import type { ReportConfiguration } from '../core/reports/types';
import { propertiesStore } from './adapters/properties';
import { reportTables } from './adapters/report-tables';
import { createContext, type GasContext } from './context';

const SIX_HOURS = 21_600;
const HOUR = 3_600;
const LIVE = 'sheetgram.live.';
const PROFILE_FIELDS = ['id', 'username', 'name', 'biography', 'website', 'profile_picture_url', 'followers_count', 'follows_count', 'media_count'];

function deps(): FunctionDeps {
  const startedAt = Date.now();
  // The same context as runs build, in custom-function mode: its Graph client factory (openGraph) is the
  // one runs use, with the quota counters overlaid on the document cache (see quotaOverlay in context.ts).
  const ctx = createContext(startedAt, { customFunction: true });
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  let configs: ReportConfiguration[] | null = null;
  return {
    configurations: () => (configs ??= new ConfigurationStore(propertiesStore(PropertiesService.getDocumentProperties())).list()),
    ownerAccounts: () => ctx.accounts().list().map((a) => ({ id: a.id, username: a.username })),
    table: reportTables(spreadsheet),
    now: () => Date.now(),
    timeZone: () => spreadsheet.getSpreadsheetTimeZone(),
    liveProfile: (account: AccountRef) => liveProfile(account, ctx),
  };
}

/** One profile call per account per hour at most, shared by every cell through the document cache. */
function liveProfile(account: AccountRef, ctx: GasContext): Record<string, unknown> | null {
  const cache = CacheService.getDocumentCache();
  if (!cache) return null;
  const cached = cache.get(`${LIVE}profile.${account.id}`);
  if (cached) return JSON.parse(cached) as Record<string, unknown>;
  const accounts = ctx.accounts();
  const connected = accounts.get(account.id);
  const token = connected && !connected.reconnectReason ? accounts.tokenFor(account.id, 'account') : null;
  if (!connected || !token) return null;
  const lock = LockService.getDocumentLock();
  // A cell waits a few seconds at most: without the lock it answers from what is stored.
  if (!lock || !lock.tryLock(3_000)) return null;
  try {
    // Another cell may have filled it, or tried within the hour, while this one waited.
    const filled = cache.get(`${LIVE}profile.${account.id}`);
    if (filled) return JSON.parse(filled) as Record<string, unknown>;
    if (cache.get(`${LIVE}tried.${account.id}`)) return null;
    cache.put(`${LIVE}tried.${account.id}`, String(Date.now()), HOUR);
  } finally {
    lock.releaseLock();
  }
  const fields = connected.flow === 'instagram' ? [...PROFILE_FIELDS, 'account_type'] : PROFILE_FIELDS;
  try {
    const graph = ctx.openGraph(connected, token.accessToken);
    try {
      const profile = graph.get<Record<string, unknown>>(account.id, { fields: fields.join(',') });
      cache.put(`${LIVE}profile.${account.id}`, JSON.stringify(profile), SIX_HOURS);
      return profile;
    } finally {
      graph.release();
    }
  } catch {
    return null;
  } finally {
    try {
      ctx.releaseThrottles();
    } catch {
      // Unused permits expire with their lease; the cell's answer does not depend on giving them back.
    }
  }
}

/**
 * Followers of an Instagram account now, or on a past date from the daily snapshots.
 * @param {string} account Username (with or without @) or account id; empty: the first connected account.
 * @param {Date} date A past date: a date cell, TODAY()-7, DATE(2026,3,1) or "2026-03-01"; empty: now.
 * @param {any} refresh Optional: any cell that changes after each run, e.g. MAX('Sheetgram log'!A:A), to recalculate.
 * @return The number of followers.
 * @customfunction
 */
export function IG_FOLLOWERS(account?: unknown, date?: unknown, _refresh?: unknown): unknown {
  return followers(deps(), account, date);
}

/**
 * Accounts an Instagram account follows, from its latest snapshot.
 * @param {string} account Username or account id; empty: the first connected account.
 * @param {any} refresh Optional: any cell that changes after each run.
 * @return The number of accounts followed.
 * @customfunction
 */
export function IG_FOLLOWS(account?: unknown, _refresh?: unknown): unknown {
  return profileValue(deps(), USER_INFORMATION.fields.find((f) => f.id === 'follows_count')!, account);
}

/**
 * Posts of an Instagram account, from its latest snapshot.
 * @param {string} account Username or account id; empty: the first connected account.
 * @param {any} refresh Optional: any cell that changes after each run.
 * @return The number of posts.
 * @customfunction
 */
export function IG_MEDIA_COUNT(account?: unknown, _refresh?: unknown): unknown {
  return profileValue(deps(), USER_INFORMATION.fields.find((f) => f.id === 'media_count')!, account);
}

/**
 * Any profile field of an Instagram account: username, name, biography, website, followers_count, ...
 * @param {string} field The field, e.g. "biography" or "followers_count".
 * @param {string} account Username or account id; empty: the first connected account.
 * @param {any} refresh Optional: any cell that changes after each run.
 * @return The field's value.
 * @customfunction
 */
export function IG_PROFILE(field: unknown, account?: unknown, _refresh?: unknown): unknown {
  return profile(deps(), field, account);
}

/**
 * A daily metric over time as two columns (date, value), for charts: followers_count, media_count,
 * reach, views, new_followers, ...
 * @param {string} metric The metric, e.g. "followers_count" or "reach".
 * @param {Date} start First date, e.g. TODAY()-30 or "2026-03-01"; empty: the first stored.
 * @param {Date} end Last date, e.g. TODAY() or "2026-03-31"; empty: the latest stored.
 * @param {string} account Username or account id; empty: the first connected account.
 * @param {any} refresh Optional: any cell that changes after each run.
 * @return A table with a header row: Date and the metric.
 * @customfunction
 */
export function IG_HISTORY(metric: unknown, start?: unknown, end?: unknown, account?: unknown, _refresh?: unknown): unknown {
  return history(deps(), metric, start, end, account);
}

/**
 * An account insight for one day: reach, views, new_followers, accounts_engaged, total_interactions, ...
 * @param {string} metric The metric, e.g. "reach".
 * @param {Date} date The day, e.g. TODAY()-1 or "2026-03-01"; empty: the latest stored day.
 * @param {string} account Username or account id; empty: the first connected account.
 * @param {any} refresh Optional: any cell that changes after each run.
 * @return The metric's value that day.
 * @customfunction
 */
export function IG_METRIC(metric: unknown, date?: unknown, account?: unknown, _refresh?: unknown): unknown {
  return metricOn(deps(), metric, date, account);
}

/**
 * The latest posts of an Instagram account as a table.
 * @param {number} count How many posts (default 10, at most 500).
 * @param {string} fields Comma-separated fields, e.g. "timestamp,caption,like_count"; empty: a useful set.
 * @param {string} account Username or account id; empty: the first connected account.
 * @param {any} refresh Optional: any cell that changes after each run.
 * @return A table with a header row, newest post first.
 * @customfunction
 */
export function IG_POSTS(count?: unknown, fields?: unknown, account?: unknown, _refresh?: unknown): unknown {
  return posts(deps(), count, fields, account);
}

/**
 * Interactions on the posts of the last N days divided by the followers now (see docs/functions.md).
 * @param {number} days How many days back (default 30).
 * @param {string} account Username or account id; empty: the first connected account.
 * @param {any} refresh Optional: any cell that changes after each run.
 * @return A fraction; format the cell as a percentage.
 * @customfunction
 */
export function IG_ENGAGEMENT_RATE(days?: unknown, account?: unknown, _refresh?: unknown): unknown {
  return engagementRate(deps(), days, account);
}
