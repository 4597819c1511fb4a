// "Where rows go" in the report editor: the tab alone by default, the tab and BigQuery, or BigQuery only
// (an Append report's history in BigQuery, the newest day in the tab), with the Cloud project, the dataset
// and its location checked at the field before anything is sent; "Check access" asks the server and says
// what it found (calm when all is well, beside the field it is about, a link to allow BigQuery, a
// sandbox's 60 days); a saved report shows its target again; its card says in one line how the BigQuery
// side stands; and all of it works from the keyboard, with the server's words kept as text. "BigQuery
// only" is also used on the local platform (the playground): the real server refuses it for Update and
// Replace, and a real run moves the earlier days out of the tab.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import type { BigQueryCheck, BigQueryStatusView, Configuration, ConfigurationInput, SidebarState } from '../../src/contract/sidebar';
import { isFocused, recordedCalls, startHarness, type Answer, type Harness, type InPage } from './support/sidebar-page';
import { groupMembers, sidebarState } from './support/fixtures';
import { focusedName, tabTo } from './support/keyboard';
import { connectInstagram, openPlayground, runNow, sidebarSays, tabRows, type Session } from './support/playground';

let harness: Harness;
beforeAll(async () => { harness = await startHarness(); });
afterAll(async () => { await harness?.close(); });

const RED = 'rgb(217, 48, 37)';
const GREEN = 'rgb(19, 115, 51)';
const GREY = 'rgb(95, 99, 104)';
const LINE = 'Each run\'s rows are also loaded into a BigQuery table, one table per report, with the account and the day on every row. The tab stays as it is.';
const SANDBOX = 'This project is a BigQuery sandbox: tables in a BigQuery sandbox expire after 60 days. Add a billing account to the project to keep them longer; the tab keeps every row either way.';
const CONSENT_URL = 'https://accounts.google.com/o/oauth2/auth?scope=https://www.googleapis.com/auth/bigquery&client_id=1';

const saves = async (page: Page) => (await recordedCalls(page, 'saveConfiguration')).map((c) => (c.args as [ConfigurationInput])[0]);
const checks = async (page: Page) => (await recordedCalls(page, 'checkBigQuery')).map((c) => c.args?.[0]);
const color = (locator: Locator) => locator.evaluate((e) => (globalThis as unknown as { getComputedStyle(e: unknown): { color: string } }).getComputedStyle(e).color);

const ONLY_LINE = 'The history goes to BigQuery; the tab keeps the newest day, and any rows BigQuery does not have yet. For Append reports.';
const REFUSAL = '"BigQuery only" keeps the history in BigQuery and only the newest day in the tab, so it needs Append (a row per day). '
  + 'In Update and Replace the tab holds the current rows, which each run refreshes: choose "This spreadsheet and BigQuery" for those.';

const bigQueryRadio = (page: Page) => page.getByRole('radio', { name: 'This spreadsheet and BigQuery' });
const onlyRadio = (page: Page) => page.getByRole('radio', { name: 'BigQuery only' });
const project = (page: Page) => page.getByLabel('Google Cloud project id', { exact: true });
const dataset = (page: Page) => page.getByLabel('Dataset', { exact: true });
const location = (page: Page) => page.getByLabel('Location', { exact: true });
const result = (page: Page) => page.locator('#editor-bq-check');

/** A saved User's Information report of @bakery.lisbon that also loads into BigQuery. */
function loading(status?: BigQueryStatusView): Configuration {
  return {
    ...sidebarState().configurations[0], id: 'cfg-bq', tabName: 'Profile BQ',
    destination: 'sheet_and_bigquery', bigquery: { projectId: 'acme-marketing', datasetId: 'instagram_data', location: 'europe-west2' },
    ...(status ? { bigqueryStatus: status } : {}),
  };
}

/** A saved Append report of @bakery.lisbon whose history goes to BigQuery only. */
function onlyInBigQuery(): Configuration {
  return { ...loading(), id: 'cfg-bq-only', destination: 'bigquery', bigquery: { projectId: 'acme-marketing', datasetId: 'instagram_data', location: 'EU' } };
}

function state(...configurations: Configuration[]): SidebarState {
  const s = sidebarState();
  s.configurations.push(...configurations);
  return s;
}

