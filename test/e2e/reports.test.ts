// Every report end to end over HTTP, and the sheet-level promises: idempotent re-runs, a person's own
// columns and formulas kept, reordered headers, deleted and renamed tabs, exact 17-digit ids, captions
// that stay text, long text cut with a marker, empty apart from zero, dates in the sheet's time zone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../local/platform/stack';
import { TRICKY_CAPTIONS } from '../../local/instagram/scenario/default';
import { REPORTS } from '../../src/core/reports/registry';
import type { WriteMode } from '../../src/core/reports/types';
import { BAKERY, columnsUpTo, CREATOR, DAY, stackWithBothAccounts } from './support';

let s: Stack;
beforeAll(async () => {
  s = await stackWithBothAccounts();
});
afterAll(async () => {
  await s?.close();
});

const SETTINGS: Record<string, Record<string, string>> = {
  competitors: { competitors: 'rival.bakery, city.creator, late.night.bar, nobody.here' },
  hashtags: { hashtags: 'sourdough, lisbon' },
};

let tabCounter = 0;
function save(reportId: string, accountId: string, mode?: WriteMode, extra: Record<string, unknown> = {}) {
  const report = REPORTS.find((r) => r.id === reportId)!;
  return s.rt.call('saveConfiguration', [{
    accountId, reportId, fields: report.fields.filter((f) => f.default).map((f) => f.id), tabName: `${report.title} ${++tabCounter}`,
    mode: mode ?? report.defaultMode, schedule: { kind: 'off' }, settings: SETTINGS[reportId], ...extra,
  }]) as { id: string; tabName: string };
}
const run = (id: string) => s.rt.call('runConfigurationNow', [id]) as { status: string; rowsAdded: number; rowsUpdated: number; callsUsed: number; message: string };
const values = (tab: string) => s.rt.workbook.values(tab);
const column = (tab: string, header: string) => {
  const [head, ...rows] = values(tab);
  const i = head.indexOf(header);
  if (i < 0) throw new Error(`no column ${header} in ${tab}: ${head.join(', ')}`);
  return rows.map((r) => r[i]);
};

describe('every report in every mode', () => {
  const accountFor = (flows: readonly string[]) => (flows.includes('instagram') ? CREATOR : BAKERY);
  for (const report of REPORTS) {
    for (const mode of ['append', 'replace', 'update'] as WriteMode[]) {
      it(`${report.title} (${mode})`, () => {
        const config = save(report.id, accountFor(report.loginFlows), mode);
        const first = run(config.id);
        expect(first.status, first.message).toMatch(/ok|partial/);
        const rows = values(config.tabName);
        expect(rows[0]).toEqual(expect.arrayContaining(report.fields.filter((f) => f.default).map((f) => f.header)));
        expect(rows.length - 1).toBe(first.rowsAdded);
        // Running again the same day changes nothing in the number of rows: no duplicate, nothing lost.
        const second = run(config.id);
        expect(second.status, second.message).toMatch(/ok|partial/);
        expect(values(config.tabName).length).toBe(rows.length);
        if (mode !== 'replace') expect(second.rowsAdded).toBe(0);
      });
    }
  }
});

