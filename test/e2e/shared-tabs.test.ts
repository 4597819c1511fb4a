// Two accounts in one spreadsheet, the way an agency keeps it: @sunny.creates (Instagram Login) and
// @harbor.bakery (Facebook Login) saved into the same tabs in Append, Update and Replace, run over
// several simulated days, with the person sorting the tab and typing notes between runs. Every row
// names its account; each account's rows equal what the same report writes for it alone; re-runs add
// nothing; one account's Replace leaves the other's rows; custom functions answer per account.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../local/platform/stack';
import type { WriteMode } from '../../src/core/reports/types';
import { BAKERY, columnsUpTo, CREATOR, DAY, OWNER, stackWithBothAccounts, wholeRows } from './support';

const NAMES: Record<string, string> = { [CREATOR]: 'sunny.creates', [BAKERY]: 'harbor.bakery' };
const POSTS: Record<string, number> = { [CREATOR]: 400, [BAKERY]: 120 };

let s: Stack;
beforeAll(async () => {
  s = await stackWithBothAccounts();
});
afterAll(async () => {
  await s?.close();
});

const FIELDS: Record<string, string[]> = {
  user_information: ['followers_count', 'follows_count', 'media_count'],
  recent_media: ['id', 'timestamp', 'caption', 'like_count', 'comments_count'],
  account_insights: ['date', 'reach', 'views'],
};

function save(reportId: string, accountId: string, tabName: string, mode: WriteMode) {
  return s.rt.call('saveConfiguration', [{ accountId, reportId, fields: FIELDS[reportId], tabName, mode, schedule: { kind: 'off' } }]) as { id: string; tabName: string };
}
const run = (id: string) => s.rt.call('runConfigurationNow', [id]) as { status: string; rowsAdded: number; rowsUpdated: number; message: string };
const table = (tab: string) => {
  const [head, ...rows] = s.rt.workbook.values(tab);
  const header = head.map(String);
  return { header, rows, at: (h: string) => header.indexOf(h) };
};
/** One account's rows of a tab, as records by header, in a stable order (the person may have sorted). */
function rowsOf(tab: string, accountId: string, headers: string[]): string[] {
  const t = table(tab);
  return t.rows.filter((r) => r[t.at('Account ID')] === accountId)
    .map((r) => JSON.stringify(headers.map((h) => r[t.at(h)]))).sort();
}
const keyOf: Record<string, string[]> = {
  user_information: ['Account ID'], recent_media: ['Account ID', 'Media ID'], account_insights: ['Account ID', 'Date'],
};