async function open(answers: Record<string, Answer[]>): Promise<Page> {
  const page = await harness.open({ getSidebarState: [{ value: state() }], saveConfiguration: [{ value: loading() }], ...answers });
  await page.getByRole('button', { name: 'New report' }).click();
  await page.getByLabel('Schedule', { exact: true }).waitFor();
  return page;
}

/** New report, BigQuery chosen and a project typed: ready to check or save. */
async function withProject(answers: Record<string, Answer[]>, id = 'acme-marketing'): Promise<Page> {
  const page = await open(answers);
  await bigQueryRadio(page).check();
  await project(page).fill(id);
  return page;
}

const checked = (found: BigQueryCheck): Answer => ({ value: found });

describe('where rows go', () => {
  it('is this spreadsheet by default: nothing of BigQuery shows, and nothing new is sent', async () => {
    const page = await open({});
    expect(await page.locator('#editor-destination legend').innerText()).toBe('Where rows go');
    expect(await page.getByRole('radio', { name: 'This spreadsheet', exact: true }).isChecked()).toBe(true);
    expect(await bigQueryRadio(page).isChecked()).toBe(false);
    // The choice says what it does before it is made.
    expect(await page.locator('#editor-destination-sheet_and_bigquery-line').innerText()).toBe(LINE);
    expect(await project(page).isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Check access' }).isVisible()).toBe(false);
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(async () => (await saves(page)).length).toBe(1);
    const [input] = await saves(page);
    expect(input).not.toHaveProperty('destination');
    expect(input).not.toHaveProperty('bigquery');
  });

  it('with BigQuery: the project, the dataset (sheetgram) and a location (US) appear; saving sends them', async () => {
    const page = await open({});
    await bigQueryRadio(page).check();
    expect(await project(page).isVisible()).toBe(true);
    expect(await project(page).inputValue()).toBe('');
    expect(await dataset(page).inputValue()).toBe('sheetgram');
    expect(await location(page).inputValue()).toBe('US');
    const offered = await location(page).locator('option').evaluateAll((os: any[]) => os.map((o) => o.value));
    expect(offered).toEqual(expect.arrayContaining(['US', 'EU', 'europe-west1', 'europe-west2', 'us-central1', 'asia-northeast1', 'australia-southeast1']));
    expect(await location(page).locator('option').first().innerText()).toBe('US (multi-region)');
    await project(page).fill('  acme-marketing ');
    await location(page).selectOption('europe-west1');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(async () => (await saves(page)).length).toBe(1);
    expect((await saves(page))[0]).toMatchObject({
      reportId: 'user_information', destination: 'sheet_and_bigquery',
      bigquery: { projectId: 'acme-marketing', datasetId: 'sheetgram', location: 'europe-west1' },
    });
    // Choosing the tab alone again hides the target and sends none.
    await page.getByRole('button', { name: 'New report' }).click();
    await bigQueryRadio(page).check();
    await page.getByRole('radio', { name: 'This spreadsheet', exact: true }).check();
    expect(await project(page).isVisible()).toBe(false);
  });

  it('checks the ids at their fields before saving, in words; the alert only summarizes', async () => {
    const page = await open({});
    await bigQueryRadio(page).check();
    await dataset(page).fill('instagram-data');
    await page.getByRole('button', { name: 'Save' }).click();
    expect(await page.locator('#editor-bq-project-error').innerText()).toBe('Type the id of your Google Cloud project, as the Cloud console\'s dashboard shows it (such as acme-marketing).');
    expect(await page.locator('#editor-bq-dataset-error').innerText()).toBe('A dataset name may only hold letters, digits and underscores (such as sheetgram or instagram_data). Use underscores instead of hyphens.');
    for (const [control, error] of [[project(page), 'editor-bq-project-error'], [dataset(page), 'editor-bq-dataset-error']] as const) {
      expect(await control.getAttribute('aria-invalid')).toBe('true');
      expect((await control.getAttribute('aria-describedby'))?.split(' ')).toContain(error);
    }
    expect(await isFocused(project(page))).toBe(true);
    expect(await page.getByRole('alert').innerText()).toBe('Could not save. Check the highlighted fields: "Google Cloud project id" and "Dataset".');
    expect(await saves(page)).toEqual([]);

    // The project's name instead of its id, then an id of a Workspace domain: accepted as it is.
    await project(page).fill('Acme Marketing');
    await dataset(page).fill('instagram_data');
    await page.getByRole('button', { name: 'Save' }).click();
    expect(await page.locator('#editor-bq-project-error').innerText()).toBe('"Acme Marketing" looks like the project\'s name: type its id instead, in lowercase letters, digits and hyphens (such as acme-marketing).');
    expect(await dataset(page).getAttribute('aria-invalid')).toBeNull();
    expect(await page.locator('#editor-bq-dataset-error').innerText()).toBe('');
    await project(page).fill('example.com:analytics');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(async () => (await saves(page)).length).toBe(1);
    expect((await saves(page))[0].bigquery).toEqual({ projectId: 'example.com:analytics', datasetId: 'instagram_data', location: 'US' });
  });

  it('shows the server\'s refusal of a save beside the BigQuery field it names', async () => {
    const sentence = 'Dataset instagram_data is in EU, not US: choose EU, or another dataset.';
    const page = await withProject({ saveConfiguration: [{ error: `[sheetgram:invalid_input] [field:bigquery.location] ${sentence}` }] });
    await dataset(page).fill('instagram_data');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.locator('#editor-bq-location-error').innerText()).toBe(sentence);
    expect(await location(page).getAttribute('aria-invalid')).toBe('true');
    expect(await isFocused(location(page))).toBe(true);
    expect(await page.getByRole('alert').innerText()).toBe('Could not save. Check the highlighted field: "Location".');
  });
});

