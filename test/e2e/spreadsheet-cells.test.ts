// Google's 10 million cells per spreadsheet (issue 15): a spreadsheet with a person's big tab is told well
// before it is full (how full, which tabs grow fastest, how long until full, what to do), and a run whose
// rows do not fit writes none of them, keeps its checkpoint, and once there is room writes every row once.
import { afterEach, describe, expect, it } from 'vitest';
import type { Stack } from '../../local/platform/stack';
import { largeScenario } from '../../local/instagram/scenario';
import { CREATOR, DAY, stack } from './support';

const LIMIT = 10_000_000;
let s: Stack;
afterEach(async () => {
  await s?.close();
});

interface Cells { percent: number; level: number; heading: string; message: string }
const banner = () => (s.rt.call('getSidebarState') as { cells?: Cells | null }).cells ?? null;
const free = () => LIMIT - s.rt.workbook.cellCount();
/** The person's own tab of 26 columns, grown until at most `left` cells stay free (25 fewer at worst). */
function personTab(left: number): void {
  if (!s.rt.workbook.sheetNamed('Archive')) s.rt.workbook.addSheet('Archive');
  const rows = s.rt.workbook.sheetNamed('Archive')!.maxRows;
  s.rt.workbook.insertRows('Archive', rows + 1, Math.ceil((free() - left) / 26));
}
/** The log's lines as [time, tab, status, rows added, message]. */
function logLines(): [Date, string, string, number, string][] {
  const [head, ...rows] = s.rt.workbook.values('Sheetgram log');
  const at = (h: string) => head.indexOf(h);
  return rows.map((r) => [r[at('Time')] as Date, String(r[at('Tab')]), String(r[at('Status')]), Number(r[at('Rows added')]), String(r[at('Message')])]);
}

describe('a spreadsheet nearing 10 million cells', () => {
  async function dailyAudience() {
    s = await stack({ transport: 'in-process' });
    await s.connect('instagram');
    const config = s.rt.call('saveConfiguration', [{
      accountId: CREATOR, reportId: 'audience_demographics', fields: ['audience', 'breakdown', 'value', 'count'], tabName: 'Audience', mode: 'append', schedule: { kind: 'daily', hour: 6 },
    }]) as { id: string };
    s.rt.advance(4 * DAY);
    return config;
  }
  /** The pace the log shows for a tab: rows its runs added after the first, times its columns, a day. */
  function paceOf(tab: string): number {
    const lines = logLines().filter((l) => l[1] === tab);
    const rows = lines.slice(1).reduce((n, l) => n + l[3], 0);
    const days = (s.rt.clock.now() - lines[0][0].getTime()) / DAY;
    return (rows * s.rt.workbook.sheetNamed(tab)!.maxColumns) / days;
  }

  it('shows a banner from 70% with the fastest-growing and largest tabs, and the days left at this pace', async () => {
    await dailyAudience();
    expect(logLines().filter((l) => l[1] === 'Audience')).toHaveLength(5);
    // Sheetgram's tabs keep the columns they write and four spare for notes: 7 + 4 for Audience, 11 + 4 for the log.
    expect(s.rt.workbook.sheets.map((t) => [t.name, t.maxColumns])).toEqual([['Sheet1', 26], ['Audience', 11], ['Sheetgram log', 15]]);
    expect(banner()).toBeNull();

    personTab(2_500_000);
    const pace = paceOf('Audience');
    expect(Math.round(pace)).toBeGreaterThan(700);
    let cells = banner()!;
    expect(cells).toMatchObject({ percent: 75, level: 70, heading: 'This spreadsheet is 75% full' });
    expect(cells.message).toContain(`Growing fastest: "Audience" (+${Math.round(pace).toLocaleString('en-US')} cells a day).`);
    expect(cells.message).toContain('it is full in more than a year');
    expect(cells.message).toMatch(/Largest tabs: "Archive" \([\d,]+ cells\), "Sheet1" \(26,000 cells\), "Sheetgram log" \(15,000 cells\)\./);
    expect(cells.message).toMatch(/To make room: delete tabs or old rows .* Replace instead of Append .* BigQuery/);

    // Twenty days and a half of room at this pace.
    personTab(Math.round(20.5 * pace));
    cells = banner()!;
    expect(cells).toMatchObject({ percent: 99, level: 90 });
    expect(cells.message).toContain('At the pace of the last 4 days it is full in about 20 days.');
  });

  // runScheduledReports (src/gas/scheduler.ts) adds spreadsheetCellsNotice's line to the tick's lines.
  it('leaves one log line and sends one e-mail per level crossed on a scheduled run, not every day', async () => {
    await dailyAudience();
    const mailBefore = s.rt.mail.length;
    personTab(2_500_000);
    s.rt.advance(DAY);
    const notes = () => logLines().filter((l) => l[2] === 'info' && /^This spreadsheet is \d+% full\./.test(l[4]));
    expect(notes().map((l) => l[4].slice(0, 32))).toEqual(['This spreadsheet is 75% full. It']);
    expect(notes()[0][4]).toContain('Growing fastest: "Audience"');
    const mails = () => s.rt.mail.slice(mailBefore) as { subject: string; body: string }[];
    expect(mails().map((m) => m.subject)).toEqual(['Sheetgram: the spreadsheet "Sheetgram playground" is 75% full']);
    expect(mails()[0].body).toContain('Largest tabs: "Archive"');

    s.rt.advance(2 * DAY);
    expect(notes()).toHaveLength(1);
    expect(mails()).toHaveLength(1);

    personTab(500_000);
    s.rt.advance(DAY);
    expect(notes().map((l) => l[4].slice(0, 32))).toEqual(['This spreadsheet is 75% full. It', 'This spreadsheet is 95% full. It']);
    expect(mails().map((m) => m.subject)).toEqual([
      'Sheetgram: the spreadsheet "Sheetgram playground" is 75% full', 'Sheetgram: the spreadsheet "Sheetgram playground" is 95% full',
    ]);
  });
});

