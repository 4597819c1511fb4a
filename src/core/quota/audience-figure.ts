// The account's latest day of views or reach, read from an account-insights answer as it passes through
// the client (the Account Insights report reads them every day): no call of its own, and kept with the
// account's quota counters so every execution's budget follows the account's real size.
import { betterFigure } from './budget';
import type { AudienceFigure } from './meter';

const METRICS = new Set(['views', 'reach']);

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function parseGraphTime(text: unknown): number | null {
  if (typeof text !== 'string') return null;
  const ms = Date.parse(text.replace(/([+-]\d\d)(\d\d)$/, '$1:$2'));
  return Number.isFinite(ms) ? ms : null;
}

/** True for `<account>/insights` (with or without a leading slash or version). */
function isAccountInsights(path: string, account: string): boolean {
  const segments = path.split('?')[0].split('/').filter(Boolean);
  const at = segments.lastIndexOf('insights');
  return at > 0 && at === segments.length - 1 && segments[at - 1] === account;
}

/**
 * The latest daily views or reach in an answer to `GET /<account>/insights?period=day&...`: a daily
 * time series (each value ends a day) or one day's total_value (the day ends at `until`). Null otherwise.
 */
export function figureFromInsights(account: string, path: string, params: Record<string, string | undefined>, body: unknown): AudienceFigure | null {
  if (!isAccountInsights(path, account) || (params.period !== undefined && params.period !== 'day')) return null;
  if (!isRecord(body) || !Array.isArray(body.data)) return null;
  const untilSeconds = Number(params.until);
  const seen: AudienceFigure[] = [];
  const consider = (figure: AudienceFigure) => seen.push(figure);
  for (const entry of body.data) {
    if (!isRecord(entry) || typeof entry.name !== 'string' || !METRICS.has(entry.name)) continue;
    if (entry.period !== undefined && entry.period !== 'day') continue;
    const m = entry.name as AudienceFigure['m'];
    if (Array.isArray(entry.values)) {
      for (const v of entry.values) {
        const end = isRecord(v) ? parseGraphTime(v.end_time) : null;
        const n = isRecord(v) ? Number(v.value) : NaN;
        if (end !== null && typeof (v as Record<string, unknown>).value === 'number' && Number.isFinite(n) && n >= 0) consider({ n, m, d: end });
      }
    }
    if (isRecord(entry.total_value) && typeof entry.total_value.value === 'number' && Number.isFinite(untilSeconds) && entry.total_value.value >= 0) {
      consider({ n: entry.total_value.value, m, d: untilSeconds * 1000 });
    }
  }
  return seen.length ? seen.reduce<AudienceFigure | undefined>((kept, f) => betterFigure(kept, f), undefined) ?? null : null;
}

/** The same, from a full URL (a fetchAll or batch request's URL). */
export function figureFromInsightsUrl(account: string, url: string, body: unknown): AudienceFigure | null {
  const [path, query = ''] = url.split('?');
  const params: Record<string, string> = {};
  for (const pair of query.split('&')) {
    if (!pair) continue;
    const at = pair.indexOf('=');
    const key = decodeURIComponent(at < 0 ? pair : pair.slice(0, at));
    params[key] = at < 0 ? '' : decodeURIComponent(pair.slice(at + 1).replace(/\+/g, ' '));
  }
  return figureFromInsights(account, path, params, body);
}
