// What a repair may ask for: which reports, how far back Instagram keeps their data, and refusals at the field.
import { describe, expect, it } from 'vitest';
import { checkRepairDays, daysText, repairBounds, repairPromise, repairRuleOf, REPAIRABLE, type RepairRule } from '../../../src/core/repair/rules';

// 15 Jul 2026, 12:00 UTC: 05:00 in California, so Meta's yesterday is 14 Jul.
const NOW = Date.parse('2026-07-15T12:00:00Z');
const insights = REPAIRABLE.account_insights as RepairRule;
const posts = REPAIRABLE.media_insights as RepairRule;

function refusal(fn: () => unknown): { field: string; message: string } {
  try {
    fn();
  } catch (e) {
    return { field: (e as { field: string }).field, message: (e as Error).message };
  }
  throw new Error('expected a refusal');
}

describe('which reports repair', () => {
  it('Account Insights, Media Insights and Recent Media in Update or Replace; nothing that appends rows per run', () => {
    expect(repairRuleOf({ reportId: 'account_insights', mode: 'update' })?.reads).toBe('days');
    expect(repairRuleOf({ reportId: 'media_insights', mode: 'replace' })?.reads).toBe('posts');
    expect(repairRuleOf({ reportId: 'recent_media', mode: 'update' })?.keepsDays).toBeNull();
    expect(repairRuleOf({ reportId: 'account_insights', mode: 'append' })).toBeNull();
    expect(repairRuleOf({ reportId: 'stories', mode: 'update' })).toBeNull();
    expect(repairRuleOf({ reportId: 'user_information', mode: 'update' })).toBeNull();
  });
});

describe('bounds', () => {
  it('insight days end yesterday in Meta\'s day and go back 2 years; the suggestion is the last 30 days', () => {
    expect(repairBounds(insights, { settings: {} }, NOW, 'Asia/Tokyo')).toEqual({ earliest: '2024-07-15', latest: '2026-07-14', from: '2026-06-15', to: '2026-07-14' });
  });

  it('posts may be asked for up to today in the spreadsheet\'s time zone; Recent Media has no first day', () => {
    expect(repairBounds(posts, { settings: {} }, NOW, 'Asia/Tokyo')).toMatchObject({ latest: '2026-07-15', earliest: '2024-07-16' });
    expect(repairBounds(REPAIRABLE.recent_media as RepairRule, { settings: {} }, NOW, 'UTC').earliest).toBeNull();
  });
});

describe('checking a range', () => {
  const bounds = repairBounds(insights, { settings: {} }, NOW, 'UTC');

  it('accepts a range within what Instagram keeps', () => {
    expect(checkRepairDays(insights, bounds, { from: '2026-03-01', to: '2026-03-31' })).toEqual({ from: '2026-03-01', to: '2026-03-31' });
  });

  it('refuses at the field: missing, impossible, reversed, unfinished and beyond what Instagram keeps', () => {
    expect(refusal(() => checkRepairDays(insights, bounds, { to: '2026-03-31' }))).toMatchObject({ field: 'from' });
    expect(refusal(() => checkRepairDays(insights, bounds, { from: '2026-02-31', to: '2026-03-31' }))).toMatchObject({ field: 'from' });
    expect(refusal(() => checkRepairDays(insights, bounds, { from: '2026-03-01', to: '' }))).toMatchObject({ field: 'to' });
    expect(refusal(() => checkRepairDays(insights, bounds, { from: '2026-03-10', to: '2026-03-01' }))).toEqual({
      field: 'to', message: 'The last day comes before the first: choose 10 Mar 2026 or later.',
    });
    expect(refusal(() => checkRepairDays(insights, bounds, { from: '2026-07-01', to: '2026-07-15' }))).toEqual({
      field: 'to', message: "Instagram completes a day's insights after midnight: choose 14 Jul 2026 (yesterday) or earlier.",
    });
    expect(refusal(() => checkRepairDays(insights, bounds, { from: '2024-07-14', to: '2024-08-01' }))).toEqual({
      field: 'from', message: 'Instagram keeps account insights for 2 years at most, so it has nothing before 15 Jul 2024: choose 15 Jul 2024 or later.',
    });
    const postBounds = repairBounds(posts, { settings: {} }, NOW, 'UTC');
    expect(refusal(() => checkRepairDays(posts, postBounds, { from: '2023-01-01', to: '2023-02-01' })).message).toMatch(/post insights for 2 years.*Recent Media re-reads older posts/);
  });
});

describe('words', () => {
  it('says the days the way a person reads them', () => {
    expect(daysText({ from: '2026-03-01', to: '2026-03-31' })).toBe('1–31 Mar 2026');
    expect(daysText({ from: '2026-02-28', to: '2026-03-03' })).toBe('28 Feb – 3 Mar 2026');
    expect(daysText({ from: '2025-12-30', to: '2026-01-02' })).toBe('30 Dec 2025 – 2 Jan 2026');
    expect(daysText({ from: '2026-03-05', to: '2026-03-05' })).toBe('5 Mar 2026');
  });

  it('promises what will happen and nothing more', () => {
    expect(repairPromise(insights, { from: '2026-03-01', to: '2026-03-31' }, 'sunny.creates'))
      .toBe('Re-reads 1–31 Mar 2026 for @sunny.creates: rows of those days are replaced, nothing else changes.');
    expect(repairPromise(posts, { from: '2026-03-01', to: '2026-03-31' }, 'sunny.creates'))
      .toBe('Re-reads the posts @sunny.creates published 1–31 Mar 2026: their rows are replaced, nothing else changes.');
  });
});
