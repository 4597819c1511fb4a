// Labels on posts, end to end: the real bundle against the Instagram simulator over HTTP for two weeks.
// Two accounts share a Media Insights tab (Update); one also keeps a Replace tab, the other an Append
// history. The person labels posts (a choice of the dropdown and one they type), sorts, labels more
// later: every label stays on its post through every daily run in every mode, a post's new Append rows
// carry it, the dropdown grows with what was typed, and Post Growth rows carry the label of their day.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../local/platform/stack';
import { BAKERY, CREATOR, DAY, columnLetter, stackWithBothAccounts, table, wholeRows } from './support';

const ZONE = 'America/New_York';
const SHARED = 'Posts';
const REPLACE = 'Sunny replace';
const HISTORY = 'Bakery history';
const GROWTH = 'Post Growth';
const isoIn = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);

const runNow = (s: Stack, id: string) => s.rt.call('runConfigurationNow', [id]) as { status: string; message: string };

/** The person picks or types a label in the Label cell of a post's row (its newest row in a history tab): the row's run date, if any. */
function label(s: Stack, tab: string, mediaId: string, text: string): string | null {
  const t = table(s, tab);
  const rows = t.rows.map((r, i) => ({ r, row: i + 2 })).filter(({ r }) => r[t.at('Media ID')] === mediaId);
  const newest = t.at('Run date') >= 0 ? rows.sort((a, b) => (a.r[t.at('Run date')] as Date).getTime() - (b.r[t.at('Run date')] as Date).getTime()).pop() : rows[0];
  expect(newest, `${mediaId} in ${tab}`).toBeDefined();
  s.rt.workbook.typeInto(tab, `${columnLetter(t.at('Label') + 1)}${newest!.row}`, text);
  return t.at('Run date') >= 0 ? isoIn(newest!.r[t.at('Run date')] as Date) : null;
}
/** The choices of the Label column's dropdown at a row, as the person sees them. */
function dropdownAt(s: Stack, tab: string, row: number): string[] | null {
  const t = table(s, tab);
  const rule = s.rt.workbook.sheetNamed(tab)!.cellAt(row, t.at('Label') + 1)?.validation;
  return rule && rule.criteria === 'VALUE_IN_LIST' ? (rule.values[0] as unknown[]).map(String) : null;
}
/** Media ID -> labels of its rows, for one account. */
function labelsOf(s: Stack, tab: string, account: string): Map<string, string[]> {
  const t = table(s, tab);
  const out = new Map<string, string[]>();
  for (const r of t.rows) {
    if (r[t.at('Account ID')] !== account) continue;
    const id = String(r[t.at('Media ID')]);
    out.set(id, [...(out.get(id) ?? []), String(r[t.at('Label')])]);
  }
  return out;
}
const postsOf = (s: Stack, tab: string, account: string) => [...labelsOf(s, tab, account).keys()];

