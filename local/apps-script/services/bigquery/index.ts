// The local BigQuery: Apps Script's advanced service (global BigQuery, API v2) backed by DuckDB.
// state.ts holds a runtime's projects, datasets, tables and jobs; service.ts is the global.
export { BigQueryState, type BigQueryOptions, type ProjectSeed, type Project } from './state';
export { createBigQueryService, type BigQueryServiceOptions } from './service';
export { BIGQUERY_LIMITS, BIGQUERY_TIMES } from './settings';
export { BQ_ERRORS, BigQueryError } from './errors';
export { translate } from './sql/translate';

/** The manifest's entry that enables the service: dependencies.enabledAdvancedServices[]. */
export interface AdvancedServiceEntry {
  userSymbol?: string;
  serviceId?: string;
  version?: string;
}

/** The global name the manifest gives BigQuery (its userSymbol), or undefined when it is not enabled. */
export function bigQuerySymbol(entries: AdvancedServiceEntry[] | undefined): string | undefined {
  const entry = entries?.find((e) => e.serviceId === 'bigquery');
  return entry ? (entry.userSymbol ?? 'BigQuery') : undefined;
}