describe('Check access', () => {
  it('asks the server about the target as typed and says all is well, calmly, in a live region', async () => {
    const message = 'Sheetgram may use BigQuery in acme-marketing; it creates the dataset sheetgram in US at the first run.';
    const page = await withProject({ checkBigQuery: [checked({ ok: true, message })] });
    await page.getByRole('button', { name: 'Check access' }).click();
    await expect.poll(() => result(page).innerText()).toBe(message);
    expect(await checks(page)).toEqual([{ projectId: 'acme-marketing', datasetId: 'sheetgram', location: 'US' }]);
    expect(await result(page).getAttribute('role')).toBe('status');
    expect(await result(page).getAttribute('aria-live')).toBe('polite');
    expect(await color(page.locator('#editor-bq-check-message'))).toBe(GREEN);
    expect(await project(page).getAttribute('aria-invalid')).toBeNull();
    // What it said was about the project as it was: typing makes it stale.
    await project(page).fill('acme-marketing-eu');
    expect(await result(page).innerText()).toBe('');
  });

  it('puts a problem beside the field it names, and still announces it', async () => {
    const message = 'Google Cloud has no project "acme-marketin" that your Google account can see. Check the project id on the Cloud console\'s dashboard.';
    const page = await withProject({ checkBigQuery: [checked({ ok: false, message, field: 'projectId' })] }, 'acme-marketin');
    await page.getByRole('button', { name: 'Check access' }).click();
    await expect.poll(() => page.locator('#editor-bq-project-error').innerText()).toBe(message);
    expect(await project(page).getAttribute('aria-invalid')).toBe('true');
    expect((await project(page).getAttribute('aria-describedby'))?.split(' ')).toContain('editor-bq-project-error');
    // Seen once, beside the field; heard once, from the live region.
    expect(await result(page).textContent()).toBe(message);
    expect(await page.locator('#editor-bq-check-message').getAttribute('class')).toBe('visually-hidden');
    // The keyboard stays where the person pressed.
    expect(await isFocused(page.getByRole('button', { name: 'Check access' }))).toBe(true);
  });

  it('offers to allow BigQuery in a new tab, and says a problem without a field under the button', async () => {
    const message = 'You have not allowed Sheetgram to use BigQuery. Click "Allow Sheetgram to use BigQuery", tick BigQuery on Google\'s page, then check again.';
    const page = await withProject({ checkBigQuery: [checked({ ok: false, message, consentUrl: CONSENT_URL })] });
    await page.getByRole('button', { name: 'Check access' }).click();
    const link = page.getByRole('link', { name: 'Allow Sheetgram to use BigQuery' });
    await link.waitFor();
    expect(await link.getAttribute('href')).toBe(CONSENT_URL);
    expect(await link.getAttribute('target')).toBe('_blank');
    expect(await link.getAttribute('rel')).toBe('noopener');
    expect(await page.locator('#editor-bq-check-message').innerText()).toBe(message);
    expect(await color(page.locator('#editor-bq-check-message'))).toBe(RED);
    expect(await page.locator('[aria-invalid=true]').count()).toBe(0);
  });

  it('says that a sandbox project\'s tables expire after 60 days', async () => {
    const message = 'Sheetgram may use BigQuery in acme-marketing.';
    const page = await withProject({ checkBigQuery: [checked({ ok: true, message, sandbox: true })] });
    await page.getByRole('button', { name: 'Check access' }).click();
    await expect.poll(() => page.locator('#editor-bq-sandbox').innerText().catch(() => '')).toBe(SANDBOX);
    expect(await result(page).locator('p').allInnerTexts()).toEqual([message, SANDBOX]);
  });

  it('checks the ids itself first: nothing is sent, the sentence is beside the field, which gets the focus', async () => {
    const page = await withProject({}, '123456789012');
    await page.getByRole('button', { name: 'Check access' }).click();
    expect(await page.locator('#editor-bq-project-error').innerText()).toBe('"123456789012" is the project\'s number: type its id instead, shown beside it on the Cloud console (such as acme-marketing).');
    expect(await isFocused(project(page))).toBe(true);
    expect(await checks(page)).toEqual([]);
  });

  it('says a failed check under the button, or beside the field a tagged refusal names; a new check clears the old marks only', async () => {
    const page = await withProject({
      checkBigQuery: [
        { error: '[sheetgram:invalid_input] [field:bigquery.datasetId] Dataset sheetgram belongs to another project\'s owner: choose another name.' },
        { error: '[sheetgram:busy] ' },
      ],
    });
    // A mark of the tab from an earlier save stays while BigQuery is checked.
    await page.getByLabel('New tab name').fill('');
    await page.getByRole('button', { name: 'Save' }).click();
    expect(await page.getByLabel('New tab name').getAttribute('aria-invalid')).toBe('true');
    await page.getByRole('button', { name: 'Check access' }).click();
    await expect.poll(() => page.locator('#editor-bq-dataset-error').innerText()).toBe('Dataset sheetgram belongs to another project\'s owner: choose another name.');
    await page.getByRole('button', { name: 'Check access' }).click();
    await expect.poll(() => page.locator('#editor-bq-check-message').innerText()).toBe('Sheetgram is already working on this spreadsheet. Try again in a minute.');
    expect(await dataset(page).getAttribute('aria-invalid')).toBeNull();
    expect(await page.getByLabel('New tab name').getAttribute('aria-invalid')).toBe('true');
  });

  it('keeps the server\'s words as text and links only to https', async () => {
    const message = '<img src=x onerror="window.__pwned=1"> is not a project.';
    const page = await withProject({ checkBigQuery: [checked({ ok: false, message, consentUrl: 'javascript:window.__pwned=2' })] });
    await page.getByRole('button', { name: 'Check access' }).click();
    await expect.poll(() => page.locator('#editor-bq-check-message').innerText()).toBe(message);
    expect(await page.locator('#editor img').count()).toBe(0);
    expect(await page.locator('#editor a').count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as unknown as InPage).__pwned)).toBeUndefined();
  });
});

