// The Weekly Digest, end to end: the real bundle against the Instagram simulator over HTTP for three
// simulated weeks. Two accounts share a Media Insights tab and a User's Information tab, run
// daily; the person labels posts. Every Monday evening the digest must hold, for each account, this
// week's and last week's figures exactly as worked out here from the tabs themselves, the week's top
// posts with their links, and labelled against unlabelled posts; between Mondays it is left alone.
// The person asked for the digest by e-mail, to two addresses: one e-mail per Monday, after the Monday's
// runs, with the same figures and the followers and reach charts as PNG images; on the second Monday
// Google's e-mail quota is spent all day, and the digest goes on Tuesday once it resets.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SentMail } from '../../local/apps-script/services/mail';
import type { Stack } from '../../local/platform/stack';
import { BAKERY, CREATOR, DAY, HOUR, OWNER, columnLetter, stackWithBothAccounts, table } from './support';

type Cell = string | number | boolean | Date;
const ZONE = 'America/New_York';
const POSTS = 'Posts';
const FOLLOWERS = 'Followers';
const REACH = 'Reach';
const DIGEST_TO = ['team@harbor.example', 'lead@harbor.example'];
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const DIGEST = 'Weekly Digest';
const isoIn = (d: Date | number) => new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(d));
const weekdayIn = (t: number) => new Intl.DateTimeFormat('en-US', { timeZone: ZONE, weekday: 'long' }).format(new Date(t));
const hourIn = (t: number) => Number(new Intl.DateTimeFormat('en-US', { timeZone: ZONE, hour: '2-digit', hourCycle: 'h23' }).format(new Date(t)));
const shift = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

const runNow = (s: Stack, id: string) => s.rt.call('runConfigurationNow', [id]) as { status: string; message: string };

interface Post { id: string; day: string; posted: number; views: number; day1: number | ''; reach: number; interactions: number; label: string; link: string }

/** What the digest must say, worked out here from the tabs as they are on that Monday. */
function expectedFrom(s: Stack, account: string, monday: string) {
  const posts = table(s, POSTS);
  const all: Post[] = posts.rows.filter((r) => r[posts.at('Account ID')] === account).map((r) => ({
    id: String(r[posts.at('Media ID')]), day: isoIn(r[posts.at('Posted at')] as Date), posted: (r[posts.at('Posted at')] as Date).getTime(),
    views: r[posts.at('Views')] as number, day1: r[posts.at('Views on day 1')] as number | '', reach: r[posts.at('Reach')] as number, interactions: r[posts.at('Total interactions')] as number,
    label: String(r[posts.at('Label')]), link: String(r[posts.at('Permalink')]),
  }));
  const f = table(s, FOLLOWERS);
  const counts = f.rows.filter((r) => r[f.at('Account ID')] === account).map((r) => ({ day: isoIn(r[f.at('Run date')] as Date), n: r[f.at('Followers')] as number }));
  const followersOn = (day: string) => counts.filter((c) => c.day <= day).sort((a, b) => a.day.localeCompare(b.day)).pop()?.n ?? null;
  const week = (weeksBack: number) => {
    const first = shift(monday, -7 * weeksBack);
    const last = shift(first, 6);
    const mine = all.filter((p) => p.day >= first && p.day <= last);
    const start = followersOn(first);
    const end = followersOn(shift(last, 1));
    const total = (k: 'views' | 'reach') => mine.reduce((a, p) => a + p[k], 0);
    const mean = (k: 'views' | 'reach' | 'interactions') => Math.round((total(k as 'views') / mine.length) * 10) / 10;
    const median = (k: 'views' | 'reach') => {
      const v = mine.map((p) => p[k]).sort((a, b) => a - b);
      const m = Math.floor(v.length / 2);
      return Math.round((v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2) * 10) / 10;
    };
    const interactions = mine.reduce((a, p) => a + p.interactions, 0) / mine.length;
    const day1 = mine.map((p) => p.day1).filter((v): v is number => v !== '').sort((a, b) => a - b);
    const half = Math.floor(day1.length / 2);
    const day1Median = day1.length ? Math.round((day1.length % 2 ? day1[half] : (day1[half - 1] + day1[half]) / 2) * 10) / 10 : '';
    return {
      posts: mine,
      figures: {
        'Followers gained': start !== null && end !== null ? end - start : '',
        Posts: mine.length,
        'Views (total)': mine.length ? total('views') : '', 'Views (mean per post)': mine.length ? mean('views') : '', 'Views (median per post)': mine.length ? median('views') : '', 'Views on day 1 (median per post)': day1Median,
        'Reach (total over posts)': mine.length ? total('reach') : '', 'Reach (mean per post)': mine.length ? mean('reach') : '', 'Reach (median per post)': mine.length ? median('reach') : '',
        'Engagement rate (%)': mine.length && end ? Math.round((interactions / end) * 100 * 100) / 100 : '',
      } as Record<string, number | ''>,
    };
  };
  return { thisWeek: week(1), lastWeek: week(2) };
}

