// The digest e-mail: the tab's figures per account in HTML and text, the best post linked only to
// Instagram, the followers and reach series of the two weeks as charts, everything escaped.
import { describe, expect, it } from 'vitest';
import { digestData } from '../../../src/core/digest/digest';
import { CHARTED_ACCOUNTS, digestMessage } from '../../../src/core/digest/mail';
import type { Cell, FunctionSources, Table } from '../../../src/core/functions/tables';
import type { ReportConfiguration } from '../../../src/core/reports/types';
import { BAKERY, SUNNY, configOf, dateOf, headersOf } from '../bigquery/sheet';

const TZ = 'Europe/Berlin';
const MONDAY = Date.parse('2026-03-02T09:00:00Z');
const URL = 'https://docs.google.com/spreadsheets/d/abc/edit';

function tableOf(header: string[], rows: Record<string, Cell>[]): Table {
  return { header, rows: rows.map((r) => header.map((h) => (h in r ? r[h] : ''))) };
}
function sourcesOf(configs: ReportConfiguration[], tables: Record<string, Table>): FunctionSources {
  return { configurations: () => configs, ownerAccounts: () => [], table: (c) => tables[c.tab.name] ?? null, now: () => MONDAY, timeZone: () => TZ };
}
type Account = { id: string; username: string };
const media = (a: Account, id: string, posted: string, figures: Record<string, Cell>): Record<string, Cell> => ({
  'Run date': dateOf('2026-03-01'), Account: a.username, 'Account ID': a.id, 'Media ID': id, 'Posted at': new Date(posted),
  'Media type': 'IMAGE', Caption: `Caption of ${id}`, Permalink: `https://www.instagram.com/p/${id}/`, Label: '', ...figures,
});
const info = (a: Account, run: string, followers: number): Record<string, Cell> => ({ 'Run date': dateOf(run), Account: a.username, 'Account ID': a.id, Username: a.username, Followers: followers });
const reach = (a: Account, day: string, n: number): Record<string, Cell> => ({ Date: dateOf(day), Account: a.username, 'Account ID': a.id, Reach: n });

const configs = [SUNNY, BAKERY].flatMap((a) => [configOf('media_insights', a), configOf('user_information', a)]).concat(configOf('account_insights', SUNNY));
const mediaRows = [
  media(SUNNY, 'S1', '2026-02-24T10:00:00Z', { Views: 1200, Reach: 900, 'Total interactions': 30, Caption: '<script>alert(1)</script> =HYPERLINK("http://evil.example","x") and a long tail of words that goes on and on past the eighty characters' }),
  media(SUNNY, 'S2', '2026-02-25T10:00:00Z', { Views: 300, Reach: 200, 'Total interactions': 10 }),
  media(SUNNY, 'S0', '2026-02-17T10:00:00Z', { Views: 500, Reach: 400, 'Total interactions': 20 }),
  media(BAKERY, 'B1', '2026-02-26T10:00:00Z', { Views: 70, Reach: 50, 'Total interactions': 5, Permalink: 'javascript:alert(1)' }),
];
const infoRows = [info(SUNNY, '2026-02-16', 1000), info(SUNNY, '2026-02-23', 1020), info(SUNNY, '2026-03-02', 1050), info(SUNNY, '2026-02-10', 900),
  info(BAKERY, '2026-02-23', 500), info(BAKERY, '2026-03-01', 520)];
const reachRows = [reach(SUNNY, '2026-02-20', 80), reach(SUNNY, '2026-02-21', 90), reach(SUNNY, '2026-02-22', 70), reach(SUNNY, '2026-02-14', 999)];
const tables = {
  'Media Insights': tableOf(headersOf('media_insights', 'append'), mediaRows),
  "User's Information": tableOf(headersOf('user_information', 'append'), infoRows),
  'Account Insights': tableOf(['Date', 'Account', 'Account ID', 'Reach'], reachRows),
};

