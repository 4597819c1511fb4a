// Reading insight values and surviving per-item failures: a metric the API refuses for one item is
// dropped for that item and the rest asked again; an item that fails on its own is skipped and logged.
import { isGraphError, type GraphError, type GraphReader, type GraphRequest } from '../graph-contract';
import type { SkippedItem } from './plan';

/** metric name -> value from an insights `data` array (values[0].value, or total_value.value). */
export function insightValues(data: unknown): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const list = (data as { data?: unknown[] } | undefined)?.data ?? (Array.isArray(data) ? data : []);
  for (const entry of list as { name?: string; values?: { value?: unknown }[]; total_value?: { value?: unknown } }[]) {
    if (!entry?.name) continue;
    const value = entry.total_value?.value ?? entry.values?.[0]?.value;
    if (value !== undefined) out.set(entry.name, value);
  }
  return out;
}

/** The metric an error names, by `metric[N]` index or by name; null when it names none. */
export function rejectedMetric(error: GraphError, asked: string[]): string | null {
  const text = `${error.message} ${error.userMessage}`;
  const index = /metric\[(\d+)\]/.exec(text);
  if (index && asked[Number(index[1])]) return asked[Number(index[1])];
  return asked.find((m) => new RegExp(`(^|[^a-z_])${m}([^a-z_]|$)`).test(text)) ?? null;
}

export function isMetricRefusal(error: GraphError): boolean {
  return error.kind === 'unsupported_metric' || (error.kind === 'invalid' && error.code === 100);
}

/** Story insights below 5 viewers: the story is kept, its insights stay empty. */
export function isTooFewViewers(error: GraphError): boolean {
  return error.code === 10 && /viewers/i.test(`${error.message} ${error.userMessage}`);
}

/** Meta's rule (reference §5.1: "(#10) Not enough viewers for the media to show insights"), as a person reads it. */
export const TOO_FEW_VIEWERS = 'Instagram gives no insights for stories seen by fewer than 5 accounts.';

export interface InsightItem {
  id: string;
  metrics: string[];
  request: (metrics: string[]) => GraphRequest;
}

export interface InsightOutcome {
  values: Map<string, Map<string, unknown>>;
  skipped: SkippedItem[];
  /** Items skipped because they fail on their own (e.g. subcode 2108006: posted before the business conversion). */
  failedOnTheirOwn: Set<string>;
  /** Items that exist but have no insights at all (a story seen by too few accounts): id -> why. */
  withoutInsights: Map<string, string>;
  notes: string[];
}

/**
 * Asks each item's metrics in as few round trips as the reader allows. Refused metrics are dropped
 * per item and the item asked again; errors that are not about the item (auth, rate limit) throw.
 */
export function readItemInsights(reader: GraphReader, items: InsightItem[]): InsightOutcome {
  const outcome: InsightOutcome = { values: new Map(), skipped: [], failedOnTheirOwn: new Set(), withoutInsights: new Map(), notes: [] };
  let pending = items.filter((i) => i.metrics.length > 0);
  for (let round = 0; pending.length && round < 30; round++) {
    const results = reader.getMany(pending.map((i) => i.request(i.metrics)));
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
      } else if (error.kind === 'skip_item' || error.kind === 'not_found') {
        outcome.skipped.push({ id: item.id, reason: error.userMessage });
        if (error.kind === 'skip_item') outcome.failedOnTheirOwn.add(item.id);
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