/** The figures table of an account in the e-mail's HTML: figure -> [this week, last week]. */
function mailFigures(html: string, handle: string): Record<string, [string, string]> {
  const start = html.indexOf(`>${handle}</h2>`);
  expect(start, handle).toBeGreaterThan(0);
  const table = html.slice(start, html.indexOf('</table>', start));
  const out: Record<string, [string, string]> = {};
  for (const row of table.matchAll(/<tr><td[^>]*>([^<]*)<\/td><td[^>]*>([^<]*)<\/td><td[^>]*>([^<]*)<\/td>/g)) out[row[1]] = [row[2], row[3]];
  return out;
}
const shown = (v: number | '') => (v === '' ? '–' : v.toLocaleString('en-US', { maximumFractionDigits: 2 }));
const pngSize = (bytes: Buffer) => ({ width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) });

describe('the Weekly Digest over three weeks', () => {
  let s: Stack;
  const handles: Record<string, string> = {};
  /** Monday -> the digest's rows and what the tabs said that evening. */
  const mondays: { monday: string; digest: Cell[][]; expected: Record<string, ReturnType<typeof expectedFrom>> }[] = [];
  const builtLines: { day: string; weekday: string; built: string }[] = [];
  /** Cells of the digest that hold a formula, on any Monday. */
  const formulas: string[] = [];
  let mailFrom = 0;
  const digestMail = () => s.rt.mail.slice(mailFrom).filter((m) => m.subject.startsWith('Sheetgram weekly digest'));

  beforeAll(async () => {
    s = await stackWithBothAccounts({ timeZone: ZONE });
    const state = s.rt.call('getSidebarState') as { reports: { id: string; fields: { id: string; default: boolean }[] }[]; accounts: { id: string; username: string }[] };
    for (const a of state.accounts) handles[a.id] = a.username;
    const fieldsOf = (id: string) => state.reports.find((r) => r.id === id)!.fields.filter((f) => f.default).map((f) => f.id);
    const ids: string[] = [];
    for (const accountId of [CREATOR, BAKERY]) {
      for (const [reportId, tabName, mode] of [['user_information', FOLLOWERS, 'append'], ['media_insights', POSTS, 'update']]) {
        ids.push((s.rt.call('saveConfiguration', [{ accountId, reportId, fields: fieldsOf(reportId), tabName, mode, schedule: { kind: 'daily', hour: 6 }, settings: {} }]) as { id: string }).id);
      }
    }
    for (const id of ids) expect(runNow(s, id).status).toMatch(/ok|partial/);
    // Daily reach for the e-mail's second chart.
    for (const accountId of [CREATOR, BAKERY]) {
      s.rt.call('saveConfiguration', [{ accountId, reportId: 'account_insights', fields: fieldsOf('account_insights'), tabName: REACH, mode: 'update', schedule: { kind: 'daily', hour: 6 }, settings: {} }]);
    }
    // The digest to the team, the other e-mails to the person.
    const saved = s.rt.call('saveMailSettings', [{ failures: true, signIns: true, digest: true, to: 'me', digestTo: DIGEST_TO }]) as { message: string };
    expect(saved.message).toMatch(/^E-mail settings saved\. Sheetgram e-mails owner@example\.com when .* The Weekly Digest goes to team@harbor\.example, lead@harbor\.example on Mondays/);
    mailFrom = s.rt.mail.length;
    // The person labels two of each account's posts as sponsored.
    const posts = table(s, POSTS);
    for (const account of [CREATOR, BAKERY]) {
      const rows = posts.rows.map((r, i) => ({ r, row: i + 2 })).filter(({ r }) => r[posts.at('Account ID')] === account).slice(0, 2);
      for (const { row } of rows) s.rt.workbook.typeInto(POSTS, `${columnLetter(posts.at('Label') + 1)}${row}`, 'Sponsored');
    }
    // Evenings from now on: every morning's runs are done when the tabs are looked at.
    while (hourIn(s.rt.clock.now()) !== 20) s.rt.advance(HOUR);
    for (let day = 0; day < 21; day++) {
      const tomorrow = s.rt.clock.now() + DAY;
      if (weekdayIn(tomorrow) === 'Monday' && mondays.length === 1) {
        // The second Monday: Google's e-mail quota spent from midnight for 24 hours.
        s.rt.advance(4 * HOUR);
        expect(hourIn(s.rt.clock.now())).toBe(0);
        s.rt.quotas.counter('email').add(OWNER, s.rt.clock.now(), s.rt.quotas.remaining('email'));
        expect(s.rt.quotas.remaining('email')).toBe(0);
      }
      s.rt.advance(tomorrow - s.rt.clock.now());
      const now = s.rt.clock.now();

      const digest = s.rt.workbook.sheetNamed(DIGEST) ? table(s, DIGEST) : null;
      if (digest) builtLines.push({ day: isoIn(now), weekday: weekdayIn(now), built: String(s.rt.workbook.values(DIGEST)[1][0]) });
      if (weekdayIn(now) === 'Monday') {
        const monday = isoIn(now);
        const sheet = s.rt.workbook.sheetNamed(DIGEST)!;
        const cells = s.rt.workbook.values(DIGEST) as Cell[][];
        formulas.push(...cells.flatMap((row, r) => row.flatMap((_, c) => (sheet.cellAt(r + 1, c + 1)?.formula ? [`${monday} ${columnLetter(c + 1)}${r + 1}`] : []))));
        mondays.push({ monday, digest: cells, expected: { [CREATOR]: expectedFrom(s, CREATOR, monday), [BAKERY]: expectedFrom(s, BAKERY, monday) } });
        // The person labels one of this week's posts of each account with a campaign.
        const p = table(s, POSTS);
        for (const account of [CREATOR, BAKERY]) {
          const recent = p.rows.map((r, i) => ({ r, row: i + 2 })).filter(({ r }) => r[p.at('Account ID')] === account)
            .sort((a, b) => (b.r[p.at('Posted at')] as Date).getTime() - (a.r[p.at('Posted at')] as Date).getTime())[0];
          s.rt.workbook.typeInto(POSTS, `${columnLetter(p.at('Label') + 1)}${recent.row}`, `Campaign ${mondays.length}`);
        }
      }
    }
  }, 900_000);
  afterAll(async () => {
    await s?.close();
  });

  it('was built on three Mondays, and left alone on the days between', () => {
    expect(mondays.length).toBe(3);
    for (const line of builtLines) {
      const built = /^Built (\d{4}-\d{2}-\d{2}) /.exec(line.built)?.[1];
      expect(built, line.day).toBeDefined();
      expect(weekdayIn(Date.parse(`${built}T12:00:00Z`))).toBe('Monday');
      // The latest Monday up to that day.
      expect(built! <= line.day && shift(built!, 7) > line.day, `${line.day}: ${line.built}`).toBe(true);
    }
  });

  it('holds no formula: a caption that looks like one stays text', () => {
    expect(formulas).toEqual([]);
    let captions = 0;
    // The simulator's posts include captions that read as formulas; some Monday listed one.
    for (const m of mondays) for (const row of m.digest) if (String(row[7]).startsWith('=')) captions++;
    expect(captions).toBeGreaterThan(0);
  });

  it('holds each account\'s figures of this week and last week, as the tabs give them', () => {
    let checked = 0;
    for (const { monday, digest, expected } of mondays) {
      for (const account of [CREATOR, BAKERY]) {
        for (const [figure, value] of Object.entries(expected[account].thisWeek.figures)) {
          const row = digest.find((r) => r[0] === `@${handles[account]}` && r[1] === figure);
          expect(row, `${monday} ${figure}`).toBeDefined();
          expect(row![2], `${monday} @${handles[account]} ${figure} this week`).toBe(value);
          expect(row![3], `${monday} @${handles[account]} ${figure} last week`).toBe(expected[account].lastWeek.figures[figure]);
          if (value !== '') checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(30);
  });

  it('lists each account\'s top posts of the week by views, with their links', () => {
    for (const { monday, digest, expected } of mondays) {
      const start = digest.findIndex((r) => String(r[0]).startsWith('Top 5 posts'));
      const end = digest.findIndex((r) => String(r[0]).startsWith('Bottom 5 posts'));
      const listed = digest.slice(start + 2, end - 1);
      for (const account of [CREATOR, BAKERY]) {
        const top = [...expected[account].thisWeek.posts].sort((a, b) => b.views - a.views || a.posted - b.posted).slice(0, 5);
        const mine = listed.filter((r) => r[0] === `@${handles[account]}`);
        expect(mine.map((r) => [r[4], r[6]]), `${monday} @${handles[account]}`).toEqual(top.map((p) => [p.views, p.link]));
      }
    }
  });

  it('sets labelled posts against unlabelled ones', () => {
    let labelled = 0;
    for (const { monday, digest, expected } of mondays) {
      const start = digest.findIndex((r) => String(r[0]).startsWith('Labelled and unlabelled'));
      const lines = digest.slice(start + 2).filter((r) => r[0] !== '');
      for (const account of [CREATOR, BAKERY]) {
        const posts = expected[account].thisWeek.posts;
        const unlabelled = posts.filter((p) => !p.label);
        const row = lines.find((r) => r[0] === `@${handles[account]}` && r[1] === 'Unlabelled');
        expect(row?.[2], `${monday} @${handles[account]}`).toBe(unlabelled.length);
        for (const label of new Set(posts.filter((p) => p.label).map((p) => p.label))) {
          const group = posts.filter((p) => p.label === label);
          const line = lines.find((r) => r[0] === `@${handles[account]}` && r[1] === label);
          expect(line?.slice(2, 4), `${monday} ${label}`).toEqual([group.length, Math.round((group.reduce((a, p) => a + p.views, 0) / group.length) * 10) / 10]);
          labelled++;
        }
      }
    }
    expect(labelled).toBeGreaterThan(0);
  });

  describe('by e-mail', () => {
    it('goes once per Monday to the chosen addresses, after the Monday\'s runs; held back by the quota, on Tuesday', () => {
      const mail = digestMail();
      expect(mail.map((m) => [weekdayIn(m.sentAt), m.to])).toEqual([['Monday', DIGEST_TO], ['Tuesday', DIGEST_TO], ['Monday', DIGEST_TO]]);
      // On the first and third Mondays, in the tick of the 06:00 runs or later.
      for (const m of [mail[0], mail[2]]) expect(hourIn(m.sentAt)).toBeGreaterThanOrEqual(6);
      expect(mail.map((m) => m.subject)).toEqual(mondays.map((m) => `Sheetgram weekly digest: ${s.rt.workbook.name}, week of ${shift(m.monday, -7)}`));
      // Each said in the "Sheetgram log" tab, where the person looks: the held-back Monday too, once.
      const log = table(s, 'Sheetgram log');
      const lines = log.rows.filter((r) => r[log.at('Report')] === 'Weekly Digest e-mail').map((r) => [weekdayIn((r[log.at('Time')] as Date).getTime()), String(r[log.at('Status')]), String(r[log.at('Message')])]);
      const sent = lines.filter(([, status]) => status === 'info');
      expect(sent.map(([day]) => day)).toEqual(['Monday', 'Tuesday', 'Monday']);
      for (const [, , message] of sent) expect(message).toMatch(/^Sent the Weekly Digest of the week of \d{4}-\d\d-\d\d to team@harbor\.example, lead@harbor\.example, with 4 charts\.$/);
      const waits = lines.filter(([, status]) => status === 'continues');
      expect(waits.map(([day, , message]) => [day, message])).toEqual([['Monday', "Not sent yet: Google's daily e-mail quota is used up (it needs 2); the hourly runs try again, until Tuesday."]]);
      expect(lines.filter(([, status]) => status === 'failed')).toEqual([]);
    });

    it('has each account\'s figures as the tab has them', () => {
      let checked = 0;
      digestMail().forEach((m, i) => {
        const { monday, expected } = mondays[i];
        for (const account of [CREATOR, BAKERY]) {
          const figures = mailFigures(m.htmlBody!, `@${handles[account]}`);
          for (const [figure, value] of Object.entries(expected[account].thisWeek.figures)) {
            expect(figures[figure], `${monday} @${handles[account]} ${figure}`).toEqual([shown(value), shown(expected[account].lastWeek.figures[figure])]);
            checked++;
          }
        }
      });
      expect(checked).toBe(3 * 2 * 10);
    });

    it('carries the followers and reach charts as PNG images, and nothing unescaped', () => {
      const last: SentMail = digestMail()[2];
      const cids = [...last.htmlBody!.matchAll(/src="cid:([^"]+)"/g)].map((x) => x[1]);
      expect(cids.sort()).toEqual(['followers-1', 'followers-2', 'reach-1', 'reach-2']);
      for (const m of digestMail()) {
        const referenced = [...m.htmlBody!.matchAll(/src="cid:([^"]+)"/g)].map((x) => x[1]).sort();
        expect(Object.keys(m.inlineImages ?? {}).sort()).toEqual(referenced);
        for (const image of Object.values(m.inlineImages ?? {})) {
          expect(image.contentType).toBe('image/png');
          expect([...image.bytes.subarray(0, 8)]).toEqual(PNG);
          expect(pngSize(image.bytes)).toEqual({ width: 560, height: 240 });
        }
        // Captions from Instagram never arrive as markup: the only images are the charts, the only links
        // Instagram posts and the spreadsheet, and no attribute runs anything.
        expect(m.htmlBody).not.toMatch(/<(script|iframe|object|svg|style)/i);
        expect(m.htmlBody).not.toMatch(/\son[a-z]+=/i);
        expect([...m.htmlBody!.matchAll(/<img\b[^>]*>/g)].every((x) => /^<img src="cid:/.test(x[0]))).toBe(true);
        const links = [...m.htmlBody!.matchAll(/<a\b[^>]*href="([^"]+)"/g)].map((x) => x[1]);
        expect(links.some((h) => /^https:\/\/www\.instagram\.com\//.test(h))).toBe(true);
        expect(links.filter((h) => !/^https:\/\/(www\.instagram\.com\/|docs\.google\.com\/spreadsheets\/)/.test(h))).toEqual([]);
      }
    });
  });
});
