// The global the bundle sees: Apps Script's BigQuery advanced service (API v2). Every call is counted,
// costs virtual time (settings.ts: apiCallMs, when the runtime charges costs), finishes the jobs
// whose time has come, and throws BigQuery's errors as GoogleJsonResponseException. Methods the
// local runtime does not have throw an error naming them.
import type { CostModel } from '../../costs';
import { assertAlive } from '../../execution';
import { enterService, guarded, type Execution, type Platform } from '../../platform';
import { BigQueryError, toScriptError } from './errors';
import { Jobs, type Waiter } from './jobs';
import { Resources } from './resources';
import type { BigQueryState } from './state';

export interface BigQueryServiceOptions {
  /** The runtime's cost model: API calls are charged when there is one. */
  costs?: CostModel | null;
}

/** Apps Script's new*() helpers: empty resource objects the script fills in. */
const BUILDERS = [
  'newDataset', 'newDatasetReference', 'newTable', 'newTableReference', 'newTableSchema', 'newTableFieldSchema', 'newTimePartitioning',
  'newClustering', 'newViewDefinition', 'newJob', 'newJobReference', 'newJobConfiguration', 'newJobConfigurationLoad',
  'newJobConfigurationQuery', 'newQueryRequest', 'newQueryParameter', 'newQueryParameterType', 'newQueryParameterValue',
];

export function createBigQueryService(platform: Platform, state: BigQueryState, options: BigQueryServiceOptions = {}) {
  const clock = platform.clock;

  const charge = (execution: Execution, method: string, ms: number) => {
    if (!options.costs || ms <= 0) return;
    clock.advance(ms);
    options.costs.spent.add('BigQuery', method, ms);
    assertAlive(execution, clock.now());
  };

  function call<T>(method: string, apiMethod: string, fn: (user: string) => T): T {
    const execution = enterService(platform, 'BigQuery', method);
    charge(execution, method, state.settings.times.apiCallMs);
    state.settle();
    try {
      return fn(execution.user.email);
    } catch (error) {
      if (error instanceof BigQueryError) throw toScriptError(apiMethod, error);
      throw error;
    }
  }

  /** The API holds the call open until the job ends or timeoutMs passes: virtual time goes by. */
  const wait: Waiter = (job, timeoutMs) => {
    const remaining = job.endTime - clock.now();
    if (remaining > 0 && timeoutMs > 0) {
      clock.advance(Math.min(remaining, timeoutMs));
      assertAlive(platform.current(), clock.now());
    }
    state.settle();
  };

  const resources = new Resources(state);
  const jobs = new Jobs(state, wait);

  const Datasets = guarded('BigQuery.Datasets', {
    get: (projectId: string, datasetId: string) => call('Datasets.get', 'datasets.get', (u) => resources.getDataset(u, projectId, datasetId)),
    insert: (resource: unknown, projectId: string) => call('Datasets.insert', 'datasets.insert', (u) => resources.insertDataset(u, resource, projectId)),
    list: (projectId: string, optionalArgs?: unknown) => call('Datasets.list', 'datasets.list', (u) => resources.listDatasets(u, projectId, optionalArgs)),
  });
  const Tables = guarded('BigQuery.Tables', {
    get: (projectId: string, datasetId: string, tableId: string) => call('Tables.get', 'tables.get', (u) => resources.getTable(u, projectId, datasetId, tableId)),
    insert: (resource: unknown, projectId: string, datasetId: string) => call('Tables.insert', 'tables.insert', (u) => resources.insertTable(u, resource, projectId, datasetId)),
    patch: (resource: unknown, projectId: string, datasetId: string, tableId: string) =>
      call('Tables.patch', 'tables.patch', (u) => resources.patchTable(u, resource, projectId, datasetId, tableId)),
    remove: (projectId: string, datasetId: string, tableId: string) => call('Tables.remove', 'tables.delete', (u) => resources.removeTable(u, projectId, datasetId, tableId)),
    list: (projectId: string, datasetId: string, optionalArgs?: unknown) => call('Tables.list', 'tables.list', (u) => resources.listTables(u, projectId, datasetId, optionalArgs)),
  });
  const Jobs_ = guarded('BigQuery.Jobs', {
    insert: (resource: unknown, projectId: string, mediaData?: unknown) => call('Jobs.insert', 'jobs.insert', (u) => jobs.insert(u, resource, projectId, mediaData)),
    get: (projectId: string, jobId: string, optionalArgs?: unknown) => call('Jobs.get', 'jobs.get', (u) => jobs.get(u, projectId, jobId, optionalArgs)),
    query: (resource: unknown, projectId: string) => call('Jobs.query', 'jobs.query', (u) => jobs.query(u, resource, projectId)),
    getQueryResults: (projectId: string, jobId: string, optionalArgs?: unknown) =>
      call('Jobs.getQueryResults', 'jobs.getQueryResults', (u) => jobs.getQueryResults(u, projectId, jobId, optionalArgs)),
  });
  const builders = Object.fromEntries(BUILDERS.map((name) => [name, () => ({})]));
  return guarded('BigQuery', { Datasets, Tables, Jobs: Jobs_, ...builders });
}
