// Reads Meta's usage headers: X-App-Usage (the app's share of its hourly allowance) and
// X-Business-Use-Case-Usage (per business object, with minutes until access returns). Percentages.
import { isRecord } from '../graph/json';

export interface UsageReport {
  /** Highest of call_count, total_time, total_cputime in X-App-Usage, in percent. */
  appPercent?: number;
  /** Highest of the same in X-Business-Use-Case-Usage entries, in percent. */
  accountPercent?: number;
  /** Minutes until Meta lets calls through again (BUC estimated_time_to_regain_access), when above 0. */
  regainAccessMinutes?: number;
}

const PERCENT_KEYS = ['call_count', 'total_time', 'total_cputime'];

function highestPercent(entry: Record<string, unknown>): number | undefined {
  const values = PERCENT_KEYS.map((k) => Number(entry[k])).filter((n) => Number.isFinite(n));
  return values.length ? Math.max(...values) : undefined;
}

function parseHeader(value: string | undefined): unknown {
  if (!value) return undefined;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

function header(headers: Record<string, string>, name: string): string | undefined {
  const found = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return found === undefined ? undefined : headers[found];
}

/**
 * Usage found in the response headers; absent headers (a token's first calls, many error answers) give an
 * empty report. Which id Meta keys Instagram's entry by is not documented (reference §8.2, uncertain): the
 * entry keyed by `account` when there is one (a batch's answer may list several accounts, up to 32),
 * otherwise every business object's entries count for the account.
 */
export function readUsageHeaders(headers: Record<string, string>, account?: string): UsageReport {
  const report: UsageReport = {};
  const app = parseHeader(header(headers, 'x-app-usage'));
  if (isRecord(app)) report.appPercent = highestPercent(app);
  const buc = parseHeader(header(headers, 'x-business-use-case-usage') ?? header(headers, 'x-business-use-case'));
  if (isRecord(buc)) {
    const own = account !== undefined && account in buc ? [buc[account]] : Object.values(buc);
    for (const entries of own) {
      for (const entry of Array.isArray(entries) ? entries : [entries]) {
        if (!isRecord(entry)) continue;
        const percent = highestPercent(entry);
        if (percent !== undefined) report.accountPercent = Math.max(report.accountPercent ?? 0, percent);
        const minutes = Number(entry.estimated_time_to_regain_access);
        if (Number.isFinite(minutes) && minutes > 0) report.regainAccessMinutes = Math.max(report.regainAccessMinutes ?? 0, minutes);
      }
    }
  }
  return report;
}
