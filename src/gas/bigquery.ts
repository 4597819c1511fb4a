// The sidebar's "Check access" for a BigQuery dataset (the loads themselves run after each run, in core/run/execute.ts).
import type { BigQueryCheck, BigQueryTarget } from '../contract/sidebar';
import { checkBigQueryAccess } from '../core/bigquery/check';
import { bigQueryPort } from './adapters/bigquery';
import { appsScriptClock } from './adapters/clock';
import { createContext } from './context';
import { serve } from './serve';

export function checkBigQuery(target: BigQueryTarget): BigQueryCheck {
  // The execution's start, before any service call: the time budget counts from here.
  const startedAt = Date.now();
  return serve(() => {
    const ctx = createContext(startedAt);
    return checkBigQueryAccess(bigQueryPort({ deadline: () => ctx.deadline, sleep: appsScriptClock.sleep, now: appsScriptClock.now }), target);
  });
}
