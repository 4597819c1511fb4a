// BigQuery's refusals, as data: what each means for the person, in words, and whether the next run
// should simply try again. Matched on the error's reason (BigQuery's errors[].reason), then its code,
// then its message: Apps Script's advanced service gives all three, but not always the reason.

export class BigQueryFailure extends Error {
  constructor(message: string, readonly code: number, readonly reason: string) {
    super(message);
    this.name = 'BigQueryFailure';
  }
}

export type FailureKind = 'consent' | 'api_disabled' | 'no_project' | 'no_access' | 'no_dml' | 'quota' | 'invalid' | 'unavailable' | 'other';

interface FailureRule {
  kind: FailureKind;
  match: (f: { code: number; reason: string; message: string }) => boolean;
  /** What the person reads; project and dataset filled in. */
  text: (where: { projectId: string; datasetId: string; message: string }) => string;
  /** The sidebar field to show it beside. */
  field?: 'projectId' | 'datasetId';
  /** Trying again at the next run may work by itself (no action needed). */
  retry: boolean;
}

const RULES: FailureRule[] = [
  {
    kind: 'consent', match: (f) => f.reason === 'consent' || /permissions are not sufficient|required permissions|do not have permission to call/i.test(f.message),
    text: () => 'You have not allowed Sheetgram to use BigQuery. Click "Allow Sheetgram to use BigQuery", tick BigQuery on Google\'s page, then check again.',
    retry: false,
  },
  {
    kind: 'api_disabled', match: (f) => f.reason === 'accessNotConfigured' || /API has not been used in project|is disabled/i.test(f.message),
    text: (w) => `The BigQuery API is turned off in project ${w.projectId}. Turn it on at https://console.cloud.google.com/apis/library/bigquery.googleapis.com?project=${w.projectId}, wait a minute, then check again.`,
    field: 'projectId', retry: false,
  },
  {
    kind: 'no_dml', match: (f) => f.reason === 'billingNotEnabled' || /DML queries are not allowed in the free tier/i.test(f.message),
    text: (w) => `Project ${w.projectId} is a BigQuery sandbox (no billing account).`,
    retry: true,
  },
  {
    kind: 'no_project', match: (f) => f.code === 404 && /Not found: Project/i.test(f.message),
    text: (w) => `Google Cloud has no project "${w.projectId}" that your Google account can see. Check the project id on the Cloud console's dashboard.`,
    field: 'projectId', retry: false,
  },
  {
    kind: 'no_access', match: (f) => f.reason === 'accessDenied' || f.code === 403 && /Access Denied/i.test(f.message),
    text: (w) => `Your Google account may not use BigQuery in project ${w.projectId}. Ask the project's owner for the roles BigQuery Data Editor and BigQuery Job User (or BigQuery User), then check again.`,
    field: 'projectId', retry: false,
  },
  {
    kind: 'quota', match: (f) => f.reason === 'quotaExceeded' || f.reason === 'rateLimitExceeded' || /quota/i.test(f.message),
    text: (w) => `BigQuery's limit was reached: ${w.message}`,
    retry: true,
  },
  {
    // Two loads into one day's partition at once: BigQuery fails one, and it succeeds when tried again.
    kind: 'unavailable', match: (f) => /concurrent update|serialize access|Transaction is aborted/i.test(f.message),
    text: () => 'BigQuery was busy with another load into the same table.',
    retry: true,
  },
  {
    kind: 'invalid', match: (f) => f.reason === 'invalid' || f.reason === 'invalidQuery' || f.code === 400,
    text: (w) => `BigQuery refused the rows: ${w.message}`,
    retry: false,
  },
  {
    kind: 'unavailable', match: (f) => f.code >= 500 || f.reason === 'backendError' || f.reason === 'internalError' || f.reason === 'timeout',
    text: () => 'BigQuery did not answer in time.',
    retry: true,
  },
];

const OTHER: FailureRule = { kind: 'other', match: () => true, text: (w) => `BigQuery refused: ${w.message}`, retry: true };
/** Not BigQuery's refusal (the tab is gone, a script error): its own words. */
const NOT_BIGQUERY: FailureRule = { kind: 'other', match: () => true, text: (w) => w.message, retry: true };

export interface FailureView {
  kind: FailureKind;
  text: string;
  field?: 'projectId' | 'datasetId';
  retry: boolean;
}

/** What an error from the port means. Non-BigQuery errors (a bug, a timeout of the script) are 'other'. */
export function explainFailure(error: unknown, where: { projectId: string; datasetId: string }): FailureView {
  const f = error instanceof BigQueryFailure
    ? { code: error.code, reason: error.reason, message: error.message }
    : { code: 0, reason: '', message: error instanceof Error ? error.message : String(error) };
  const rule = RULES.find((r) => r.match(f)) ?? (error instanceof BigQueryFailure ? OTHER : NOT_BIGQUERY);
  return { kind: rule.kind, text: rule.text({ ...where, message: f.message }), ...(rule.field ? { field: rule.field } : {}), retry: rule.retry };
}
