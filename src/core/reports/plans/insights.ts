// Reading insight values and surviving per-item failures: a metric the API refuses for one item is
// dropped for that item and the rest asked again; an item that fails on its own is skipped and logged.
// Answers Meta sends when it means something else are not believed at once: "does not exist" (100/33)
// is asked again, after a wait, before the item is given up; "reduce the amount of data" asks for
// fewer metrics at a time before the item's insights are skipped.
import { answeredKey } from '../metrics';
import { isGraphError, type GraphError, type GraphReader, type GraphRequest, type GraphResult } from '../graph-contract';
import type { SkippedItem } from './plan';

/**
 * metric name -> value from an insights `data` array (values[0].value, or total_value.value). A
 * breakdown adds "metric.part" -> value for each part (lower-case), and answeredKey(metric, dimension).
 */
export function insightValues(data: unknown): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const list = (data as { data?: unknown[] } | undefined)?.data ?? (Array.isArray(data) ? data : []);
  for (const entry of list as InsightEntry[]) {
    if (!entry?.name) continue;
    const value = entry.total_value?.value ?? entry.values?.[0]?.value;
    if (value !== undefined) out.set(entry.name, value);
    for (const breakdown of entry.total_value?.breakdowns ?? []) {
      const keys = breakdown.dimension_keys ?? [];
      // Demographic answers add a "timeframe" dimension in front; the part is the other one.
      const at = keys.findIndex((k) => k !== 'timeframe');
      if (at < 0) continue;
      out.set(answeredKey(entry.name, keys[at]), true);
      for (const r of breakdown.results ?? []) {
        const part = r.dimension_values?.[at];
        if (part !== undefined && r.value !== undefined) out.set(`${entry.name}.${String(part).toLowerCase()}`, r.value);
      }
    }
  }
  return out;
}

interface InsightEntry {
  name?: string;
  values?: { value?: unknown }[];
  total_value?: { value?: unknown; breakdowns?: { dimension_keys?: string[]; results?: { dimension_values?: string[]; value?: unknown }[] }[] };
}

/** The metric an error names, by `metric[N]` index or by name; null when it names none. */
export function rejectedMetric(error: GraphError, asked: string[]): string | null {
  const text = `${error.message} ${error.userMessage}`;
  const index = /metric\[(\d+)\]/.exec(text);
  if (index && asked[Number(index[1])]) return asked[Number(index[1])];
  return asked.find((m) => new RegExp(`(^|[^a-z_])${m}([^a-z_]|$)`).test(text)) ?? null;
}

export function isMetricRefusal(error: GraphError): boolean {
  return !error.askLess && (error.kind === 'unsupported_metric' || (error.kind === 'invalid' && error.code === 100));
}

/** Story insights below 5 viewers: the story is kept, its insights stay empty. */
export function isTooFewViewers(error: GraphError): boolean {
  return error.code === 10 && /viewers/i.test(`${error.message} ${error.userMessage}`);
}

/** Meta's rule (reference §5.1: "(#10) Not enough viewers for the media to show insights"), as a person reads it. */
export const TOO_FEW_VIEWERS = 'Instagram gives no insights for stories seen by fewer than 5 accounts.';

/** Why an item's insights stay empty when even one metric at a time is "too much data". */
export const TOO_MUCH_DATA = 'Instagram refused its insights even one metric at a time ("reduce the amount of data"); they are left empty this run.';

/**
 * Independent reads in as few round trips as the reader allows, where an answer that Meta sends when
 * it means something else (an error with a doubt: 100/33 "does not exist") is not believed at once:
 * the request is made again on its own, through the client's retry, which waits before each try.
 */
export function getManyConfirmed<T>(reader: GraphReader, requests: GraphRequest[]): GraphResult<T>[] {
  return reader.getMany<T>(requests).map((result, i) => {
    if (result.ok || !isGraphError(result.error) || !result.error.doubt) return result;
    try {
      return { ok: true, value: reader.get<T>(requests[i].path, requests[i].params) };
    } catch (e) {
      if (!isGraphError(e)) throw e;
      return { ok: false, error: e };
    }
  });
}

