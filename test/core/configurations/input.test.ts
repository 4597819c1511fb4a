// What the sidebar sends, checked: every refusal says what to change; what stays valid is kept.
import { describe, expect, it } from 'vitest';
import type { ConnectedAccount } from '../../../src/core/accounts/types';
import { checkTabName, configurationFromInput, InputError, type ConfigurationInput } from '../../../src/core/configurations/input';
import { TIMEFRAME_CHOICES } from '../../../src/ui/sidebar/wording';

const IG: ConnectedAccount = {
  id: '17841400000000001', username: 'sunny', accountType: 'Media_Creator', flow: 'instagram', scopes: ['instagram_business_basic', 'instagram_business_manage_insights'],
  connectedAt: 0, tokenIssuedAt: 0, tokenExpiresAt: null,
};
const FB: ConnectedAccount = { ...IG, id: '17841400000000002', username: 'bakery', flow: 'facebook', scopes: ['instagram_basic', 'instagram_manage_insights', 'pages_show_list', 'pages_read_engagement'] };
const input = (extra: Partial<ConfigurationInput> = {}): ConfigurationInput => ({
  accountId: IG.id, reportId: 'recent_media', fields: ['caption', 'id'], tabName: ' Posts ', mode: 'update', schedule: { kind: 'daily', hour: 6 }, ...extra,
});
const ctx = (account = IG, existing = null as ReturnType<typeof configurationFromInput> | null) => ({ account, existing, owner: 'u1', now: 1000, newId: () => 'c1' });
const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    if (e instanceof InputError) return e.message;
    throw e;
  }
  throw new Error('expected an InputError');
};

describe('configurationFromInput', () => {
  it('keeps fields in the report\'s order, trims the tab name and records the owner', () => {
    const c = configurationFromInput(input(), ctx());
    expect(c).toMatchObject({ id: 'c1', fields: ['id', 'caption'], tab: { sheetId: null, name: 'Posts' }, owner: 'u1', accountUsername: 'sunny', loginFlow: 'instagram' });
  });

  it('refuses what cannot work, in words', () => {
    expect(refusal(() => configurationFromInput(input({ reportId: 'competitors' }), ctx()))).toMatch(/needs an account connected with Facebook Login/);
    expect(refusal(() => configurationFromInput(input({ reportId: 'comments', fields: ['id'] }), ctx()))).toBe('Comments needs permission to read comments, which @sunny did not give. Click Add permission next to @sunny, and allow reading comments.');
    expect(refusal(() => configurationFromInput(input({ fields: [] }), ctx()))).toMatch(/Tick at least one field/);
    expect(refusal(() => configurationFromInput(input({ tabName: '  ' }), ctx()))).toMatch(/Name the tab/);
    expect(refusal(() => configurationFromInput(input({ schedule: { kind: 'daily', hour: 30 } }), ctx()))).toMatch(/between 0 and 23/);
    expect(refusal(() => configurationFromInput(input({ settings: { postsSince: '31/01/2026' } }), ctx()))).toMatch(/like 2026-01-31/);
    expect(refusal(() => configurationFromInput(input({ accountId: FB.id, reportId: 'competitors', fields: ['username'] }), ctx(FB)))).toMatch(/at least one competitor/);
    const tags = Array.from({ length: 31 }, (_, i) => `tag${i}`).join(' ');
    expect(refusal(() => configurationFromInput(input({ accountId: FB.id, reportId: 'hashtags', fields: ['hashtag'], settings: { hashtags: tags } }), ctx(FB)))).toMatch(/30 different hashtags per 7 days; you listed 31/);
  });

  it('reads lists of competitors and hashtags as people type them', () => {
    const c = configurationFromInput(input({ accountId: FB.id, reportId: 'competitors', fields: ['username'], settings: { competitors: '@Rival.Bakery, city.creator\ncity.creator' } }), ctx(FB));
    expect(c.settings.competitors).toEqual(['rival.bakery', 'city.creator']);
  });

  it('keeps what was read before only when the same data still goes to the same place', () => {
    const first = { ...configurationFromInput(input(), ctx()), state: { highWaterMark: '2026-07-01T00:00:00+0000' } };
    expect(configurationFromInput(input({ id: 'c1' }), ctx(IG, first)).state?.highWaterMark).toBe('2026-07-01T00:00:00+0000');
    expect(configurationFromInput(input({ id: 'c1', fields: ['id', 'caption', 'like_count'] }), ctx(IG, first)).state?.highWaterMark).toBeUndefined();
    expect(configurationFromInput(input({ id: 'c1', tabName: 'Other' }), ctx(IG, first)).tab).toEqual({ sheetId: null, name: 'Other' });
  });
});

