// Google's daily trigger runtime (issue 15): a first pull longer than the person's day of trigger time is
// read over several days, every scheduled execution ends on its own (none killed by Google's "too much
// computer time"), the sidebar says why the report waits, and every post lands once.
import { afterEach, describe, expect, it } from 'vitest';
import type { Stack } from '../../local/platform/stack';
import { largeScenario } from '../../local/instagram/scenario/default';
import { CREATOR, HOUR, stack } from './support';

let s: Stack;
afterEach(async () => {
  await s?.close();
});

const MINUTE = 60_000;
const TEN_MINUTES = 10 * MINUTE;

interface CardStatus { id: string; lastRun?: { status: string; message: string }; nextRun?: number }
const card = (id: string) => (s.rt.call('getSidebarState').configurations as CardStatus[]).find((c) => c.id === id)!;

describe("Google's daily trigger runtime", () => {
  it('spreads a first pull over days within it, says so in the sidebar, and loses or repeats no post', async () => {
    // Slow answers make 10,000 posts a long read: ~100 pages of 10 s, more than one day's 10 minutes allow.
    s = await stack({
      scenario: largeScenario({ media: 10_000 }), latencyMs: 10_000, transport: 'in-process',
      runtime: { quotas: { daily: { triggerRuntime: TEN_MINUTES } } },
      scriptProperties: { SHEETGRAM_TRIGGER_MINUTES_PER_DAY: '10' },
    });
    await s.connect('instagram');
    const config = s.rt.call('saveConfiguration', [{
      accountId: CREATOR, reportId: 'recent_media', fields: ['id', 'timestamp'], tabName: 'posts', mode: 'update', schedule: { kind: 'daily', hour: 6 },
    }]) as { id: string; tabName: string };
    const runsFrom = s.rt.executions.length;

    s.rt.advance(24 * HOUR);
    // Day one: the pull stopped where Sheetgram's share of the day ends, and the card says what happens next.
    const first = card(config.id);
    expect(first.lastRun?.status).toBe('continues');
    expect(first.lastRun?.message).toMatch(/A long history is read over several days: Google gives scheduled runs 10 minutes a day for each person, and today's share for Sheetgram is used\. What is read so far is in the tab; Sheetgram continues (today|tomorrow), around \d\d:\d\d, or now with Run now\./);
    const readOnDayOne = s.rt.workbook.values(config.tabName).length - 1;
    expect(readOnDayOne).toBeGreaterThan(0);
    expect(readOnDayOne).toBeLessThan(10_000);

    s.rt.advance(4 * 24 * HOUR);
    const ticks = s.rt.executions.slice(runsFrom).filter((e) => e.function === 'runScheduledReports');
    // No tick was refused or killed by Google's daily limit: Sheetgram stopped first, every time.
    expect(ticks.filter((e) => e.outcome !== 'completed').map((e) => e.error)).toEqual([]);
    expect(s.rt.quotas.used('triggerRuntime')).toBeLessThanOrEqual(TEN_MINUTES);

    const [head, ...rows] = s.rt.workbook.values(config.tabName);
    const ids = rows.map((r) => String(r[head.indexOf('Media ID')]));
    expect(ids).toHaveLength(10_000);
    expect(new Set(ids).size).toBe(10_000);
    expect(card(config.id).lastRun?.status).toBe('ok');
    expect(s.rt.mail).toEqual([]);
  });
});