describe('a saved report that loads into BigQuery', () => {
  it('shows its destination and target when edited; choosing the tab alone says so', async () => {
    const page = await harness.open({ getSidebarState: [{ value: state(loading()) }], saveConfiguration: [{ value: loading() }] });
    await page.getByRole('button', { name: 'Edit User\'s Information for @bakery.lisbon' }).last().click();
    expect(await bigQueryRadio(page).isChecked()).toBe(true);
    expect(await project(page).inputValue()).toBe('acme-marketing');
    expect(await dataset(page).inputValue()).toBe('instagram_data');
    expect(await location(page).inputValue()).toBe('europe-west2');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(async () => (await saves(page)).length).toBe(1);
    expect((await saves(page))[0]).toMatchObject({ id: 'cfg-bq', destination: 'sheet_and_bigquery', bigquery: { projectId: 'acme-marketing', datasetId: 'instagram_data', location: 'europe-west2' } });

    await page.getByRole('button', { name: 'Edit User\'s Information for @bakery.lisbon' }).last().click();
    await page.getByRole('radio', { name: 'This spreadsheet', exact: true }).check();
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(async () => (await saves(page)).length).toBe(2);
    const [, stopped] = await saves(page);
    expect(stopped.destination).toBe('sheet');
    expect(stopped).not.toHaveProperty('bigquery');
  });

  it('keeps a location the menu does not list', async () => {
    const saved = loading();
    saved.bigquery = { ...saved.bigquery!, location: 'southamerica-east1' };
    const page = await harness.open({ getSidebarState: [{ value: state(saved) }] });
    await page.getByRole('button', { name: 'Edit User\'s Information for @bakery.lisbon' }).last().click();
    expect(await location(page).inputValue()).toBe('southamerica-east1');
  });

  it('says on its card, in one line, how the BigQuery side stands: failed as a problem, pending and loaded calmly', async () => {
    const table = 'acme-marketing.instagram_data.user_information';
    const ok: Configuration = { ...loading({ state: 'ok', table, text: 'BigQuery: loaded 3 Mar, 07:05 (31 days).' }), id: 'cfg-ok' };
    const pending: Configuration = { ...loading({ state: 'pending', table, text: 'BigQuery: 2 days wait for the next run.' }), id: 'cfg-pending', accountId: '17841400000000002' };
    const failed: Configuration = {
      ...loading({ state: 'failed', table, text: 'BigQuery: the last load failed: the BigQuery API is turned off in project acme-marketing. Sheetgram tries again at the next run.' }),
      id: 'cfg-failed', reportId: 'recent_media', tabName: 'Posts BQ',
    };
    const group = groupMembers().map((m) => ({ ...m, bigqueryStatus: { state: 'ok' as const, table, text: 'BigQuery: loaded 3 Mar, 07:05.' } }));
    const page = await harness.open({ getSidebarState: [{ value: state(ok, pending, failed, ...group) }] });
    const line = (id: string) => page.locator(`li.configuration[data-configuration-id="${id}"] .bigquery-status`);
    await line('cfg-ok').waitFor();
    expect(await line('cfg-ok').innerText()).toBe('BigQuery: loaded 3 Mar, 07:05 (31 days).');
    expect(await color(line('cfg-ok'))).toBe(GREY);
    expect(await line('cfg-pending').innerText()).toBe('BigQuery: 2 days wait for the next run.');
    expect(await color(line('cfg-pending'))).toBe(GREY);
    expect(await line('cfg-failed').innerText()).toMatch(/^BigQuery: the last load failed/);
    expect(await color(line('cfg-failed'))).toBe(RED);
    // One line a card: a group loading one table says it once.
    const groupLines = page.locator('li.configuration-group .bigquery-status');
    expect(await groupLines.allInnerTexts()).toEqual(['BigQuery: loaded 3 Mar, 07:05.']);
    // A line is one line in the 300 px sidebar when the sentence is short.
    const box = await line('cfg-pending').boundingBox();
    expect(box && box.height).toBeLessThan(20);
    // Cards without BigQuery say nothing of it.
    expect(await page.locator('li.configuration[data-configuration-id="cfg-1"] .bigquery-status').count()).toBe(0);
  });

  it('names each account when a group\'s members stand differently', async () => {
    const table = 'acme-marketing.instagram_data.user_information';
    const group = groupMembers().map((m, i) => ({ ...m, bigqueryStatus: i === 0 ? { state: 'failed' as const, table, text: 'BigQuery: the last load failed.' } : { state: 'ok' as const, table, text: 'BigQuery: loaded 3 Mar, 07:05.' } }));
    const page = await harness.open({ getSidebarState: [{ value: state(...group) }] });
    const lines = page.locator('li.configuration-group .bigquery-status');
    await lines.first().waitFor();
    expect(await lines.allInnerTexts()).toEqual(['@bakery.lisbon: BigQuery: loaded 3 Mar, 07:05.', '@old.shop: BigQuery: loaded 3 Mar, 07:05.', '@studio.porto: BigQuery: the last load failed.']);
  });
});