/** Whatever the browser sent: each hostile value and the sentence that comes back. */
const HOSTILE: [string, unknown, RegExp | string][] = [
  // The whole input.
  ['null input', null, 'There is nothing to save: fill in the report form and click Save.'],
  ['an array', [input()], 'There is nothing to save: fill in the report form and click Save.'],
  ['a string', 'recent_media', 'There is nothing to save: fill in the report form and click Save.'],
  // Account, report, id, adoptTab.
  ['another account', input({ accountId: FB.id }), 'Choose one of your connected accounts.'],
  ['an account id as a number', { ...input(), accountId: Number(IG.id) }, 'Choose one of your connected accounts.'],
  ['an account id in a list', { ...input(), accountId: [IG.id] }, 'Choose one of your connected accounts.'],
  ['no report', { ...input(), reportId: undefined }, 'Choose a report.'],
  ['an unknown report', input({ reportId: 'stories_archive' }), 'Choose a report.'],
  ['a report id in a list', { ...input(), reportId: ['recent_media'] }, 'Choose a report.'],
  ['an id that is not text', { ...input(), id: 7 }, 'This report could not be found: open it again from the list of reports.'],
  ['adoptTab as text', { ...input(), adoptTab: 'yes' }, 'Tick "Use this tab anyway" again, or leave it unticked, and save.'],
  // Fields.
  ['no fields', { ...input(), fields: undefined }, 'Tick at least one field to collect.'],
  ['fields as text', { ...input(), fields: 'id,caption' }, 'Tick at least one field to collect.'],
  ['an unknown field', input({ fields: ['id', 'nope'] }), 'User\'s Recent Media has no field "nope": tick fields from its list.'],
  ['unknown fields', input({ fields: ['nope', 'id', 'bogus', 'nope'] }), 'User\'s Recent Media has no fields "nope" and "bogus": tick fields from its list.'],
  ['a field that is not text', { ...input(), fields: ['id', 7, null] }, 'User\'s Recent Media has no fields "7" and "null": tick fields from its list.'],
  // Tab name.
  ['a tab name that is not text', { ...input(), tabName: 42 }, 'Name the tab the rows go to.'],
  ['no tab name', { ...input(), tabName: null }, 'Name the tab the rows go to.'],
  ['a blank tab name', input({ tabName: ' \t ' }), 'Name the tab the rows go to.'],
  ['101 characters', input({ tabName: 'x'.repeat(101) }), 'Tab names have at most 100 characters; this one has 101.'],
  ['a line break', input({ tabName: 'Posts\nMay' }), 'Type the tab name on one line: tab names cannot hold line breaks, tabs or other invisible characters.'],
  ['a control character', input({ tabName: 'Posts\u0000' }), /on one line/],
  ['the log tab', input({ tabName: 'sheetgram LOG' }), '"sheetgram LOG" is where Sheetgram logs its runs; reports cannot write there. Choose another tab.'],
  ['a dashboard', input({ tabName: 'Dashboard @sunny' }), /is a Sheetgram dashboard; reports cannot write there/],
  // Mode.
  ['mode merge', { ...input(), mode: 'merge' }, 'Choose Append, Replace or Update.'],
  ['no mode', { ...input(), mode: undefined }, 'Choose Append, Replace or Update.'],
  ['mode in capitals', { ...input(), mode: 'Append' }, 'Choose Append, Replace or Update.'],
  // Schedule (every case of checkSchedule is in schedule.test.ts).
  ['hour null', input({ schedule: { kind: 'daily', hour: null } as never }), 'Choose an hour between 0 and 23 for the daily run.'],
  ['hour ""', input({ schedule: { kind: 'daily', hour: '' } as never }), 'Choose an hour between 0 and 23 for the daily run.'],
  ['hour "7"', input({ schedule: { kind: 'daily', hour: '7' } as never }), 'Choose an hour between 0 and 23 for the daily run.'],
  ['kind weekly', input({ schedule: { kind: 'weekly' } as never }), 'Choose a schedule: off, daily, or every few hours.'],
  ['no schedule', { ...input(), schedule: null }, 'Choose a schedule.'],
  // Settings.
  ['settings as text', { ...input(), settings: 'lookbackDays=30' }, 'The report\'s settings did not arrive as text boxes; open the report again and retype them.'],
  ['settings null', { ...input(), settings: null }, 'The report\'s settings did not arrive as text boxes; open the report again and retype them.'],
  ['lookback as a number', { ...input(), settings: { lookbackDays: 30 } }, 'Lookback must be a number of days, typed as text such as "30".'],
  ['lookback 0', input({ settings: { lookbackDays: '0' } }), 'The lookback must be a whole number of days between 1 and 365.'],
  ['lookback 366', input({ settings: { lookbackDays: '366' } }), 'The lookback must be a whole number of days between 1 and 365.'],
  ['lookback 7.5', input({ settings: { lookbackDays: '7.5' } }), 'The lookback must be a whole number of days between 1 and 365.'],
  ['lookback 1e2', input({ settings: { lookbackDays: '1e2' } }), 'The lookback must be a whole number of days between 1 and 365.'],
  ['lookback -5', input({ settings: { lookbackDays: '-5' } }), 'The lookback must be a whole number of days between 1 and 365.'],
  ['post growth as a number', input({ reportId: 'media_insights', fields: ['id'], settings: { postGrowthDays: 30 } as never }), 'Post growth must be a number of days, typed as text such as "30".'],
  ['post growth 366', input({ reportId: 'media_insights', fields: ['id'], settings: { postGrowthDays: '366' } }), 'Post growth must be a whole number of days between 0 (none) and 365.'],
  ['post growth -1', input({ reportId: 'media_insights', fields: ['id'], settings: { postGrowthDays: '-1' } }), 'Post growth must be a whole number of days between 0 (none) and 365.'],
  ['posts since as a number', { ...input(), settings: { postsSince: 20260131 } }, 'Write "Posts since" as a date like 2026-01-31.'],
  ['posts since 2026-02-30', input({ settings: { postsSince: '2026-02-30' } }), '2026-02-30 is not a day on the calendar; write "Posts since" as a date like 2026-01-31.'],
  ['posts since 2026-13-01', input({ settings: { postsSince: '2026-13-01' } }), /is not a day on the calendar/],
  ['posts since 2025-02-29', input({ settings: { postsSince: '2025-02-29' } }), /is not a day on the calendar/],
  ['posts since in words', input({ settings: { postsSince: 'last week' } }), 'Write "Posts since" as a date like 2026-01-31.'],
];

