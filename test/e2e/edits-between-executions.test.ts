// A first pull too big for one execution, in each mode, while the person works in the tab between
// executions: sorts it, filters it, inserts and deletes a row, inserts a column, types notes beside
// posts and renames the tab. Every post ends up exactly once, every note beside its post, and a
// Replace keeps the old rows whole until it swaps the new ones in.
import { afterEach, describe, expect, it } from 'vitest';
import { largeScenario } from '../../local/instagram/scenario';
import type { Stack } from '../../local/platform/stack';
import type { WriteMode } from '../../src/core/reports/types';
import { columnsUpTo, CREATOR, DAY, HOUR, stack, wholeRows } from './support';

const POSTS = 2_500;
let s: Stack;
afterEach(async () => {
  await s?.close();
});

const values = (tab: string) => (s.rt.workbook.sheetNamed(tab) ? s.rt.workbook.values(tab) : []).map((r) => r.map((v) => (v instanceof Date ? v.toISOString() : String(v))));
const col = (tab: string, header: string) => {
  const i = values(tab)[0].indexOf(header);
  if (i < 0) throw new Error(`no ${header} in ${tab}: ${values(tab)[0].join(', ')}`);
  return i;
};
const letter = (i: number) => String.fromCharCode(65 + i);
const runNow = (id: string) => s.rt.call('runConfigurationNow', [id]) as { status: string; message: string };
const status = (id: string) => (s.rt.call('getSidebarState') as { configurations: { id: string; tabName: string; lastRun?: { status: string } }[] }).configurations.find((c) => c.id === id)!;

/** What a person does between two executions of the pull. */
function edit(tab: string, round: number): void {
  const rows = values(tab).length;
  // Sort by likes, descending, and hide the rows with few likes.
  s.rt.workbook.sortRange(tab, wholeRows(s, tab, rows), col(tab, 'Like count') + 1, round % 2 === 0);
  s.rt.workbook.filter(tab, { column: col(tab, 'Like count') + 1, keep: (shown) => Number(shown.replace(/,/g, '')) > 100 });
  // A blank row in the middle, then deleted again; a column in front of everything.
  s.rt.workbook.insertRows(tab, 3, 1);
  s.rt.workbook.deleteRows(tab, 3, 1);
  s.rt.workbook.insertColumns(tab, 1, 1);
  s.rt.workbook.typeInto(tab, 'A1', `Mine ${round}`);
  // A note beside two posts, naming the post it belongs to.
  const notes = values(tab)[0].indexOf('Notes') >= 0 ? col(tab, 'Notes') : values(tab)[0].length;
  columnsUpTo(s, tab, notes + 1);
  if (values(tab)[0].indexOf('Notes') < 0) s.rt.workbook.typeInto(tab, `${letter(notes)}1`, 'Notes');
  const ids = col(tab, 'Media ID');
  for (const row of [2, Math.floor(rows / 2)]) s.rt.workbook.typeInto(tab, `${letter(notes)}${row}`, `note on ${values(tab)[row - 1][ids]}`);
}

/** Runs the pull to its end, editing between executions; returns how many executions it took and the tab's name. */
function pullWithEdits(id: string, tab: string, renameTo: string): { executions: number; tab: string } {
  let name = tab;
  let executions = 1;
  let summary = runNow(id);
  for (let round = 0; summary.status === 'continues' && round < 12; round++) {
    if (values(name).length > 1) {
      edit(name, round);
      if (round === 0) {
        s.rt.workbook.renameSheet(name, renameTo);
        name = renameTo;
      }
    }
    s.rt.advance(HOUR);
    executions++;
    summary = { status: status(id).lastRun?.status ?? 'none', message: '' };
  }
  expect(summary.status).toMatch(/ok|partial/);
  return { executions, tab: name };
}

function checkEveryPostOnceWithItsNotes(tab: string, withNotes = true): void {
  const [head, ...body] = values(tab);
  const ids = body.map((r) => r[head.indexOf('Media ID')]).filter((id) => id !== '');
  expect(new Set(ids).size, 'no post twice').toBe(ids.length);
  expect(ids.length, 'every post').toBe(POSTS);
  expect(body.every((r) => r[head.indexOf('Media ID')] === '' || r[head.indexOf('Account ID')] === CREATOR)).toBe(true);
  const notes = body.filter((r) => r[head.indexOf('Notes')] !== '' && r[head.indexOf('Notes')] !== undefined);
  if (withNotes) expect(notes.length).toBeGreaterThan(0);
  for (const r of notes) expect(r[head.indexOf('Notes')]).toBe(`note on ${r[head.indexOf('Media ID')]}`);
}

describe('a first pull over several executions, with the person editing the tab in between', () => {
  for (const mode of ['update', 'append'] as WriteMode[]) {
    it(`${mode}: every post exactly once, every note beside its post`, async () => {
      s = await stack({ scenario: largeScenario({ media: POSTS }), latencyMs: 35_000, transport: 'in-process' });
      await s.connect('instagram');
      const config = s.rt.call('saveConfiguration', [{
        accountId: CREATOR, reportId: 'recent_media', fields: ['id', 'timestamp', 'caption', 'like_count'], tabName: 'Posts', mode, schedule: { kind: 'off' },
      }]) as { id: string };
      const { executions, tab } = pullWithEdits(config.id, 'Posts', 'Our posts');
      expect(executions).toBeGreaterThanOrEqual(3);
      checkEveryPostOnceWithItsNotes(tab);
    });
  }

  it('replace: the old rows stay whole until the new result is complete, then every post once, every note beside its post', async () => {
    s = await stack({ scenario: largeScenario({ media: POSTS }), latencyMs: 35_000, transport: 'in-process' });
    await s.connect('instagram');
    const config = s.rt.call('saveConfiguration', [{
      accountId: CREATOR, reportId: 'recent_media', fields: ['id', 'timestamp', 'caption', 'like_count'], tabName: 'Posts', mode: 'replace', schedule: { kind: 'off' },
    }]) as { id: string };
    // The first pull keeps its rows aside until it has them all: the tab appears complete, at once.
    const first = pullWithEdits(config.id, 'Posts', 'Our posts');
    checkEveryPostOnceWithItsNotes(first.tab, false);
    s.rt.advance(DAY);
    // The second Replace: between its executions the tab still holds the whole first result.
    const before = values(first.tab);
    let summary = runNow(config.id);
    expect(summary.status).toBe('continues');
    expect(values(first.tab)).toEqual(before);
    expect(s.rt.workbook.sheets.some((sheet) => sheet.name.startsWith('Sheetgram staging'))).toBe(true);
    edit(first.tab, 5);
    for (let i = 0; i < 12 && summary.status === 'continues'; i++) {
      s.rt.advance(HOUR);
      summary = { status: status(config.id).lastRun?.status ?? 'none', message: '' };
    }
    checkEveryPostOnceWithItsNotes(first.tab);
    expect(s.rt.workbook.sheets.some((sheet) => sheet.name.startsWith('Sheetgram staging'))).toBe(false);
  });
});