describe('keyboard only', () => {
  it('chooses BigQuery, fills the target, checks access, reaches the link and saves', async () => {
    const message = 'You have not allowed Sheetgram to use BigQuery. Click "Allow Sheetgram to use BigQuery", tick BigQuery on Google\'s page, then check again.';
    const s = state();
    const page = await harness.open({
      getSidebarState: [{ value: s }],
      checkBigQuery: [checked({ ok: false, message, consentUrl: CONSENT_URL, sandbox: true })],
      saveConfiguration: [{ value: loading() }],
    });
    await page.locator('li.configuration').first().waitFor();
    await tabTo(page, 'New report');
    await page.keyboard.press('Enter');
    await tabTo(page, 'This spreadsheet');
    // One stop for the radio group; the arrow chooses, and the target's fields come next in the order.
    await page.keyboard.press('ArrowDown');
    expect(await bigQueryRadio(page).isChecked()).toBe(true);
    await page.keyboard.press('Tab');
    expect(await focusedName(page)).toBe('Google Cloud project id');
    await page.keyboard.type('acme-marketing');
    await page.keyboard.press('Tab');
    expect(await focusedName(page)).toBe('Dataset');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('instagram_data');
    await page.keyboard.press('Tab');
    expect(await focusedName(page)).toBe('Location');
    await page.keyboard.press('ArrowDown');
    expect(await location(page).inputValue()).toBe('EU');
    await page.keyboard.press('Tab');
    expect(await focusedName(page)).toBe('Check access');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#editor-bq-check-message').innerText().catch(() => '')).toBe(message);
    expect(await checks(page)).toEqual([{ projectId: 'acme-marketing', datasetId: 'instagram_data', location: 'EU' }]);
    expect(await page.locator('#editor-bq-sandbox').innerText()).toBe(SANDBOX);
    await page.keyboard.press('Tab');
    expect(await focusedName(page)).toBe('Allow Sheetgram to use BigQuery');
    // Then on through the form to Save (the write mode and the schedule come after).
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (globalThis as unknown as InPage).document.activeElement.name)).toMatch(/^mode/);
    await tabTo(page, 'Save');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await saves(page)).length).toBe(1);
    expect((await saves(page))[0]).toMatchObject({ destination: 'sheet_and_bigquery', bigquery: { projectId: 'acme-marketing', datasetId: 'instagram_data', location: 'EU' } });
  });

  it('reaches the labelled controls of the section, each named once', async () => {
    const page = await open({});
    await bigQueryRadio(page).check();
    const labels = await page.locator('#editor-destination label').allInnerTexts();
    expect(labels).toEqual(['This spreadsheet', 'This spreadsheet and BigQuery', 'BigQuery only', 'Google Cloud project id', 'Dataset', 'Location']);
    for (const name of ['Google Cloud project id', 'Dataset', 'Location']) expect(await page.getByLabel(name, { exact: true }).count()).toBe(1);
  });
});