const HOSTILE_FB: [string, Partial<ConfigurationInput> & Record<string, unknown>, RegExp | string][] = [
  ['competitors as a list', { reportId: 'competitors', fields: ['username'], settings: { competitors: ['rival.bakery'] } as never }, 'List the competitors\' usernames as text, separated by commas.'],
  ['hashtags as a list', { reportId: 'hashtags', fields: ['hashtag'], settings: { hashtags: ['sourdough'] } as never }, 'List the hashtags as text, separated by commas.'],
  ['timeframe as a number', { reportId: 'audience_demographics', fields: ['count'], settings: { timeframe: 30 } as never }, 'Choose "This month" or "This week": the period Meta counts the audience over.'],
  ['a time zone as a number', { reportId: 'account_insights', fields: ['date'], settings: { insightDayTimeZone: -8 } as never }, 'Pick the time zone by its city, such as Los Angeles (America/Los_Angeles).'],
  ['an unknown time zone', { reportId: 'account_insights', fields: ['date'], settings: { insightDayTimeZone: 'Pacific Time' } }, '"Pacific Time" is not a time zone Sheetgram knows: pick a city from the list, such as Los Angeles (America/Los_Angeles).'],
  ['a time zone as an offset', { reportId: 'account_insights', fields: ['date'], settings: { insightDayTimeZone: '+01:00' } }, /"\+01:00" is not a time zone Sheetgram knows/],
  ['a city without its zone', { reportId: 'account_insights', fields: ['date'], settings: { insightDayTimeZone: 'Lisbon' } }, /"Lisbon" is not a time zone Sheetgram knows/],
];