describe('digestMessage', () => {
  const sources = sourcesOf(configs, tables);
  const message = digestMessage(sources, digestData(sources), 'Harbor <Social>', URL);
  const html = message.html(new Set(message.charts.map((c) => c.key)));

  it('has each account\'s figures, this week against last, in the HTML and the text', () => {
    expect(message.subject).toBe('Sheetgram weekly digest: Harbor <Social>, week of 2026-02-23');
    expect(html).toContain('Weekly Digest of Harbor &lt;Social&gt;');
    expect(html).toContain('This week: 2026-02-23 to 2026-03-01. Last week: 2026-02-16 to 2026-02-22.');
    // sunny: followers 1020 -> 1050 this week (+30), 1000 -> 1020 last week (+20): +10, +50 %.
    expect(html).toMatch(/<td[^>]*>Followers gained<\/td><td[^>]*>30<\/td><td[^>]*>20<\/td><td[^>]*>\+10<\/td><td[^>]*>\+50%<\/td>/);
    expect(html).toMatch(/<td[^>]*>Views \(total\)<\/td><td[^>]*>1,500<\/td><td[^>]*>500<\/td><td[^>]*>\+1,000<\/td><td[^>]*>\+200%<\/td>/);
    // bakery has no last week: a dash, no change.
    expect(html).toMatch(/<td[^>]*>Views \(total\)<\/td><td[^>]*>70<\/td><td[^>]*>–<\/td><td[^>]*><\/td>/);
    expect(message.body).toContain('@sunny\n- Followers gained: 30 (last week 20, +10, +50%)');
    expect(message.body).toMatch(/Weekly Digest, which you asked for under E-mails/);
    expect(html).toContain(`<a href="${URL}">Open the spreadsheet</a>`);
  });

  it('escapes what comes from Instagram and links only Instagram permalinks', () => {
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; =HYPERLINK(&quot;http://evil.example&quot;');
    expect(html).toContain('<a href="https://www.instagram.com/p/S1/">2026-02-24, IMAGE: 1,200 views</a>');
    // Cut at 80 characters.
    expect(html).toMatch(/…<\/p>/);
    expect(html).not.toContain('eighty characters');
    expect(html).not.toContain('javascript:');
    // Cut by characters: an emoji at the cut stays whole.
    const emoji = sourcesOf(configs, { ...tables, 'Media Insights': tableOf(headersOf('media_insights', 'append'), [media(SUNNY, 'E1', '2026-02-24T10:00:00Z', { Views: 5, Caption: `${'a'.repeat(78)}😀😀😀` })]) });
    const cut = digestMessage(emoji, digestData(emoji), 'x', '').html(new Set());
    expect(cut).toContain(`– ${'a'.repeat(78)}😀…</p>`);
    expect(html).toContain('Best post of the week: 2026-02-26, IMAGE: 70 views');
  });

  it('charts followers and daily reach over the two weeks, and says which it cannot', () => {
    expect(message.charts.map((c) => [c.key, c.title, c.points.map((p) => `${p.day.month}-${p.day.day}:${p.value}`).join(' ')])).toEqual([
      // 10 February is before the two weeks, 14 February too.
      ['followers-1', 'Followers of @sunny', '2-16:1000 2-23:1020 3-2:1050'],
      ['reach-1', 'Daily reach of @sunny', '2-20:80 2-21:90 2-22:70'],
      ['followers-2', 'Followers of @bakery', '2-23:500 3-1:520'],
    ]);
    expect(html).toContain('<img src="cid:followers-1" alt="Followers of @sunny, day by day" width="560" height="240"');
    // Said in words above each image too (images blocked, or a chart without its axis labels).
    expect(html).toContain('Followers of @sunny, day by day: 1,000 on 2026-02-16, 1,050 on 2026-03-02</p>');
    expect(html).toContain('Daily reach: a chart needs Account Insights rows on two days of these weeks.');
    // A chart the Charts service could not draw: a sentence, no broken image.
    const without = message.html(new Set(['followers-1', 'followers-2']));
    expect(without).not.toContain('cid:reach-1');
    expect(without).toMatch(/Daily reach of @sunny, day by day: 80 on 2026-02-20, 70 on 2026-02-22<\/p><p[^>]*>The chart could not be drawn this time\.<\/p>/);
  });

  it('stays under Google\'s 200 KB for text and HTML, naming the accounts it has no room for', () => {
    const many = Array.from({ length: 150 }, (_, i) => ({ id: `178414000000${String(i).padStart(5, '0')}`, username: `a.rather.long.shop.name.${i}` }));
    const posts = many.flatMap((a) => [media(a, `${a.username}-1`, '2026-02-24T10:00:00Z', { Views: 123456, Reach: 98765, 'Total interactions': 4321, Caption: 'é'.repeat(300) }),
      media(a, `${a.username}-0`, '2026-02-17T10:00:00Z', { Views: 23456, Reach: 8765, 'Total interactions': 321 })]);
    const infos = many.flatMap((a) => [info(a, '2026-02-16', 100000), info(a, '2026-02-23', 100500), info(a, '2026-03-02', 101234)]);
    const manySources = sourcesOf(many.flatMap((a) => [configOf('media_insights', a), configOf('user_information', a)]), {
      'Media Insights': tableOf(headersOf('media_insights', 'append'), posts), "User's Information": tableOf(headersOf('user_information', 'append'), infos),
    });
    const big = digestMessage(manySources, digestData(manySources), 'Shops', URL);
    const html = big.html(new Set(big.charts.map((c) => c.key)));
    const bytes = Buffer.byteLength(html) + Buffer.byteLength(big.body);
    expect(bytes).toBeLessThanOrEqual(200 * 1024);
    const detailed = many.filter((a) => html.includes(`>@${a.username}</h2>`));
    expect(detailed.length).toBeGreaterThan(20);
    expect(detailed.length).toBeLessThan(many.length);
    const rest = many.slice(detailed.length).map((a) => `@${a.username}`);
    expect(html).toContain(`${rest.length} more accounts, in the tab only (an e-mail has room for so much): ${rest.slice(0, 20).join(', ')} and ${rest.length - 20} others.`);
    expect(big.body).toContain(`${rest.length} more accounts, in the tab only`);
  });

  it(`draws charts for ${CHARTED_ACCOUNTS} accounts at most`, () => {
    const many = Array.from({ length: CHARTED_ACCOUNTS + 2 }, (_, i) => ({ id: `1784140000000010${i}`, username: `shop${i}` }));
    const manyTables = { "User's Information": tableOf(headersOf('user_information', 'append'), many.flatMap((a) => [info(a, '2026-02-23', 10), info(a, '2026-03-02', 12)])) };
    const manySources = sourcesOf(many.map((a) => configOf('user_information', a)), manyTables);
    const big = digestMessage(manySources, digestData(manySources), 'Shops', '');
    expect(big.charts).toHaveLength(CHARTED_ACCOUNTS);
    expect(big.html(new Set())).toContain(`Charts are drawn for the first ${CHARTED_ACCOUNTS} accounts.`);
    expect(big.html(new Set())).toContain('@shop11');
    expect(big.html(new Set())).not.toContain('Open the spreadsheet');
    expect(big.html(new Set())).toContain('The &quot;Weekly Digest&quot; tab has the top and bottom five posts');
    // Where the person has a tab of that name, the digest's other tab is named.
    expect(digestMessage(manySources, digestData(manySources), 'Shops', '', 'Weekly Digest (Sheetgram)').body).toContain('The "Weekly Digest (Sheetgram)" tab has the top');
  });
});