describe('labels on posts over two weeks, in Update, Replace and Append', () => {
  let s: Stack;
  const ids: Record<string, string> = {};
  /** Expected label by tab and Media ID, with the run date from which it holds. */
  const given: { tab: string; account: string; media: string; text: string; from: string }[] = [];
  /** The newest run date: every report runs each morning, so the history tab tells the day of the last runs. */
  const today = () => {
    const t = table(s, HISTORY);
    return t.rows.map((r) => isoIn(r[t.at('Run date')] as Date)).sort().pop()!;
  };
  const give = (tab: string, account: string, media: string, text: string) => {
    const from = label(s, tab, media, text) ?? today();
    given.push({ tab, account, media, text, from });
  };

  beforeAll(async () => {
    s = await stackWithBothAccounts({ timeZone: ZONE });
    const report = (s.rt.call('getSidebarState') as { reports: { id: string; fields: { id: string; default: boolean }[] }[] }).reports.find((r) => r.id === 'media_insights')!;
    const fields = report.fields.filter((f) => f.default).map((f) => f.id);
    const save = (key: string, accountId: string, tabName: string, mode: string, postGrowthDays: string) => {
      ids[key] = (s.rt.call('saveConfiguration', [{
        accountId, reportId: 'media_insights', fields, tabName, mode, schedule: { kind: 'daily', hour: 6 }, settings: { postGrowthDays },
      }]) as { id: string }).id;
    };
    save('sunny', CREATOR, SHARED, 'update', '14');
    save('bakery', BAKERY, SHARED, 'update', '14');
    // The second report of each account keeps Post Growth to the first.
    save('sunnyReplace', CREATOR, REPLACE, 'replace', '0');
    save('bakeryHistory', BAKERY, HISTORY, 'append', '0');
    for (const id of Object.values(ids)) expect(runNow(s, id).status).toMatch(/ok|partial/);

    const [sunny1, sunny2] = postsOf(s, SHARED, CREATOR);
    const [bakery1] = postsOf(s, SHARED, BAKERY);
    give(SHARED, CREATOR, sunny1, 'Sponsored');
    give(SHARED, BAKERY, bakery1, 'Spring sale');
    give(REPLACE, CREATOR, sunny2, 'Sponsored');
    give(HISTORY, BAKERY, postsOf(s, HISTORY, BAKERY)[0], 'Giveaway');
    const t = table(s, SHARED);
    s.rt.workbook.sortRange(SHARED, wholeRows(s, SHARED, t.rows.length + 1), t.at('Views') + 1, false);
    for (let day = 1; day <= 14; day++) {
      s.rt.advance(DAY);
      if (day === 7) {
        // New posts since: label the newest, then sort the other way.
        give(SHARED, CREATOR, postsOf(s, SHARED, CREATOR).slice(-1)[0], 'Launch');
        give(HISTORY, BAKERY, postsOf(s, HISTORY, BAKERY).slice(-1)[0], 'Sponsored');
        const u = table(s, SHARED);
        s.rt.workbook.sortRange(SHARED, wholeRows(s, SHARED, u.rows.length + 1), u.at('Posted at') + 1, true);
      }
    }
  }, 900_000);
  afterAll(async () => {
    await s?.close();
  });

  it('ran every day', () => {
    const t = table(s, HISTORY);
    expect(new Set(t.rows.map((r) => isoIn(r[t.at('Run date')] as Date))).size).toBe(15);
  });

  it('keeps every label on its post in Update and Replace, and nothing else is labelled', () => {
    for (const tab of [SHARED, REPLACE]) {
      for (const account of tab === SHARED ? [CREATOR, BAKERY] : [CREATOR]) {
        const expected = new Map(given.filter((g) => g.tab === tab && g.account === account).map((g) => [g.media, g.text]));
        for (const [media, labels] of labelsOf(s, tab, account)) {
          expect(labels, `${tab} ${media}`).toEqual([expected.get(media) ?? '']);
        }
        expect([...expected.keys()].every((m) => labelsOf(s, tab, account).has(m))).toBe(true);
      }
    }
  });

  it('carries a label to every later row of the post in Append, and not to earlier ones', () => {
    const t = table(s, HISTORY);
    const mine = given.filter((g) => g.tab === HISTORY);
    let labelled = 0;
    for (const r of t.rows) {
      const day = isoIn(r[t.at('Run date')] as Date);
      const g = mine.filter((x) => x.media === r[t.at('Media ID')] && x.from <= day).pop();
      expect(r[t.at('Label')], `${r[t.at('Media ID')]} on ${day}`).toBe(g?.text ?? '');
      if (g) labelled++;
    }
    expect(labelled).toBeGreaterThan(14);
  });

  it('has a dropdown on every data row that grew with what the person typed', () => {
    for (const tab of [SHARED, REPLACE, HISTORY]) {
      const rows = table(s, tab).rows.length;
      for (const row of [2, rows + 1]) expect(dropdownAt(s, tab, row), `${tab} row ${row}`).toEqual(expect.arrayContaining(['Sponsored']));
    }
    expect(dropdownAt(s, SHARED, 2)).toEqual(['Sponsored', 'Spring sale', 'Launch']);
    expect(dropdownAt(s, HISTORY, 2)).toEqual(['Sponsored', 'Giveaway']);
  });

  it('gives Post Growth rows the label their post had that day', () => {
    const t = table(s, GROWTH);
    const shared = given.filter((g) => g.tab === SHARED);
    let checked = 0;
    for (const r of t.rows) {
      const day = isoIn(r[t.at('Run date')] as Date);
      const g = shared.find((x) => x.media === r[t.at('Media ID')]);
      // The day it was given, the run had already passed: the label shows from the next run on.
      const expected = g && g.from < day ? g.text : '';
      expect(r[t.at('Label')], `${r[t.at('Media ID')]} on ${day}`).toBe(expected);
      if (expected) checked++;
    }
    expect(checked).toBeGreaterThan(3);
  });
});