export interface InsightItem {
  id: string;
  metrics: string[];
  request: (metrics: string[]) => GraphRequest;
  /** Refusals are expected for some items (metrics only media shared to Facebook have): no note, no re-ask. */
  quiet?: boolean;
}

export interface InsightOutcome {
  values: Map<string, Map<string, unknown>>;
  skipped: SkippedItem[];
  /** Items skipped because they fail on their own (e.g. subcode 2108006: posted before the business conversion). */
  failedOnTheirOwn: Set<string>;
  /** Items that exist but have no insights at all (a story seen by too few accounts): id -> why. */
  withoutInsights: Map<string, string>;
  /** Skipped items that still exist (their insights were too much data even one at a time): keep their rows. */
  keepRows: Set<string>;
  /** Quiet items whose metrics Meta refused (e.g. reels not shared to Facebook). */
  refusedQuietly: Set<string>;
  notes: string[];
}

/**
 * Asks each item's metrics in as few round trips as the reader allows. Refused metrics are dropped
 * per item and the item asked again; errors that are not about the item (auth, rate limit) throw.
 */
export function readItemInsights(reader: GraphReader, items: InsightItem[]): InsightOutcome {
  const outcome: InsightOutcome = {
    values: new Map(), skipped: [], failedOnTheirOwn: new Set(), withoutInsights: new Map(), keepRows: new Set(), refusedQuietly: new Set(), notes: [],
  };
  let pending = items.filter((i) => i.metrics.length > 0);
  for (let round = 0; pending.length && round < 30; round++) {
    const results = getManyConfirmed(reader, pending.map((i) => i.request(i.metrics)));
    const again: InsightItem[] = [];
    results.forEach((result, n) => {
      const item = pending[n];
      if (result.ok) {
        const mine = outcome.values.get(item.id) ?? new Map<string, unknown>();
        for (const [k, v] of insightValues(result.value)) mine.set(k, v);
        outcome.values.set(item.id, mine);
        return;
      }
      const error = result.error;
      if (!isGraphError(error)) throw error;
      // Before skip_item, which it is classified as: the story exists and is kept, only its insights are empty.
      if (isTooFewViewers(error)) {
        outcome.withoutInsights.set(item.id, TOO_FEW_VIEWERS);
      } else if (error.askLess) {
        // Less data: half the metrics at a time, down to one; then this item's insights are skipped, the run goes on.
        if (item.metrics.length > 1) {
          const half = Math.ceil(item.metrics.length / 2);
          again.push({ ...item, metrics: item.metrics.slice(0, half) }, { ...item, metrics: item.metrics.slice(half) });
        } else if (!outcome.keepRows.has(item.id)) {
          outcome.keepRows.add(item.id);
          outcome.withoutInsights.set(item.id, TOO_MUCH_DATA);
          outcome.skipped.push({ id: item.id, reason: TOO_MUCH_DATA });
        }
      } else if (error.kind === 'skip_item' || error.kind === 'not_found') {
        outcome.skipped.push({ id: item.id, reason: error.userMessage });
        if (error.kind === 'skip_item') outcome.failedOnTheirOwn.add(item.id);
      } else if (isMetricRefusal(error) && item.quiet) {
        outcome.refusedQuietly.add(item.id);
      } else if (isMetricRefusal(error)) {
        const refused = rejectedMetric(error, item.metrics);
        if (refused) {
          outcome.notes.push(`${item.id}: Instagram refused the metric "${refused}" for this item; the other metrics were kept.`);
          const rest = item.metrics.filter((m) => m !== refused);
          if (rest.length) again.push({ ...item, metrics: rest });
        } else if (item.metrics.length > 1) {
          // The error names no metric: ask them one by one to find which ones work.
          for (const m of item.metrics) again.push({ ...item, metrics: [m] });
        } else {
          outcome.notes.push(`${item.id}: Instagram refused the metric "${item.metrics[0]}" for this item; the other metrics were kept.`);
        }
      } else {
        throw error;
      }
    });
    pending = again;
  }
  return outcome;
}
