// The report editor's "Where rows go": the tab alone (the default), the tab and a BigQuery dataset, or
// BigQuery only (the tab keeps the newest day). With BigQuery the person names the Cloud project, the
// dataset and where a new dataset is kept, and may ask the server to "Check access" before saving. What
// the check finds is said in a live region under the button (calm when all is well); a problem about one
// field is also shown beside that field, a link lets the person allow Sheetgram to use BigQuery, and a
// sandbox project's 60 days are said. The editor checks the ids' shape itself (bigquery-target) before
// anything is sent; the server checks again.
import type { BigQueryCheck, BigQueryTarget, Configuration, ConfigurationInput, Destination } from '../../contract/sidebar';
import { button, el, replaceChildren, uid } from './dom';
import { call } from './server';
import { describeError, errorDetail, errorField } from './errors';
import { fieldError, labelled } from './form-parts';
import type { FieldErrors } from './field-errors';
import { BIGQUERY_LOCATIONS, DEFAULT_DATASET, DEFAULT_LOCATION, datasetIdProblem, projectIdProblem } from './bigquery-target';
import { BIGQUERY_CONSENT, BIGQUERY_SANDBOX, DESTINATIONS } from './wording';

/** The target's fields as InputField names them (a refused save) and as BigQueryCheck.field does. */
const TARGET_FIELDS = ['bigquery.projectId', 'bigquery.datasetId', 'bigquery.location'] as const;
type TargetField = 'projectId' | 'datasetId' | 'location';

export interface DestinationSection {
  element: HTMLElement;
  /** Marks what is wrong with the target at its fields (nothing when the rows go to the tab alone). */
  validate(): void;
  /** destination and bigquery for the input; nothing for a tab alone that was never anything else. */
  read(): Pick<ConfigurationInput, 'destination' | 'bigquery'>;
}

