// Nothing of the person's is lost, end to end over HTTP: a list of posts Instagram cuts short makes an
// incomplete run that the next hourly run makes whole (every post exactly once); stories without insights
// are rows; and a revoked sign-in leaves one log line and waits quietly until the person reconnects.
import { afterEach, describe, expect, it } from 'vitest';
import type { Stack } from '../../local/platform/stack';
import { CREATOR, DAY, HOUR, scenario, stack } from './support';

let s: Stack;
afterEach(async () => {
  await s?.close();
});

const LOG = 'Sheetgram log';

function save(reportId: string, fields: string[], extra: Record<string, unknown> = {}) {
  return s.rt.call('saveConfiguration', [{
    accountId: CREATOR, reportId, fields, tabName: `${reportId} @sunny`, mode: 'update', schedule: { kind: 'daily', hour: 7 }, ...extra,
  }]) as { id: string; tabName: string };
}
const runNow = (id: string) => s.rt.call('runConfigurationNow', [id]) as { status: string; message: string; rowsAdded: number };

/** A tab as records by header. */
function rows(tab: string): Record<string, unknown>[] {
  const [head, ...body] = s.rt.workbook.values(tab);
  return body.map((r) => Object.fromEntries(head.map((h, i) => [String(h), r[i]])));
}
/** Media ids per Account ID. */
function idsByAccount(tab: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const r of rows(tab)) out.set(String(r['Account ID']), [...(out.get(String(r['Account ID'])) ?? []), String(r['Media ID'])]);
  return out;
}
const logLines = () => (s.rt.workbook.sheetNamed(LOG) ? rows(LOG) : []);

/** A Graph GET straight to the simulator, at the runtime's virtual time, with a token of its own. */
async function graph(path: string, token: string): Promise<any> {
  const url = path.startsWith('http') ? path : `${s.simulatorUrl}/graph.instagram.com/v27.0/${path}${path.includes('?') ? '&' : '?'}access_token=${token}`;
  const response = await fetch(url, { headers: { 'x-sheetgram-virtual-time': String(s.rt.clock.now()) } });
  return response.json();
}
async function simulatorToken(): Promise<string> {
  return (await s.control('tokens', { igUserId: CREATOR, kind: 'ig-long' })).accessToken;
}
/** Every post id of @sunny.creates as the simulator lists it. */
async function simulatorPosts(): Promise<string[]> {
  const token = await simulatorToken();
  const ids: string[] = [];
  let page = await graph(`${CREATOR}/media?fields=id&limit=100`, token);
  for (;;) {
    ids.push(...page.data.map((m: { id: string }) => m.id));
    if (!page.paging?.next) return ids;
    page = await graph(page.paging.next, token);
  }
}

const FAULTS = [
  { name: 'a page without paging', fault: { truncateListing: { afterPage: 3 } }, read: 300 },
  { name: 'empty pages that still link to a next one', fault: { emptyPageWithNext: { afterPage: 2 } }, read: 200 },
  { name: 'a cursor that points back to its own page', fault: { repeatCursor: { afterPage: 2 } }, read: 300 },
];

describe('a list of posts that Instagram ends early', () => {
  for (const { name, fault, read } of FAULTS) {
    it(`(${name}) makes an incomplete run, and the next hourly run fills the gap: every post exactly once`, async () => {
      s = await stack();
      await s.connect('instagram');
      const config = save('recent_media', ['id', 'timestamp', 'caption']);
      await s.control('faults', fault);
      const first = runNow(config.id);
      expect(first.message).toMatch(new RegExp(`^Instagram ended the list of posts early( \\(.*\\))?: ${read} of 400 read; Sheetgram tries again at the next run\\.`));
      expect(first.rowsAdded).toBe(read);
      const line = logLines().at(-1)!;
      expect(line).toMatchObject({ Report: "User's Recent Media", Status: 'incomplete', Message: expect.stringContaining(`${read} of 400 read`) });
      // What was not read holds nothing back: no high-water mark was saved.
      const saved = JSON.parse(s.rt.properties.document.get(`sheetgram.config.${config.id}`)!);
      expect(saved.state?.highWaterMark).toBeUndefined();

      await s.control('faults', { truncateListing: null, emptyPageWithNext: null, repeatCursor: null });
      s.rt.advance(HOUR);
      expect(logLines().at(-1)).toMatchObject({ 'Started by': 'schedule', Status: 'ok' });
      const ids = idsByAccount(config.tabName);
      expect([...ids.keys()]).toEqual([CREATOR]);
      const mine = ids.get(CREATOR)!;
      expect(mine).toHaveLength(400);
      expect(new Set(mine)).toEqual(new Set(await simulatorPosts()));
      // Whole now: it runs on its schedule again, not every hour.
      const lines = logLines().length;
      s.rt.advance(6 * HOUR);
      expect(logLines()).toHaveLength(lines);
    });
  }

  it('Media Insights: a cut list is incomplete; whole again, the posts before the business conversion are skipped, not missing', async () => {
    s = await stack();
    await s.connect('instagram');
    const config = save('media_insights', ['id', 'timestamp', 'reach', 'views']);
    await s.control('faults', { truncateListing: { afterPage: 3 } });
    expect(runNow(config.id).message).toMatch(/^Instagram ended the list of posts early .*: 150 of 400 read/);
    await s.control('faults', { truncateListing: null });
    s.rt.advance(HOUR);
    const last = logLines().at(-1)!;
    expect(last).toMatchObject({ Status: 'partial', Message: expect.stringMatching(/skipped: Posted before the account became a business account/) });
    expect(String(last.Message)).not.toMatch(/ended the list/);
    const ids = idsByAccount(config.tabName).get(CREATOR)!;
    expect(ids).toHaveLength(372);
    expect(new Set(ids).size).toBe(372);
  });
});

