// What the editor checks about a BigQuery dataset before anything is sent, and the locations it offers.
// Pure (no DOM), so it is tested on its own. The server checks again (core/bigquery/target.ts, which the
// sidebar may not import): the rules and the list of locations here follow it.

/** The locations the server accepts for a new dataset, as the menu names them (multi-regions first). */
export const BIGQUERY_LOCATIONS: ReadonlyArray<{ value: string; label: string }> = [
  { value: 'US', label: 'US (multi-region)' },
  { value: 'EU', label: 'EU (multi-region)' },
  { value: 'us-central1', label: 'us-central1 (Iowa)' },
  { value: 'us-east1', label: 'us-east1 (South Carolina)' },
  { value: 'europe-west1', label: 'europe-west1 (Belgium)' },
  { value: 'europe-west2', label: 'europe-west2 (London)' },
  { value: 'europe-west3', label: 'europe-west3 (Frankfurt)' },
  { value: 'asia-northeast1', label: 'asia-northeast1 (Tokyo)' },
  { value: 'asia-southeast1', label: 'asia-southeast1 (Singapore)' },
  { value: 'australia-southeast1', label: 'australia-southeast1 (Sydney)' },
];

export const DEFAULT_DATASET = 'sheetgram';
export const DEFAULT_LOCATION = 'US';
export const DATASET_MAX = 1024;

// 6-30 lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen; older
// projects of a Workspace domain carry it in front ("example.com:analytics").
const PROJECT_ID = /^(?:[a-z0-9.-]+\.[a-z]{2,}:)?[a-z][a-z0-9-]{4,28}[a-z0-9]$/;
const DATASET_ID = /^[A-Za-z0-9_]+$/;

/** Long pastes are cut in the sentence, so it stays a sentence. */
function quoted(text: string): string {
  return `"${text.length > 40 ? `${text.slice(0, 40)}…` : text}"`;
}

/** What is wrong with a typed project id (trimmed), in words; null when it has the shape of one. */
export function projectIdProblem(typed: string): string | null {
  const id = typed.trim();
  if (!id) return 'Type the id of your Google Cloud project, as the Cloud console\'s dashboard shows it (such as acme-marketing).';
  if (PROJECT_ID.test(id)) return null;
  // The two things people paste instead: the project's number, and its display name.
  if (/^\d+$/.test(id)) return `${quoted(id)} is the project's number: type its id instead, shown beside it on the Cloud console (such as acme-marketing).`;
  if (/[A-Z\s]/.test(id)) return `${quoted(id)} looks like the project's name: type its id instead, in lowercase letters, digits and hyphens (such as acme-marketing).`;
  return `${quoted(id)} is not a Google Cloud project id: ids have 6 to 30 lowercase letters, digits and hyphens, start with a letter and do not end with a hyphen.`;
}

/** What is wrong with a typed dataset name (trimmed), in words; null when BigQuery accepts it. */
export function datasetIdProblem(typed: string): string | null {
  const id = typed.trim();
  if (!id) return `Type a dataset name, such as ${DEFAULT_DATASET}.`;
  if (id.length > DATASET_MAX) return `A dataset name has at most 1,024 characters; this one has ${id.length.toLocaleString('en-US')}.`;
  if (DATASET_ID.test(id)) return null;
  const hint = /-/.test(id) ? ' Use underscores instead of hyphens.' : /\s/.test(id) ? ' Use underscores instead of spaces.' : '';
  return `A dataset name may only hold letters, digits and underscores (such as ${DEFAULT_DATASET} or instagram_data).${hint}`;
}