describe('a run whose rows do not fit', () => {
  it('writes none of them and keeps its checkpoint; after the person deletes a tab the next run writes every row once', async () => {
    s = await stack({ scenario: largeScenario({ media: 3_000 }), latencyMs: 15_000, transport: 'in-process' });
    await s.connect('instagram');
    const config = s.rt.call('saveConfiguration', [{
      accountId: CREATOR, reportId: 'recent_media', fields: ['id', 'timestamp'], tabName: 'Posts', mode: 'update', schedule: { kind: 'off' },
    }]) as { id: string };
    const runNow = () => s.rt.call('runConfigurationNow', [config.id]) as { status: string; message: string; rowsAdded: number };
    // The first execution writes what it read and stops before Apps Script's time limit.
    expect(runNow().status).toBe('continues');
    const posts = s.rt.workbook.values('Posts');
    expect(posts.length).toBeGreaterThan(1);
    expect(posts.length).toBeLessThan(3_001);
    const checkpointKey = `sheetgram.checkpoint.${config.id}`;
    const checkpoint = s.rt.properties.document.get(checkpointKey);
    expect(checkpoint).toBeTruthy();

    // The person's tab leaves fewer cells than the other posts need (4 columns each).
    personTab(2_000);
    const failed = runNow();
    expect(failed.status).toBe('failed');
    expect(failed.message).toMatch(/^This spreadsheet is full: Google Sheets allows 10 million cells in one spreadsheet, counting every tab's rows × columns \(empty cells too\), and it has 9,99\d,\d{3}\. The [\d,]+ new rows for "Posts" need [\d,]+ more cells, so Sheetgram wrote none of them; the next run after you make room picks up where this one stopped\. Largest tabs: "Archive"/);
    expect(failed.message).toMatch(/Replace instead of Append .* BigQuery/);
    expect(s.rt.workbook.values('Posts')).toEqual(posts);
    expect(s.rt.properties.document.get(checkpointKey)).toBe(checkpoint);
    expect(logLines().at(-1)?.slice(2)).toEqual(['failed', posts.length - 1, failed.message]);
    // The sidebar says so too: the report's error and the banner.
    const state = s.rt.call('getSidebarState') as { cells: Cells; configurations: { id: string; lastError?: string }[] };
    expect(failed.message.startsWith(state.configurations.find((c) => c.id === config.id)!.lastError!)).toBe(true);
    expect(failed.message).toMatch(/Sheetgram tries again today, around \d\d:\d\d, or at once with Run now once there is room\.$/);
    expect(state.cells).toMatchObject({ percent: 99, level: 90 });

    s.rt.workbook.deleteSheet('Archive');
    let summary = runNow();
    for (let i = 0; i < 3 && summary.status === 'continues'; i++) summary = runNow();
    expect(summary.status).toBe('ok');
    const [head, ...rows] = s.rt.workbook.values('Posts');
    const ids = rows.map((r) => String(r[head.indexOf('Media ID')]));
    expect(ids).toHaveLength(3_000);
    expect(new Set(ids).size).toBe(3_000);
    expect(s.rt.properties.document.get(checkpointKey)).toBeUndefined();
  });

  it('on its schedule, waits six hours before trying again instead of re-reading Instagram every hour', async () => {
    s = await stack({ transport: 'in-process' });
    await s.connect('instagram');
    s.rt.call('saveConfiguration', [{
      accountId: CREATOR, reportId: 'recent_media', fields: ['id', 'timestamp'], tabName: 'Posts', mode: 'update', schedule: { kind: 'every_hours', everyHours: 1 },
    }]);
    // No room for the new tab's grid (the log tab is there already).
    s.rt.workbook.addSheet('Sheetgram log');
    personTab(100);
    s.rt.advance(13 * 60 * 60 * 1000);
    const failures = logLines().filter((l) => l[1] === 'Posts' && l[2] === 'failed');
    expect(failures.length).toBeGreaterThanOrEqual(2);
    expect(failures.length).toBeLessThanOrEqual(3);
    for (let i = 1; i < failures.length; i++) expect(failures[i][0].getTime() - failures[i - 1][0].getTime()).toBeGreaterThanOrEqual(6 * 60 * 60 * 1000 - 60_000);
    expect(failures[0][4]).toMatch(/^This spreadsheet is full: .* Sheetgram tries again today, around \d\d:\d\d, or at once with Run now once there is room\.$/);
  });
});