export function destinationSection(existing: Configuration | null, marks: FieldErrors): DestinationSection {
  const name = uid('destination');
  const radios = DESTINATIONS.map(({ value, label, line }) => {
    const id = `editor-destination-${value}`;
    const radio = el('input', { type: 'radio', name, id, value, checked: (existing?.destination ?? 'sheet') === value, 'aria-describedby': line ? `${id}-line` : null });
    return { radio, row: el('div', { class: 'choice' }, radio, el('label', { for: id }, label), line && el('div', { class: 'secondary-text', id: `${id}-line` }, line)) };
  });
  const chosen = (): Destination => (radios.find((r) => r.radio.checked)?.radio.value as Destination | undefined) ?? 'sheet';
  const destinationError = fieldError('editor-destination-error');

  const saved = existing?.bigquery;
  const project = el('input', { type: 'text', id: 'editor-bq-project', autocomplete: 'off', spellcheck: 'false', autocapitalize: 'none', 'aria-describedby': 'editor-bq-project-line' });
  project.value = saved?.projectId ?? '';
  const dataset = el('input', { type: 'text', id: 'editor-bq-dataset', autocomplete: 'off', spellcheck: 'false', autocapitalize: 'none', 'aria-describedby': 'editor-bq-dataset-line' });
  dataset.value = saved?.datasetId ?? DEFAULT_DATASET;
  const savedLocation = saved?.location ?? DEFAULT_LOCATION;
  const location = el('select', { id: 'editor-bq-location', 'aria-describedby': 'editor-bq-location-line' },
    ...BIGQUERY_LOCATIONS.map((l) => el('option', { value: l.value }, l.label)),
    // A location saved earlier that the menu does not list stays what it is until changed.
    !BIGQUERY_LOCATIONS.some((l) => l.value === savedLocation) && el('option', { value: savedLocation }, savedLocation));
  location.value = savedLocation;
  const errors: Record<TargetField, HTMLElement> = {
    projectId: fieldError('editor-bq-project-error'),
    datasetId: fieldError('editor-bq-dataset-error'),
    location: fieldError('editor-bq-location-error'),
  };
  const controls: Record<TargetField, HTMLInputElement | HTMLSelectElement> = { projectId: project, datasetId: dataset, location };

  const result = el('div', { id: 'editor-bq-check', class: 'bigquery-check', role: 'status', 'aria-live': 'polite' });
  let checking = false;
  const check = button('Check access', () => void checkAccess(), 'secondary', { id: 'editor-bq-check-access' });
  // A plain wrapper carries `hidden`: the .choice and .form-group rules would override it.
  const targetArea = el('div', { id: 'editor-bigquery' },
    labelled('Google Cloud project id', project, el('p', { class: 'secondary-text', id: 'editor-bq-project-line' }, 'As the Cloud console\'s dashboard shows it, such as acme-marketing.'), errors.projectId),
    labelled('Dataset', dataset, el('p', { class: 'secondary-text', id: 'editor-bq-dataset-line' }, 'Sheetgram creates it if it does not exist yet.'), errors.datasetId),
    labelled('Location', location, el('p', { class: 'secondary-text', id: 'editor-bq-location-line' }, 'Where BigQuery keeps a new dataset; an existing one stays where it is.'), errors.location),
    el('div', { class: 'buttons' }, check),
    result);
  const toBigQuery = () => chosen() !== 'sheet';
  const showTarget = () => { targetArea.hidden = !toBigQuery(); };
  radios.forEach(({ radio }) => radio.addEventListener('change', showTarget));
  showTarget();
  // What a check said is about the target as it was: a change makes it stale.
  for (const control of [project, dataset, location]) control.addEventListener(control === location ? 'change' : 'input', () => replaceChildren(result));

  const element = el('fieldset', { id: 'editor-destination', 'aria-describedby': 'editor-destination-error' },
    el('legend', {}, 'Where rows go'), ...radios.map((r) => r.row), targetArea, destinationError);

  marks.add('destination', { label: 'Where rows go', control: () => radios.find((r) => r.radio.checked)?.radio ?? radios[0].radio, error: destinationError, group: element });
  marks.add('bigquery.projectId', { label: 'Google Cloud project id', control: () => project, error: errors.projectId });
  marks.add('bigquery.datasetId', { label: 'Dataset', control: () => dataset, error: errors.datasetId });
  marks.add('bigquery.location', { label: 'Location', control: () => location, error: errors.location });

  const target = (): BigQueryTarget => ({ projectId: project.value.trim(), datasetId: dataset.value.trim(), location: location.value });
  /** Marks the ids the browser can already tell are wrong; true when there were none. */
  const markShape = (): boolean => {
    const problems: Array<[string, string | null]> = [['bigquery.projectId', projectIdProblem(project.value)], ['bigquery.datasetId', datasetIdProblem(dataset.value)]];
    let fine = true;
    for (const [field, problem] of problems) {
      if (problem && marks.mark(field, problem)) fine = false;
    }
    return fine;
  };

  /** Says what the check found: beside the field it is about (then only announced here), or here. */
  const showCheck = (found: BigQueryCheck) => {
    const atField = !found.ok && found.field !== undefined && marks.mark(`bigquery.${found.field}`, found.message);
    const consent = found.consentUrl && /^https:\/\//i.test(found.consentUrl)
      ? el('p', {}, el('a', { href: found.consentUrl, target: '_blank', rel: 'noopener', id: 'editor-bq-consent' }, BIGQUERY_CONSENT))
      : null;
    replaceChildren(result,
      el('p', { class: atField ? 'visually-hidden' : found.ok ? 'bigquery-check-ok' : 'bigquery-check-problem', id: 'editor-bq-check-message' }, found.message),
      consent,
      found.sandbox && el('p', { class: 'bigquery-sandbox', id: 'editor-bq-sandbox' }, BIGQUERY_SANDBOX));
  };

  const checkAccess = async () => {
    // Not `disabled`: a disabled button drops the keyboard's focus to the page.
    if (checking) return;
    marks.unmark(...TARGET_FIELDS);
    replaceChildren(result);
    if (!markShape()) {
      // The sentence is beside the field, read out as the focus arrives there.
      [project, dataset].find((c) => c.getAttribute('aria-invalid') === 'true')?.focus();
      return;
    }
    checking = true;
    check.setAttribute('aria-disabled', 'true');
    try {
      showCheck(await call('checkBigQuery', target()));
    } catch (error) {
      // A refusal of the server may name the field as a save's would ("bigquery.projectId").
      const field = errorField(error)?.replace(/^bigquery\./, '');
      if (field && field in controls) showCheck({ ok: false, message: errorDetail(error), field: field as TargetField });
      else showCheck({ ok: false, message: describeError(error) });
    } finally {
      checking = false;
      check.removeAttribute('aria-disabled');
    }
  };

  return {
    element,
    validate() {
      if (toBigQuery()) markShape();
    },
    read() {
      const destination = chosen();
      if (destination !== 'sheet') return { destination, bigquery: target() };
      // Said outright when a report stops loading into BigQuery; a report that only ever had its tab sends nothing new.
      return existing?.destination ? { destination: 'sheet' } : {};
    },
  };
}