describe('every value is checked, whatever the browser sent', () => {
  for (const [what, value, message] of HOSTILE) {
    it(`refuses ${what}`, () => {
      const said = refusal(() => configurationFromInput(value, ctx()));
      if (typeof message === 'string') expect(said).toBe(message);
      else expect(said).toMatch(message);
    });
  }

  for (const [what, extra, message] of HOSTILE_FB) {
    it(`refuses ${what}`, () => {
      const said = refusal(() => configurationFromInput(input({ accountId: FB.id, mode: 'append', ...extra }), ctx(FB)));
      if (typeof message === 'string') expect(said).toBe(message);
      else expect(said).toMatch(message);
    });
  }

  it('folds duplicate fields, ignores unknown keys and settings of other reports, and keeps JSON integers', () => {
    const c = configurationFromInput({
      ...input({ fields: ['caption', 'id', 'caption', 'id'], schedule: { kind: 'daily', hour: 0, minute: 30 } as never }),
      owner: 'someone else', state: { highWaterMark: 'x' }, settings: { lookbackDays: '14', timeframe: 7, hashtags: ['not', 'this', 'report'], colour: {} },
    }, ctx());
    expect(c).toMatchObject({ fields: ['id', 'caption'], schedule: { kind: 'daily', hour: 0 }, settings: { lookbackDays: 14 }, owner: 'u1' });
    expect(c.schedule).toEqual({ kind: 'daily', hour: 0 });
    expect(c.settings).toEqual({ lookbackDays: 14 });
    expect(configurationFromInput(input({ schedule: { kind: 'every_hours', everyHours: 12 } }), ctx()).schedule).toEqual({ kind: 'every_hours', everyHours: 12 });
    expect(configurationFromInput(input({ settings: { postsSince: '2024-02-29' } }), ctx()).settings).toEqual({ postsSince: '2024-02-29' });
  });

  it('takes the tab names Sheets takes, trimmed', () => {
    for (const name of ['x'.repeat(100), 'Q1/Q2: [draft] *?', 'User\'s Information', 'Reels 🎬 @sunny.creates']) expect(checkTabName(name)).toBe(name);
    expect(checkTabName('  Posts  ')).toBe('Posts');
    expect(configurationFromInput(input({ tabName: '  Q1/Q2  ' }), ctx()).tab.name).toBe('Q1/Q2');
  });

  it('lets an edit keep the tab it already writes to, and refuses an id that is not the one edited', () => {
    const first = configurationFromInput(input(), ctx());
    expect(configurationFromInput(input({ id: 'c1', adoptTab: false }), ctx(IG, first)).id).toBe('c1');
    expect(refusal(() => configurationFromInput(input({ id: 'c2' }), ctx(IG, first)))).toBe('This report could not be found: open it again from the list of reports.');
  });
});

/** The sentence and the field it names (rpc.ts InputField), as the editor shows it beside that control. */
const refusedAt = (fn: () => unknown): { field: string | undefined; message: string } => {
  try {
    fn();
  } catch (e) {
    if (e instanceof InputError) return { field: e.field, message: e.message };
    throw e;
  }
  throw new Error('expected an InputError');
};
const fb = (extra: Partial<ConfigurationInput>) => () => configurationFromInput(input({ accountId: FB.id, mode: 'append', ...extra }), ctx(FB));
/** Permission ids and API values a person never reads. */
const API_WORDS = /instagram_|pages_|_manage_|this_month|this_week|Media_Creator/;