describe('BigQuery only', () => {
  it('for an Append report: the target fields show, saving sends them, and editing the saved report shows the choice and the target again', async () => {
    const saved = onlyInBigQuery();
    const page = await harness.open({ getSidebarState: [{ value: state() }, { value: state(saved) }], saveConfiguration: [{ value: saved }] });
    await page.getByRole('button', { name: 'New report' }).click();
    await page.getByLabel('Schedule', { exact: true }).waitFor();
    // User's Information appends by default; the choice says what it does before it is made.
    expect(await page.getByRole('radio', { name: 'Append', exact: true }).isChecked()).toBe(true);
    expect(await page.locator('#editor-destination-bigquery-line').innerText()).toBe(ONLY_LINE);
    expect((await onlyRadio(page).getAttribute('aria-describedby'))?.split(' ')).toContain('editor-destination-bigquery-line');
    expect(await project(page).isVisible()).toBe(false);
    await onlyRadio(page).check();
    expect(await bigQueryRadio(page).isChecked()).toBe(false);
    expect(await project(page).isVisible()).toBe(true);
    expect(await dataset(page).inputValue()).toBe('sheetgram');
    expect(await location(page).inputValue()).toBe('US');
    expect(await page.getByRole('button', { name: 'Check access' }).isVisible()).toBe(true);
    await project(page).fill('acme-marketing');
    await dataset(page).fill('instagram_data');
    await location(page).selectOption('EU');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(async () => (await saves(page)).length).toBe(1);
    expect((await saves(page))[0]).toMatchObject({
      reportId: 'user_information', mode: 'append', destination: 'bigquery',
      bigquery: { projectId: 'acme-marketing', datasetId: 'instagram_data', location: 'EU' },
    });

    // The list is read again after the save; the saved report's editor shows "BigQuery only" and its target.
    const card = page.locator('li.configuration[data-configuration-id="cfg-bq-only"]');
    await card.getByRole('button', { name: /^Edit / }).click();
    await page.getByLabel('Schedule', { exact: true }).waitFor();
    expect(await onlyRadio(page).isChecked()).toBe(true);
    expect(await bigQueryRadio(page).isChecked()).toBe(false);
    expect(await page.getByRole('radio', { name: 'This spreadsheet', exact: true }).isChecked()).toBe(false);
    expect(await project(page).isVisible()).toBe(true);
    expect(await project(page).inputValue()).toBe('acme-marketing');
    expect(await dataset(page).inputValue()).toBe('instagram_data');
    expect(await location(page).inputValue()).toBe('EU');
    // Saved again unchanged, it stays BigQuery only with the same target.
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(async () => (await saves(page)).length).toBe(2);
    expect((await saves(page))[1]).toMatchObject({ id: 'cfg-bq-only', destination: 'bigquery', bigquery: { projectId: 'acme-marketing', datasetId: 'instagram_data', location: 'EU' } });
  });

  it('with Update or Replace: the server\'s refusal is said at "Where rows go", and the editor stays as it was', async () => {
    const page = await harness.open({
      getSidebarState: [{ value: state() }],
      saveConfiguration: [{ error: `[sheetgram:invalid_input] [field:destination] ${REFUSAL}` }],
    });
    await page.getByRole('button', { name: 'New report' }).click();
    await onlyRadio(page).check();
    await project(page).fill('acme-marketing');
    for (const [i, mode] of (['Update', 'Replace'] as const).entries()) {
      await page.getByRole('radio', { name: mode, exact: true }).check();
      await page.getByRole('button', { name: 'Save' }).click();
      await expect.poll(async () => (await saves(page)).length).toBe(i + 1);
      expect((await saves(page))[i]).toMatchObject({ mode: mode.toLowerCase(), destination: 'bigquery', bigquery: { projectId: 'acme-marketing' } });
      await expect.poll(() => page.locator('#editor-destination-error').innerText()).toBe(REFUSAL);
      // As other refusals at a field: the chosen radio is marked and described by the sentence, and has the focus.
      expect(await onlyRadio(page).getAttribute('aria-invalid')).toBe('true');
      expect((await onlyRadio(page).getAttribute('aria-describedby'))?.split(' ')).toContain('editor-destination-error');
      expect(await isFocused(onlyRadio(page))).toBe(true);
      expect(await page.locator('#editor-destination').getAttribute('class')).toContain('invalid');
      expect(await page.getByRole('alert').innerText()).toBe('Could not save. Check the highlighted field: "Where rows go".');
      // Nothing was saved: the editor is still open with the choice, and the list was not read again.
      expect(await page.locator('#editor-heading').innerText()).toBe('New report');
      expect(await onlyRadio(page).isChecked()).toBe(true);
      expect(await project(page).inputValue()).toBe('acme-marketing');
      expect(await recordedCalls(page, 'getSidebarState')).toHaveLength(1);
      expect(await page.locator('li.configuration').count()).toBe(sidebarState().configurations.length);
    }
  });
});

