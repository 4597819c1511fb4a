// A configuration's BigQuery side on its card, in one sentence.
import type { BigQueryStatusView } from '../../contract/sidebar';
import type { ConfigurationStatus } from '../configurations/status';
import { describeTime } from '../reports/dates';
import { getReport } from '../reports/registry';
import type { ReportConfiguration } from '../reports/types';
import { tableIdOf } from './schema';
import { tablePath, trimsTab } from './target';

const count = (n: number, one: string, many: string) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

export function bigqueryStatusView(config: ReportConfiguration, status: ConfigurationStatus, now: number, timeZone: string): BigQueryStatusView {
  const table = config.bigquery ? tablePath(config.bigquery, tableIdOf(getReport(config.reportId))) : '';
  const state = status.bigquery?.table === table ? status.bigquery : undefined;
  if (!state || (!state.lastLoadAt && !state.error)) return { state: 'pending', table, text: `BigQuery: the rows go to ${table} after the next run.` };
  const sandbox = state.noDml ? ' This project is a BigQuery sandbox: its tables expire after 60 days.' : '';
  // "BigQuery only" removes rows from the tab once they are loaded: a failure keeps them all there.
  const tabSide = trimsTab(config) ? 'the tab keeps its rows until BigQuery has them' : 'the tab is not affected';
  if (state.error) {
    const retry = state.retryAt !== undefined && state.retryAt > now + 3_600_000 ? `around ${describeTime(state.retryAt, now, timeZone)}` : 'at the next hourly run';
    const then = state.needsPerson ? ` Sheetgram tries again at the report's next run (or click Run now once that is done); ${tabSide}.` : ` Sheetgram tries again ${retry}; ${tabSide}.`;
    return { state: 'failed', table, text: `BigQuery: ${state.error}${then}` };
  }
  const when = describeTime(state.lastLoadAt!, now, timeZone);
  const loaded = `BigQuery: ${count(state.rows ?? 0, 'row', 'rows')} of ${count(state.days ?? 0, 'day', 'days')} loaded ${when.length === 5 ? `today at ${when}` : `on ${when}`} into ${table}.`;
  const trimmed = !trimsTab(config) ? ''
    : state.expires ? ' The table\'s rows expire by themselves (as in a BigQuery sandbox), so the tab keeps every row: remove the expiry to move them out (see the BigQuery guide).'
      : ` The tab keeps the newest day${state.removed ? ` (${count(state.removed, 'row', 'rows')} of earlier days moved out)` : ''}.`;
  if (state.pending) return { state: 'pending', table, text: `${loaded}${trimmed} The rest follows at the next hourly run.${sandbox}` };
  return { state: 'ok', table, text: `${loaded}${trimmed}${sandbox}` };
}