describe('each refusal names the field it is about, in the person\'s words', () => {
  it('a report whose permission the account did not give: the account, and what the permission is for', () => {
    const { field, message } = refusedAt(() => configurationFromInput(input({ reportId: 'comments', fields: ['id'] }), ctx()));
    expect(field).toBe('accountId');
    expect(message).toMatch(/^Comments needs permission to read comments, which @sunny did not give\./);
    expect(message).not.toMatch(API_WORDS);
    // Facebook Login without the comments permission: the same words, not instagram_manage_comments.
    const tagged = refusedAt(fb({ reportId: 'tagged_media', fields: ['id'] }));
    expect(tagged).toMatchObject({ field: 'accountId', message: expect.stringContaining('needs permission to read comments, which @bakery did not give') });
    expect(tagged.message).not.toMatch(API_WORDS);
  });

  it('Competitors with an empty list: the usernames box', () => {
    for (const competitors of [undefined, '', ' , ;  ']) {
      const settings: Record<string, string> = competitors === undefined ? {} : { competitors };
      expect(refusedAt(fb({ reportId: 'competitors', fields: ['username'], settings }))).toEqual({
        field: 'settings.competitors', message: 'List at least one competitor username, such as rival.bakery.',
      });
    }
    expect(refusedAt(fb({ reportId: 'competitors', fields: ['username'], settings: { competitors: 'rival bakery!' } })).field).toBe('settings.competitors');
    expect(refusedAt(fb({ reportId: 'hashtags', fields: ['hashtag'], settings: {} }))).toEqual({ field: 'settings.hashtags', message: 'List at least one hashtag, such as sourdough.' });
  });

  it('a timeframe typed wrong: the period menu, by its words', () => {
    for (const timeframe of ['last_30_days', 'monthly', 'This month', 'THIS_MONTH', '__proto__', 'toString']) {
      const { field, message } = refusedAt(fb({ reportId: 'audience_demographics', fields: ['count'], settings: { timeframe } }));
      expect({ timeframe, field, message }).toEqual({ timeframe, field: 'settings.timeframe', message: 'Choose "This month" or "This week": the period Meta counts the audience over.' });
      expect(message).not.toMatch(API_WORDS);
    }
  });

  it('every period the editor\'s menu offers is one the server takes', () => {
    for (const { value } of TIMEFRAME_CHOICES) {
      expect(configurationFromInput(input({ accountId: FB.id, reportId: 'audience_demographics', fields: ['count'], settings: { timeframe: value } }), ctx(FB)).settings.timeframe).toBe(value);
    }
  });

  it('"Posts since" as 01/03/2026: the date, saying which two days it could be', () => {
    expect(refusedAt(() => configurationFromInput(input({ settings: { postsSince: '01/03/2026' } }), ctx()))).toEqual({
      field: 'settings.postsSince', message: '"01/03/2026" could be 1 March 2026 or 3 January 2026: pick the day in the calendar.',
    });
    expect(refusedAt(() => configurationFromInput(input({ settings: { postsSince: '31/01/2026' } }), ctx()))).toEqual({
      field: 'settings.postsSince', message: 'Pick the day in the calendar (31 January 2026?): Sheetgram reads dates written like 2026-01-31.',
    });
    expect(refusedAt(() => configurationFromInput(input({ settings: { postsSince: '2026-02-30' } }), ctx())).field).toBe('settings.postsSince');
    expect(refusedAt(() => configurationFromInput(input({ settings: { postsSince: 'last week' } }), ctx())).field).toBe('settings.postsSince');
  });

  it('time zones: only IANA names, kept as the runtime spells them', () => {
    const zone = (insightDayTimeZone: string) => configurationFromInput(input({ reportId: 'account_insights', fields: ['date'], settings: { insightDayTimeZone } }), ctx()).settings.insightDayTimeZone;
    expect(zone('Europe/Lisbon')).toBe('Europe/Lisbon');
    expect(zone('europe/lisbon')).toBe('Europe/Lisbon');
    expect(zone('America/Argentina/Buenos_Aires')).toBe('America/Argentina/Buenos_Aires');
    expect(zone('UTC')).toBe('UTC');
    for (const bad of ['Lisbon (Europe/Lisbon)', 'GMT+1', '+01:00', 'Europe/Atlantis', 'Europe/Lisbon/Old/Town']) {
      expect(refusedAt(() => zone(bad)).field).toBe('settings.insightDayTimeZone');
    }
  });

  it('the other fields by their input key', () => {
    const at = (value: unknown) => refusedAt(() => configurationFromInput(value, ctx())).field;
    expect(at(input({ accountId: FB.id }))).toBe('accountId');
    expect(at(input({ reportId: 'stories_archive' }))).toBe('reportId');
    expect(at(input({ fields: [] }))).toBe('fields');
    expect(at(input({ fields: ['nope'] }))).toBe('fields');
    expect(at(input({ tabName: ' ' }))).toBe('tabName');
    expect(at(input({ tabName: 'Sheetgram log' }))).toBe('tabName');
    expect(at({ ...input(), adoptTab: 'yes' })).toBe('adoptTab');
    expect(at({ ...input(), mode: 'merge' })).toBe('mode');
    expect(at(input({ schedule: { kind: 'daily', hour: 30 } }))).toBe('schedule');
    expect(at(input({ settings: { lookbackDays: '0' } }))).toBe('settings.lookbackDays');
    // Nothing to point at: the alert says it.
    expect(at(null)).toBeUndefined();
    expect(at({ ...input(), settings: 'lookbackDays=30' })).toBeUndefined();
  });
});
