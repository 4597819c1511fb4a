// "Check access": whether Sheetgram may use BigQuery in the project and dataset the person typed, found
// by doing what a load will do first (read the dataset, make it when missing), said in words.
import type { BigQueryCheck } from '../../contract/sidebar';
import { explainFailure } from './errors';
import type { BigQueryPort } from './port';
import { checkTarget } from './target';

const SANDBOX_NOTE = 'This project has no billing account (a BigQuery sandbox): BigQuery deletes its tables\' rows after 60 days, so keep the tab as your archive or add billing to keep them.';

export function checkBigQueryAccess(port: BigQueryPort, input: unknown): BigQueryCheck {
  const target = checkTarget(input);
  if ('message' in target) return { ok: false, message: target.message, field: target.field };
  const { projectId, datasetId, location } = target;
  if (!port.allowed()) {
    const url = port.consentUrl();
    return {
      ok: false, message: 'You have not allowed Sheetgram to use BigQuery yet. Click "Allow Sheetgram to use BigQuery", tick BigQuery on Google\'s page, then check again.',
      ...(url ? { consentUrl: url } : {}),
    };
  }
  try {
    let dataset = port.getDataset(projectId, datasetId);
    let made = false;
    if (!dataset) {
      dataset = port.createDataset(projectId, datasetId, location, 'Instagram data loaded by Sheetgram.');
      made = true;
    }
    // A sandbox gives every new table a 60-day expiry; a dataset someone else made may say so too.
    const sandbox = dataset.defaultTableExpirationMs !== undefined && dataset.defaultTableExpirationMs <= 60 * 86_400_000;
    const where = made ? `Sheetgram made the dataset ${projectId}.${datasetId} (${dataset.location})` : `The dataset ${projectId}.${datasetId} is ready (${dataset.location})`;
    const moved = !made && dataset.location && dataset.location.toLowerCase() !== location.toLowerCase()
      ? ` It is in ${dataset.location}, not ${location}: BigQuery keeps a dataset where it was made, and Sheetgram uses it there.` : '';
    return {
      ok: true, message: `${where}; each report gets its table there after its next run.${moved}${sandbox ? ` ${SANDBOX_NOTE}` : ''}`,
      ...(sandbox ? { sandbox: true } : {}),
    };
  } catch (e) {
    const failure = explainFailure(e, { projectId, datasetId });
    const url = failure.kind === 'consent' ? port.consentUrl() : null;
    return { ok: false, message: failure.text, ...(failure.field ? { field: failure.field } : {}), ...(url ? { consentUrl: url } : {}) };
  }
}
