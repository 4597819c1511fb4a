// The report editor's refusals through the real bundle: saveConfiguration names the field a refusal is
// about ("[sheetgram:invalid_input] [field:<field>] <sentence>", rpc.ts InputField), so the sidebar shows
// the sentence beside that control; the sentence is in the person's words (no permission ids or API
// values); and nothing is saved.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stack } from '../../local/platform/stack';
import type { SidebarState } from '../../src/contract/sidebar';
import { BAKERY, CREATOR, refusal, stack } from './support';

let s: Stack;
beforeAll(async () => {
  s = await stack();
  // Signed in without "Also allow reading comments": the Comments report's permission is missing.
  await s.connect('instagram', { reportIds: ['user_information'] });
  await s.connect('facebook');
});
afterAll(async () => {
  await s?.close();
});

const save = (input: Record<string, unknown>) => s.rt.call('saveConfiguration', [{ mode: 'append', schedule: { kind: 'off' }, ...input }]);
const saved = () => (s.rt.call('getSidebarState') as SidebarState).configurations.length;
/** The field and the sentence of a refusal; the whole message must be one of Sheetgram's own. */
const refusedAt = (input: Record<string, unknown>): { field: string; sentence: string } => {
  const before = saved();
  const message = refusal(() => save(input));
  expect(saved()).toBe(before);
  const m = /^\[sheetgram:invalid_input\] \[field:([A-Za-z.]+)\] (.+)$/s.exec(message);
  expect(m, message).not.toBeNull();
  return { field: m![1], sentence: m![2] };
};
const API_WORDS = /instagram_|pages_|_manage_|this_month|this_week|last_30_days|Media_Creator/;

describe('saveConfiguration names the field it refuses', () => {
  it('Comments without the permission: the account, with what the permission is for', () => {
    const { field, sentence } = refusedAt({ accountId: CREATOR, reportId: 'comments', fields: ['id', 'text'], tabName: 'Comments', mode: 'update' });
    expect(field).toBe('accountId');
    expect(sentence).toBe('Comments needs permission to read comments, which @sunny.creates did not give. Click Add permission next to @sunny.creates, and allow reading comments.');
    expect(sentence).not.toMatch(API_WORDS);
  });

  it('Competitors with an empty list: the usernames box', () => {
    for (const settings of [{}, { competitors: '' }, { competitors: ' ,, ' }]) {
      expect(refusedAt({ accountId: BAKERY, reportId: 'competitors', fields: ['username'], tabName: 'Rivals', settings }))
        .toEqual({ field: 'settings.competitors', sentence: 'List at least one competitor username, such as rival.bakery.' });
    }
  });

  it('a timeframe typed wrong: the period menu, in its words', () => {
    const { field, sentence } = refusedAt({ accountId: BAKERY, reportId: 'audience_demographics', fields: ['count'], tabName: 'Audience', settings: { timeframe: 'last_30_days' } });
    expect(field).toBe('settings.timeframe');
    expect(sentence).toBe('Choose "This month" or "This week": the period Meta counts the audience over.');
    expect(sentence).not.toMatch(API_WORDS);
  });

  it('"Posts since" as 01/03/2026: the date, with the two days it could be', () => {
    expect(refusedAt({ accountId: CREATOR, reportId: 'recent_media', fields: ['id'], tabName: 'Posts', mode: 'update', settings: { postsSince: '01/03/2026' } }))
      .toEqual({ field: 'settings.postsSince', sentence: '"01/03/2026" could be 1 March 2026 or 3 January 2026: pick the day in the calendar.' });
  });

  it('a time zone that is not an IANA name: the zone picker; an IANA name is kept', () => {
    for (const zone of ['Lisbon (Europe/Lisbon)', 'Pacific Time', '+01:00']) {
      expect(refusedAt({ accountId: CREATOR, reportId: 'account_insights', fields: ['date'], tabName: 'Insights', mode: 'update', settings: { insightDayTimeZone: zone } }).field)
        .toBe('settings.insightDayTimeZone');
    }
    const config = save({ accountId: CREATOR, reportId: 'account_insights', fields: ['date'], tabName: 'Insights', mode: 'update', settings: { insightDayTimeZone: 'Europe/Lisbon' } }) as { settings?: Record<string, string> };
    expect(config.settings).toEqual({ insightDayTimeZone: 'Europe/Lisbon' });
  });

  it('a refusal with nothing to point at keeps the plain sentence', () => {
    expect(refusal(() => save({ accountId: CREATOR, reportId: 'recent_media', fields: ['id'], tabName: 'Posts 2', settings: 'x' })))
      .toBe('[sheetgram:invalid_input] The report\'s settings did not arrive as text boxes; open the report again and retype them.');
  });
});
