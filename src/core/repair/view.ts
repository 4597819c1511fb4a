// "Fill or repair history" as the card shows it: the form's bounds and suggestion, what Instagram
// keeps, a repair under way in a sentence, and the last finished one (said once, until the next).
import type { RepairView } from '../../contract/sidebar';
import type { ReportConfiguration } from '../reports/types';
import { daysText, repairBounds, repairRuleOf } from './rules';
import type { RepairJob, RepairResult } from './store';

export function repairView(
  config: ReportConfiguration, job: RepairJob | undefined, result: RepairResult | undefined, now: number, timeZone: string,
): RepairView | undefined {
  const rule = repairRuleOf(config);
  if (!rule) return undefined;
  const view: RepairView = { reads: rule.reads, ...repairBounds(rule, config, now, timeZone), keeps: rule.keeps };
  if (job) {
    const days = daysText(job);
    const text = job.lastRun?.message ?? `Repair of ${days}: starts at the next hourly run.`;
    view.pending = { from: job.from, to: job.to, text };
  }
  if (result) view.last = { from: result.from, to: result.to, at: result.summary.at, status: result.summary.status, text: result.summary.message };
  return view;
}

/** Every configuration's repair view, by configuration id. */
export function repairViews(
  configs: readonly ReportConfiguration[], stored: { jobs: RepairJob[]; results: Map<string, RepairResult> }, now: number, timeZone: string,
): Map<string, RepairView> {
  const jobs = new Map(stored.jobs.map((j) => [j.configId, j]));
  const views = new Map<string, RepairView>();
  for (const config of configs) {
    const view = repairView(config, jobs.get(config.id), stored.results.get(config.id), now, timeZone);
    if (view) views.set(config.id, view);
  }
  return views;
}