describe('the sheet is the archive, and the person\'s own work is kept', () => {
  it('Append adds one dated row per run date and replaces that date\'s rows on a second run', () => {
    const config = save('user_information', CREATOR, 'append');
    run(config.id);
    run(config.id);
    s.rt.advance(DAY);
    run(config.id);
    const dates = column(config.tabName, 'Run date') as Date[];
    // The first run also wrote the 30 days before it, rebuilt (follower-history.test.ts); then a row per run date.
    expect(dates).toHaveLength(30 + 2);
    expect(dates.every((d) => d instanceof Date)).toBe(true);
    // Dates are midnights in the spreadsheet's time zone (Europe/Lisbon): the display shows the day, as the locale (en_US) writes it.
    const shown = s.rt.workbook.displayValues(config.tabName).slice(1).map((r) => r[0]);
    expect(shown[1]).not.toBe(shown[0]);
    expect(shown[0]).toMatch(/^\d{1,2}\/\d{1,2}\/\d{4}$/);
  });

  it('keeps a person\'s columns, formulas and column order, and writes into the right columns', () => {
    const config = save('recent_media', CREATOR, 'update');
    run(config.id);
    const tab = config.tabName;
    const [head] = values(tab);
    const likesAt = head.indexOf('Like count') + 1;
    // The person moves Like count to the front, adds a column with notes and a formula column.
    s.rt.workbook.moveColumn(tab, likesAt, 1);
    const width = values(tab)[0].length;
    columnsUpTo(s, tab, width + 1);
    s.rt.workbook.typeInto(tab, `${String.fromCharCode(64 + width + 1)}1`, 'My notes');
    s.rt.workbook.typeInto(tab, `${String.fromCharCode(64 + width + 1)}2`, 'great post');
    s.rt.advance(DAY);
    const again = run(config.id);
    expect(again.status).toMatch(/ok|partial/);
    const after = values(tab);
    expect(after[0][0]).toBe('Like count');
    expect(after[0][width]).toBe('My notes');
    expect(after[1][width]).toBe('great post');
    const ids = column(tab, 'Media ID');
    expect(new Set(ids).size).toBe(ids.length);
    expect(after.slice(1).every((r) => r[0] === '' || typeof r[0] === 'number')).toBe(true);
  });

  it('recreates a deleted tab and follows a renamed one by its sheet id', () => {
    const config = save('user_information', CREATOR, 'append');
    run(config.id);
    s.rt.workbook.renameSheet(config.tabName, 'Followers (mine)');
    s.rt.advance(DAY);
    const renamed = run(config.id);
    expect(renamed.rowsAdded).toBe(1);
    expect(renamed.message).toMatch(/is now called "Followers \(mine\)"; Sheetgram keeps writing there/);
    // Header, the 30 days the first run rebuilt, and a row per run date.
    expect(values('Followers (mine)')).toHaveLength(1 + 30 + 2);
    s.rt.workbook.deleteSheet('Followers (mine)');
    s.rt.advance(DAY);
    const recreated = run(config.id);
    expect(recreated.status).toBe('ok');
    // Not a first run: the recreated tab gets today's row, no second rebuild.
    expect(values('Followers (mine)')).toHaveLength(2);
    const log = column('Sheetgram log', 'Message').join('\n');
    expect(log).toMatch(/The tab "Followers \(mine\)" was not found \(deleted\?\), so Sheetgram created it again/);
  });

  it('keeps 17-digit ids exact, captions as text, long text cut with a marker, and empty apart from zero', () => {
    const config = save('recent_media', CREATOR, 'update', { fields: ['id', 'caption', 'like_count', 'comments_count', 'media_url'] });
    run(config.id);
    const ids = column(config.tabName, 'Media ID') as string[];
    expect(ids.every((id) => typeof id === 'string' && /^\d{17,}$/.test(id))).toBe(true);
    const captions = column(config.tabName, 'Caption') as string[];
    for (const tricky of TRICKY_CAPTIONS.filter((c) => c.length < 50_000)) expect(captions).toContain(tricky);
    const long = captions.find((c) => c.startsWith('A very long caption'))!;
    expect(long.length).toBe(50_000);
    expect(long).toMatch(/\[truncated by Sheetgram: \d+ characters\]$/);
    // Nothing in the tab became a formula.
    const sheet = s.rt.workbook.sheetNamed(config.tabName)!;
    for (let r = 1; r <= sheet.lastRow(); r++) for (let c = 1; c <= sheet.lastColumn(); c++) expect(sheet.cellAt(r, c)?.formula).toBeUndefined();
    // Hidden like counts and copyrighted media URLs are empty, never 0.
    const likes = column(config.tabName, 'Like count');
    expect(likes).toContain('');
    expect(likes.filter((l) => l !== '').every((l) => typeof l === 'number')).toBe(true);
    expect(column(config.tabName, 'Media URL')).toContain('');
  });

  it('skips posts published before the business conversion and says why', () => {
    const config = save('media_insights', CREATOR, 'update');
    const result = run(config.id);
    expect(result.status).toBe('partial');
    expect(result.message).toMatch(/skipped: Posted before the account became a business account/);
    expect(result.callsUsed).toBeLessThanOrEqual(Math.ceil(400 / 100) + Math.ceil(400 / 50) + 5);
  });

  it('dates account insights by Meta\'s Pacific day, marks the last two provisional, and re-reads them next run', () => {
    const config = save('account_insights', CREATOR, 'update');
    run(config.id);
    const provisional = column(config.tabName, 'Provisional');
    expect(provisional.slice(-2)).toEqual([true, true]);
    expect(provisional.slice(0, -2).every((p) => p === false)).toBe(true);
    s.rt.advance(DAY);
    const next = run(config.id);
    expect(next.rowsUpdated).toBe(2);
    expect(next.rowsAdded).toBe(1);
  });
});