describe('stories without insights', () => {
  it('are rows with their time, type and link, empty metrics, and why', async () => {
    s = await stack({ scenario: scenario((sc) => { sc.accounts[0].stories = { perDay: 20, averageViewers: 1200 }; }) });
    await s.connect('instagram');
    const config = save('stories', ['id', 'timestamp', 'media_type', 'permalink', 'reach', 'views', 'insights_note'], { schedule: { kind: 'off' } });
    const result = runNow(config.id);
    expect(result.status).toBe('ok');
    // The simulator's own answer: which live stories have insights at all (Meta: error 10 under 5 viewers).
    const token = await simulatorToken();
    const live = (await graph(`${CREATOR}/stories?fields=id&limit=50`, token)).data.map((x: { id: string }) => x.id) as string[];
    const withoutInsights = new Set<string>();
    for (const id of live) {
      const answer = await graph(`${id}/insights?metric=reach`, token);
      if (answer.error) {
        expect(answer.error).toMatchObject({ code: 10, message: expect.stringMatching(/Not enough viewers/) });
        withoutInsights.add(id);
      }
    }
    expect(withoutInsights.size).toBeGreaterThan(0);
    expect(withoutInsights.size).toBeLessThan(live.length);

    const tab = rows(config.tabName);
    expect(tab.map((r) => String(r['Media ID'])).sort()).toEqual([...live].sort());
    for (const r of tab) {
      expect(r['Posted at']).toBeInstanceOf(Date);
      expect(String(r.Permalink)).toMatch(/^https:\/\/www\.instagram\.com\/stories\//);
      if (withoutInsights.has(String(r['Media ID']))) {
        expect([r.Reach, r.Views]).toEqual(['', '']);
        expect(r['Insights note']).toBe('Instagram gives no insights for stories seen by fewer than 5 accounts.');
      } else {
        expect(r.Reach).toEqual(expect.any(Number));
        expect(r['Insights note']).toBe('');
      }
    }
    expect(result.message).toMatch(new RegExp(`${withoutInsights.size} stor(y has|ies have) no insights: Instagram gives no insights for stories seen by fewer than 5 accounts`));
  });
});

describe('a run that waits for the person', () => {
  it('after a revoked sign-in: one log line over 24 hours, one e-mail, and it resumes after reconnecting', async () => {
    s = await stack();
    await s.connect('instagram');
    const config = save('recent_media', ['id', 'timestamp']);
    // The token is revoked in the middle of the first scheduled run: after the count and two pages.
    const made = ((await s.control('log')) as { account?: string; host: string }[]).filter((e) => e.account === CREATOR && e.host.startsWith('graph.')).length;
    await s.control('faults', { revokeTokenOf: [{ igUserId: CREATOR, atCall: made + 3 }] });
    const before = logLines().length;
    s.rt.advance(HOUR);
    s.rt.advance(DAY);
    const lines = logLines().slice(before).filter((l) => l.Report === "User's Recent Media");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ Status: 'failed', 'Rows added': 200, Message: expect.stringMatching(/sign-in.*Reconnect.*wait until then and go on by themselves/) });
    expect(logLines().slice(before).filter((l) => l.Report !== 'Sign-in')).toHaveLength(1);
    expect(s.rt.mail.map((m) => m.subject)).toEqual(['Sheetgram: reconnect @sunny.creates so its reports go on']);
    const sidebar = s.rt.call('getSidebarState') as { configurations: { id: string; lastError?: string }[]; accounts: { tokenStatus: { kind: string } }[] };
    expect(sidebar.accounts[0].tokenStatus.kind).toBe('reconnect');
    expect(sidebar.configurations.find((c) => c.id === config.id)!.lastError).toMatch(/Reconnect/);

    await s.connect('instagram');
    s.rt.advance(HOUR);
    expect(logLines().at(-1)).toMatchObject({ Report: "User's Recent Media", Status: 'ok' });
    const ids = idsByAccount(config.tabName).get(CREATOR)!;
    expect(ids).toHaveLength(400);
    expect(new Set(ids).size).toBe(400);
    expect(s.rt.mail).toHaveLength(1);
  });
});

describe('an incomplete Run now of a report without a schedule', () => {
  it('installs the hourly run that retries it, and the retry makes it whole', async () => {
    s = await stack();
    await s.connect('instagram');
    const config = save('recent_media', ['id', 'timestamp'], { schedule: { kind: 'off' } });
    await s.control('faults', { truncateListing: { afterPage: 2 } });
    const first = runNow(config.id);
    expect(first.status).toBe('incomplete');
    expect(first.message).toMatch(/Instagram ended the list of posts early .*200 of 400 read/);
    expect(s.rt.triggers.all().length).toBe(1);
    await s.control('faults', { truncateListing: null });
    s.rt.advance(2 * HOUR);
    const ids = idsByAccount(config.tabName).get(CREATOR)!;
    expect(new Set(ids).size).toBe(400);
    expect(ids).toHaveLength(400);
    // Nothing left to run on its own: the trigger goes again.
    s.rt.advance(2 * HOUR);
    expect(s.rt.triggers.all().length).toBe(0);
  });
});
