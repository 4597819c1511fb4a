// The bench's small account under Meta's daily limit, measured with the bench's own code: its first pull
// is spread over the hours, each hour within Sheetgram's share, the day within Meta's budget, and it finishes.
import { beforeAll, describe, expect, it } from 'vitest';
import { benchMetaLimits, type MetaLimitsBench } from '../../local/bench/meta-limits';

let bench: MetaLimitsBench;

beforeAll(async () => {
  bench = await benchMetaLimits();
}, 120_000);

describe('a small account under Meta\'s daily limit', () => {
  it('spreads its first pull over the hours and finishes without Meta stopping it', () => {
    expect(bench.complete).toBe(true);
    expect(bench.hours.length).toBeGreaterThanOrEqual(2);
    expect(bench.pausedByMeta).toBe(0);
    // The first hour is held to the floor's share; later ones to the share of the account's own day.
    expect(bench.hours[0].calls).toBeLessThanOrEqual(Math.floor(bench.floor / 24));
    for (const h of bench.hours) expect(h.calls).toBeLessThanOrEqual(Math.max(Math.floor(bench.floor / 24), bench.sheetgram.hour));
  });

  it('keeps its day within Meta\'s budget, and then takes its limits from the account\'s views', () => {
    expect(bench.dayTotal).toBeLessThanOrEqual(bench.metaBudget);
    expect(bench.sheetgram).toMatchObject({ basis: 'views', day: bench.metaBudget, hour: Math.floor(bench.metaBudget / 24) });
    expect(bench.sheetgram.summary).toMatch(/^@sunny\.creates: \d+ of 400 calls this hour, \d+ of 9,600 today \(Meta's limit for this account, from its views\)$/);
  });
});
