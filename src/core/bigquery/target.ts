// The BigQuery dataset a person types in the sidebar: checked here, whatever the browser sent.
import type { BigQueryTarget, Destination } from '../../contract/sidebar';

/** Locations offered for a new dataset (BigQuery has more; these are the ones the sidebar lists). */
export const BIGQUERY_LOCATIONS = [
  'US', 'EU', 'us-central1', 'us-east1', 'europe-west1', 'europe-west2', 'europe-west3', 'asia-northeast1', 'asia-southeast1', 'australia-southeast1',
] as const;

export const DEFAULT_DATASET = 'sheetgram';

// Cloud project ids: 6-30 lowercase letters, digits and hyphens, starting with a letter and not ending
// with a hyphen; older ones may be domain-scoped ("example.com:project").
const PROJECT_ID = /^(?:[a-z0-9.-]+\.[a-z]{2,}:)?[a-z][a-z0-9-]{4,28}[a-z0-9]$/;
// BigQuery dataset ids: letters, digits and underscores, at most 1,024 characters.
const DATASET_ID = /^[A-Za-z0-9_]{1,1024}$/;

export type TargetField = 'projectId' | 'datasetId' | 'location';

/** The target as saved, or the field and the sentence that says what to fix. */
export function checkTarget(value: unknown): BigQueryTarget | { field: TargetField; message: string } {
  const raw = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
  const projectId = typeof raw.projectId === 'string' ? raw.projectId.trim() : '';
  const datasetId = typeof raw.datasetId === 'string' && raw.datasetId.trim() !== '' ? raw.datasetId.trim() : DEFAULT_DATASET;
  const location = typeof raw.location === 'string' && raw.location.trim() !== '' ? raw.location.trim() : 'US';
  if (!projectId) return { field: 'projectId', message: 'Type the id of your Google Cloud project (shown on the Cloud console\'s dashboard, such as acme-marketing).' };
  if (!PROJECT_ID.test(projectId)) {
    return { field: 'projectId', message: `"${projectId}" is not a Google Cloud project id: ids have 6 to 30 lowercase letters, digits and hyphens, and start with a letter.` };
  }
  if (!DATASET_ID.test(datasetId)) return { field: 'datasetId', message: 'A dataset name may only hold letters, digits and underscores (such as sheetgram or instagram_data).' };
  if (!(BIGQUERY_LOCATIONS as readonly string[]).includes(location)) return { field: 'location', message: `Choose a location from the list (${BIGQUERY_LOCATIONS.join(', ')}).` };
  return { projectId, datasetId, location };
}

export function tablePath(target: BigQueryTarget, tableId: string): string {
  return `${target.projectId}.${target.datasetId}.${tableId}`;
}

/** The report's rows go to BigQuery (with the whole tab, or with only its newest day). */
export function loadsIntoBigQuery(config: { destination?: Destination; bigquery?: BigQueryTarget }): config is { destination: 'sheet_and_bigquery' | 'bigquery'; bigquery: BigQueryTarget } {
  return (config.destination === 'sheet_and_bigquery' || config.destination === 'bigquery') && config.bigquery !== undefined;
}

/** "BigQuery only": the rows of days BigQuery has leave the tab. */
export function trimsTab(config: { destination?: Destination; mode: string }): boolean {
  return config.destination === 'bigquery' && config.mode === 'append';
}