describe('two accounts sharing tabs', () => {
  for (const mode of ['append', 'update', 'replace'] as WriteMode[]) {
    it(`${mode}: every row names its account, each account's rows are its own, re-runs add nothing`, () => {
      const shared: { reportId: string; tab: string; ids: Record<string, string>; alone: Record<string, string> }[] = [];
      for (const reportId of Object.keys(FIELDS)) {
        const tab = `${reportId} shared ${mode}`;
        const entry = { reportId, tab, ids: {} as Record<string, string>, alone: {} as Record<string, string> };
        for (const account of [CREATOR, BAKERY]) {
          entry.ids[account] = save(reportId, account, tab, mode).id;
          // The same report for the account alone, in its own tab: what the shared tab must hold for it.
          entry.alone[account] = save(reportId, account, `${reportId} ${NAMES[account]} ${mode}`, mode).id;
        }
        shared.push(entry);
      }
      const runAll = () => {
        for (const e of shared) for (const account of [CREATOR, BAKERY]) {
          for (const id of [e.ids[account], e.alone[account]]) expect(run(id).status, e.tab).toMatch(/ok|partial/);
        }
      };

      for (let day = 0; day < 3; day++) {
        if (day > 0) s.rt.advance(DAY);
        runAll();
        // The person sorts the shared posts tab by likes between runs.
        const posts = shared.find((e) => e.reportId === 'recent_media')!.tab;
        const t = table(posts);
        s.rt.workbook.sortRange(posts, wholeRows(s, posts, t.rows.length + 1), t.at('Like count') + 1, false);
      }
      const sizes = shared.map((e) => s.rt.workbook.values(e.tab).length);
      runAll(); // again the same day: nothing added, nothing lost
      expect(shared.map((e) => s.rt.workbook.values(e.tab).length)).toEqual(sizes);

      for (const e of shared) {
        const t = table(e.tab);
        // Every row names its account, by username and id, and nothing else.
        for (const r of t.rows) expect(NAMES[String(r[t.at('Account ID')])], `${e.tab}: ${JSON.stringify(r)}`).toBe(r[t.at('Account')]);
        const headers = t.header.filter((h) => h !== '');
        for (const account of [CREATOR, BAKERY]) {
          const mine = rowsOf(e.tab, account, headers);
          expect(mine.length, `${e.tab} @${NAMES[account]}`).toBeGreaterThan(0);
          expect(mine, `${e.tab} @${NAMES[account]}`).toEqual(rowsOf(`${e.reportId} ${NAMES[account]} ${mode}`, account, headers));
          // No key twice for the account.
          const keys = rowsOf(e.tab, account, keyOf[e.reportId].concat(mode === 'append' ? ['Run date'] : []));
          expect(new Set(keys).size).toBe(keys.length);
        }
      }
      const posts = shared.find((e) => e.reportId === 'recent_media')!.tab;
      // Every post of each account is there (the creator posts about every 40 hours, so a few are new).
      for (const account of [CREATOR, BAKERY]) expect(new Set(rowsOf(posts, account, ['Media ID'])).size).toBeGreaterThanOrEqual(POSTS[account]);
    });
  }

  it("one account's Replace leaves the other's rows and the person's notes beside them", () => {
    const tab = 'Posts of both';
    const sunny = save('recent_media', CREATOR, tab, 'update');
    const bakery = save('recent_media', BAKERY, tab, 'replace');
    run(sunny.id);
    run(bakery.id);
    // Notes typed beside one post of each account.
    const t = table(tab);
    const notes = t.header.length + 1;
    columnsUpTo(s, tab, notes);
    s.rt.workbook.typeInto(tab, `${String.fromCharCode(64 + notes)}1`, 'Notes');
    const noteRow = (account: string) => t.rows.findIndex((r) => r[t.at('Account ID')] === account) + 2;
    s.rt.workbook.typeInto(tab, `${String.fromCharCode(64 + notes)}${noteRow(CREATOR)}`, 'sunny note');
    s.rt.workbook.typeInto(tab, `${String.fromCharCode(64 + notes)}${noteRow(BAKERY)}`, 'bakery note');
    const noted = (account: string) => t.rows[noteRow(account) - 2][t.at('Media ID')];
    const sunnyBefore = rowsOf(tab, CREATOR, t.header);
    s.rt.advance(DAY);
    const replaced = run(bakery.id);
    expect(replaced.status).toMatch(/ok|partial/);
    expect(rowsOf(tab, CREATOR, t.header)).toEqual(sunnyBefore);
    expect(rowsOf(tab, BAKERY, ['Media ID'])).toHaveLength(POSTS[BAKERY]);
    const after = table(tab);
    const noteOf = (account: string) => after.rows.find((r) => r[after.at('Account ID')] === account && r[after.at('Media ID')] === noted(account))?.[notes - 1];
    expect(noteOf(CREATOR)).toBe('sunny note');
    expect(noteOf(BAKERY)).toBe('bakery note');
  });

  it('upgrades a tab written before rows named their account, in place, keeping the person\'s notes', () => {
    const tab = 'Posts from last year';
    const config = save('recent_media', CREATOR, tab, 'update');
    run(config.id);
    // What such a tab looked like: no Account columns; the person added notes at the right.
    for (const h of ['Account ID', 'Account']) s.rt.workbook.deleteColumns(tab, table(tab).at(h) + 1, 1);
    const old = table(tab);
    const notes = old.header.length + 1;
    columnsUpTo(s, tab, notes);
    s.rt.workbook.typeInto(tab, `${String.fromCharCode(64 + notes)}1`, 'Notes');
    s.rt.workbook.typeInto(tab, `${String.fromCharCode(64 + notes)}5`, 'our best post');
    const notedId = old.rows[3][old.at('Media ID')];
    s.rt.advance(DAY);
    const upgraded = run(config.id);
    expect(upgraded.status).toMatch(/ok|partial/);
    expect(upgraded.message).toMatch(/now name their account \(@sunny\.creates\)/);
    const t = table(tab);
    expect(t.header).toEqual([...old.header, 'Notes', 'Account', 'Account ID']);
    expect(t.rows.length).toBe(old.rows.length + upgraded.rowsAdded);
    expect(t.rows.every((r) => r[t.at('Account')] === 'sunny.creates' && r[t.at('Account ID')] === CREATOR)).toBe(true);
    expect(t.rows.find((r) => r[t.at('Media ID')] === notedId)?.[t.at('Notes')]).toBe('our best post');
    // Nothing moved: the old rows are where they were, in their order.
    expect(t.rows.slice(0, old.rows.length).map((r) => r[t.at('Media ID')])).toEqual(old.rows.map((r) => r[old.at('Media ID')]));
  });

  it("adopts a person's own tab with matching columns and never overwrites a cell of theirs, in any mode", () => {
    const tab = 'My numbers';
    s.rt.workbook.addSheet(tab);
    const mine = [['Date', 'Reach', 'Views', 'Comment'], ['2026-07-01', '111', '222', 'from my agency report'], ['2026-07-02', '333', '444', 'campaign']];
    mine.forEach((row, r) => row.forEach((text, c) => s.rt.workbook.typeInto(tab, `${String.fromCharCode(65 + c)}${r + 1}`, text)));
    const before = s.rt.workbook.values(tab);
    const config = s.rt.call('saveConfiguration', [{
      accountId: CREATOR, reportId: 'account_insights', fields: FIELDS.account_insights, tabName: tab, mode: 'update', schedule: { kind: 'off' }, adoptTab: true,
    }]) as { id: string };
    for (const mode of ['update', 'replace', 'append'] as WriteMode[]) {
      s.rt.call('saveConfiguration', [{ id: config.id, accountId: CREATOR, reportId: 'account_insights', fields: FIELDS.account_insights, tabName: tab, mode, schedule: { kind: 'off' } }]);
      expect(run(config.id).status).toMatch(/ok|partial/);
      expect(run(config.id).status).toMatch(/ok|partial/);
      const now = s.rt.workbook.values(tab);
      // The person's rows are as they typed them; Sheetgram's rows come after them, each naming its account.
      expect(now.slice(1, 3).map((r) => r.slice(0, 4))).toEqual(before.slice(1, 3).map((r) => r.slice(0, 4)));
      const t = table(tab);
      expect(t.rows.slice(2).every((r) => r[t.at('Account ID')] === CREATOR)).toBe(true);
      expect(t.rows.slice(0, 2).every((r) => r[t.at('Account ID')] === '')).toBe(true);
    }
  });

  it('keeps two accounts apart when the person renames or deletes the account columns of their shared tab', () => {
    const tab = 'Posts, both, renamed';
    const ids = [CREATOR, BAKERY].map((account) => save('recent_media', account, tab, 'update').id);
    ids.forEach((id) => run(id));
    const counts = () => [CREATOR, BAKERY].map((account) => rowsOf(tab, account, ['Media ID']).length);
    const before = counts();
    s.rt.workbook.typeInto(tab, `${String.fromCharCode(65 + table(tab).at('Account ID'))}1`, 'Which account');
    s.rt.advance(DAY);
    ids.forEach((id) => expect(run(id).status).toMatch(/ok|partial/));
    expect(counts()[0]).toBeGreaterThanOrEqual(before[0]);
    for (const account of [CREATOR, BAKERY]) {
      const keys = rowsOf(tab, account, ['Media ID']);
      expect(new Set(keys).size, NAMES[account]).toBe(keys.length);
    }
    expect(counts()[1]).toBe(before[1]);
    // Then the Account column goes too: the ids say whose rows are, and the names come back.
    s.rt.workbook.deleteColumns(tab, table(tab).at('Account') + 1, 1);
    s.rt.advance(DAY);
    ids.forEach((id) => run(id));
    const t = table(tab);
    for (const r of t.rows) expect(r[t.at('Account')]).toBe(NAMES[String(r[t.at('Account ID')])]);
    expect(counts()[1]).toBe(before[1]);
  });

  it('custom functions answer for the account asked, from a shared tab', () => {
    const tab = 'Profiles of both';
    for (const account of [CREATOR, BAKERY]) run(save('user_information', account, tab, 'append').id);
    const t = table(tab);
    const followers = (account: string) => t.rows.filter((r) => r[t.at('Account ID')] === account).at(-1)![t.at('Followers')];
    const cf = (name: string, args: unknown[]) => s.rt.callCustomFunction(name, args, { user: OWNER });
    expect(followers(CREATOR)).not.toBe(followers(BAKERY));
    expect(cf('IG_FOLLOWERS', ['harbor.bakery'])).toBe(followers(BAKERY));
    expect(cf('IG_FOLLOWERS', ['@sunny.creates'])).toBe(followers(CREATOR));
    expect(cf('IG_MEDIA_COUNT', [BAKERY])).toBe(t.rows.filter((r) => r[t.at('Account ID')] === BAKERY).at(-1)![t.at('Posts')]);
    const history = cf('IG_HISTORY', ['followers_count', '', '', 'harbor.bakery']) as unknown[][];
    expect(history.slice(1).every((r) => r[1] === followers(BAKERY) || typeof r[1] === 'number')).toBe(true);
    expect(history.slice(1).map((r) => r[1])).not.toContain(followers(CREATOR));
  });
});