describe('BigQuery only on the local platform', () => {
  const TITLE = 'User\'s Information';
  const TABLE = 'sheetgram-demo.sheetgram.user_information';
  let s: Session | undefined;
  afterEach(async () => { await s?.close(); s = undefined; });

  /** A fresh playground with @sunny.creates connected and the editor open on a new User's Information report. */
  async function newReport(): Promise<Session> {
    s = await openPlayground();
    const popup = await connectInstagram(s);
    await popup.close();
    await s.sidebar.locator('li.account', { hasText: '@sunny.creates' }).waitFor();
    await s.sidebar.getByRole('button', { name: 'New report' }).click();
    await s.sidebar.getByLabel('Report', { exact: true }).selectOption({ label: TITLE });
    return s;
  }

  it('is refused by the server for Update and Replace, at "Where rows go"; nothing is saved until Append is chosen', async () => {
    const s = await newReport();
    await s.sidebar.getByRole('radio', { name: 'BigQuery only' }).check();
    await s.sidebar.getByLabel('Google Cloud project id', { exact: true }).fill('sheetgram-demo');
    for (const mode of ['Update', 'Replace']) {
      await s.sidebar.getByRole('radio', { name: mode, exact: true }).check();
      const save = s.sidebar.getByRole('button', { name: 'Save' });
      await save.click();
      // Save is disabled while the server answers (and the last refusal cleared): this mode's answer is in.
      await expect.poll(() => save.isEnabled()).toBe(true);
      expect(await s.sidebar.locator('#editor-destination-error').innerText()).toBe(REFUSAL);
      expect(await s.sidebar.getByRole('radio', { name: 'BigQuery only' }).getAttribute('aria-invalid')).toBe('true');
      expect(await s.sidebar.getByRole('alert').innerText()).toBe('Could not save. Check the highlighted field: "Where rows go".');
      expect(await s.sidebar.locator('li.configuration').count()).toBe(0);
    }
    await s.sidebar.getByRole('radio', { name: 'Append', exact: true }).check();
    await s.sidebar.getByRole('button', { name: 'Save' }).click();
    await sidebarSays(s, `Saved: ${TITLE}`);
    expect(await s.sidebar.locator('li.configuration').count()).toBe(1);
    expect(s.errors).toEqual([]);
  }, 60_000);

  it('for Append: saved with its target and shown again; after a run the tab keeps the newest day and the card says so', async () => {
    const s = await newReport();
    expect(await s.sidebar.getByRole('radio', { name: 'Append', exact: true }).isChecked()).toBe(true);
    await s.sidebar.getByRole('radio', { name: 'BigQuery only' }).check();
    await s.sidebar.getByLabel('Google Cloud project id', { exact: true }).fill('sheetgram-demo');
    await s.sidebar.getByRole('button', { name: 'Save' }).click();
    await sidebarSays(s, `Saved: ${TITLE}`);

    await s.sidebar.getByRole('button', { name: `Edit ${TITLE} for @sunny.creates`, exact: true }).click();
    expect(await s.sidebar.getByRole('radio', { name: 'BigQuery only' }).isChecked()).toBe(true);
    expect(await s.sidebar.getByLabel('Google Cloud project id', { exact: true }).inputValue()).toBe('sheetgram-demo');
    expect(await s.sidebar.getByLabel('Dataset', { exact: true }).inputValue()).toBe('sheetgram');
    expect(await s.sidebar.getByLabel('Location', { exact: true }).inputValue()).toBe('US');
    await s.sidebar.getByRole('button', { name: 'Cancel' }).click();

    const line = s.sidebar.locator('li.configuration .bigquery-status');
    expect(await line.innerText()).toBe(`BigQuery: the rows go to ${TABLE} after the next run.`);
    expect(await runNow(s, TITLE)).toMatch(/^Finished: 31 rows added/);
    await expect.poll(() => line.innerText()).toMatch(/The tab keeps the newest day \(30 rows of earlier days moved out\)\.$/);
    expect(await line.innerText()).toMatch(new RegExp(`^BigQuery: 31 rows of 31 days loaded today at \\d\\d:\\d\\d into ${TABLE.replace(/\./g, '\\.')}\\.`));
    expect(await line.getAttribute('data-state')).toBe('ok');
    // The header and the newest day are what the tab keeps.
    expect(await tabRows(s, TITLE)).toHaveLength(2);
    expect(s.errors).toEqual([]);
  }, 90_000);
});
