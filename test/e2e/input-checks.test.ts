// Whatever reaches saveConfiguration is checked on the server, through the real bundle: google.script.run
// can be called from the browser console with anything, so each hostile input below is refused with one
// plain sentence and nothing is saved (a new report is not added, an edited one stays as it was). The tab
// names the server takes are the ones the Spreadsheet fake takes, and a run creates such a tab as named.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_SHEET_NAME } from '../../local/apps-script/services/spreadsheet';
import type { Stack } from '../../local/platform/stack';
import { MAX_TAB_NAME } from '../../src/core/configurations/tab-names';
import type { Configuration, SidebarState } from '../../src/contract/sidebar';
import { CREATOR, refusal, stack } from './support';

let s: Stack;
let saved: Configuration;
beforeAll(async () => {
  s = await stack();
  await s.connect('instagram');
  saved = save({});
});
afterAll(async () => {
  await s?.close();
});

const BASE = { accountId: CREATOR, reportId: 'recent_media', fields: ['id', 'caption'], tabName: 'Posts', mode: 'update', schedule: { kind: 'daily', hour: 7 } };
const save = (patch: Record<string, unknown>, whole?: unknown) => s.rt.call('saveConfiguration', [whole !== undefined ? whole : { ...BASE, ...patch }]) as Configuration;
/** What a save could change, per configuration (nextRun moves with the clock). */
const savedNow = () => (s.rt.call('getSidebarState') as SidebarState).configurations
  .map(({ id, accountId, reportId, fields, tabName, mode, schedule, settings }) => ({ id, accountId, reportId, fields, tabName, mode, schedule, settings }));

const INVALID = '[sheetgram:invalid_input] ';
const HOUR = 'Choose an hour between 0 and 23 for the daily run.';
const LOOKBACK = 'The lookback must be a whole number of days between 1 and 365.';

/** [what, patch of a valid input, the sentence]; a RegExp where the sentence names a suggested tab. */
const HOSTILE: [string, Record<string, unknown>, string | RegExp][] = [
  ['hour null', { schedule: { kind: 'daily', hour: null } }, HOUR],
  ['hour ""', { schedule: { kind: 'daily', hour: '' } }, HOUR],
  ['hour missing', { schedule: { kind: 'daily' } }, HOUR],
  ['hour 7.5', { schedule: { kind: 'daily', hour: 7.5 } }, HOUR],
  ['hour 24', { schedule: { kind: 'daily', hour: 24 } }, HOUR],
  ['hour -1', { schedule: { kind: 'daily', hour: -1 } }, HOUR],
  ['hour "7" (text, not a number)', { schedule: { kind: 'daily', hour: '7' } }, HOUR],
  ['every "4" hours', { schedule: { kind: 'every_hours', everyHours: '4' } }, 'Choose how often: every 1, 2, 4, 6, 8, 12 hours.'],
  ['every 3 hours', { schedule: { kind: 'every_hours', everyHours: 3 } }, 'Choose how often: every 1, 2, 4, 6, 8, 12 hours.'],
  ['kind weekly', { schedule: { kind: 'weekly', hour: 7 } }, 'Choose a schedule: off, daily, or every few hours.'],
  ['no schedule', { schedule: null }, 'Choose a schedule.'],
  ['mode merge', { mode: 'merge' }, 'Choose Append, Replace or Update.'],
  ['fields ["nope"]', { fields: ['nope'] }, 'User\'s Recent Media has no field "nope": tick fields from its list.'],
  ['a known field and two unknown ones', { fields: ['id', 'nope', 'likes'] }, 'User\'s Recent Media has no fields "nope" and "likes": tick fields from its list.'],
  ['no fields', { fields: [] }, 'Tick at least one field to collect.'],
  ['fields as text', { fields: 'id,caption' }, 'Tick at least one field to collect.'],
  ['a tab name with a line break', { tabName: 'Posts\nMay' }, 'Type the tab name on one line: tab names cannot hold line breaks, tabs or other invisible characters.'],
  ['a tab name with a tab character', { tabName: 'Posts\tMay' }, 'Type the tab name on one line: tab names cannot hold line breaks, tabs or other invisible characters.'],
  ['a tab name of 101 characters', { tabName: 'x'.repeat(101) }, 'Tab names have at most 100 characters; this one has 101.'],
  ['a blank tab name', { tabName: '   ' }, 'Name the tab the rows go to.'],
  ['a tab name that is a number', { tabName: 2026 }, 'Name the tab the rows go to.'],
  ['the log tab', { tabName: 'Sheetgram log' }, /^"Sheetgram log" is where Sheetgram logs its runs; reports cannot write there\. Choose another tab such as ".+"\.$/],
  ['lookback 0', { settings: { lookbackDays: '0' } }, LOOKBACK],
  ['lookback 0 as a number', { settings: { lookbackDays: 0 } }, 'Lookback must be a number of days, typed as text such as "30".'],
  ['lookback 30 as a number', { settings: { lookbackDays: 30 } }, 'Lookback must be a number of days, typed as text such as "30".'],
  ['lookback 400', { settings: { lookbackDays: '400' } }, LOOKBACK],
  ['posts since 2026-02-30', { settings: { postsSince: '2026-02-30' } }, '2026-02-30 is not a day on the calendar; write "Posts since" as a date like 2026-01-31.'],
  ['settings as text', { settings: 'lookbackDays=30' }, 'The report\'s settings did not arrive as text boxes; open the report again and retype them.'],
  ['an unknown report', { reportId: 'everything' }, 'Choose a report.'],
  ['adoptTab as text', { adoptTab: 'true' }, 'Tick "Use this tab anyway" again, or leave it unticked, and save.'],
  ['an account that is not connected', { accountId: '17841499999999999' }, 'Choose one of your connected accounts.'],
  ['an account id as a list', { accountId: [CREATOR] }, 'Choose one of your connected accounts.'],
];

/** The sentence after the kind and the field the editor shows it at ("[field:tabName] "), see rpc.ts. */
const FIELD_TAG = /^\[field:[A-Za-z.]+\] /;
const expectMessage = (message: string, expected: string | RegExp) => {
  expect(message.startsWith(INVALID), message).toBe(true);
  const sentence = message.slice(INVALID.length).replace(FIELD_TAG, '');
  if (typeof expected === 'string') expect(sentence).toBe(expected);
  else expect(sentence).toMatch(expected);
};

describe('saveConfiguration checks every value, whatever the browser sent', () => {
  for (const [what, patch, expected] of HOSTILE) {
    it(`refuses ${what} for a new report and for an edit, and saves nothing`, () => {
      const before = savedNow();
      expectMessage(refusal(() => save({ ...patch, tabName: patch.tabName ?? 'Fresh posts' })), expected);
      expect(savedNow()).toEqual(before);
      // The same value in an edit leaves the saved report as it was (an empty hour once became midnight).
      if (!('accountId' in patch)) {
        expectMessage(refusal(() => save({ ...patch, id: saved.id })), expected);
        expect(savedNow()).toEqual(before);
      }
    });
  }

  it('refuses an input that is not an object', () => {
    const before = savedNow();
    for (const whole of [null, [], 'recent_media', 7]) {
      expect(refusal(() => save({}, whole))).toBe(`${INVALID}Choose one of your connected accounts.`);
    }
    expect(savedNow()).toEqual(before);
  });

  it('still saves what the sidebar sends, folding duplicate fields and ignoring keys it does not know', () => {
    expect(saved).toMatchObject({ tabName: 'Posts', schedule: { kind: 'daily', hour: 7 } });
    const edited = save({ id: saved.id, fields: ['caption', 'id', 'caption'], schedule: { kind: 'daily', hour: 0, minute: 30 }, settings: { lookbackDays: '14', colour: 3 }, extra: { a: 1 } });
    expect(edited).toMatchObject({ id: saved.id, fields: ['id', 'caption'], schedule: { kind: 'daily', hour: 0 } });
    expect(edited.schedule).toEqual({ kind: 'daily', hour: 0 });
    expect(savedNow().find((c) => c.id === saved.id)?.settings).toEqual({ lookbackDays: '14' });
  });
});

describe('tab names: the server and the Spreadsheet fake take the same ones', () => {
  const NAMES = ['x'.repeat(100), 'Q1/Q2: [draft] *?', 'Reels 🎬 \\ "quotes"', 'x'.repeat(101), 'two\nlines', 'bell\u0007', 'next\u0085line'];

  it('refuses on save exactly the names insertSheet refuses', () => {
    expect(MAX_SHEET_NAME).toBe(MAX_TAB_NAME);
    for (const name of NAMES) {
      let sheetRefused = false;
      try {
        s.rt.workbook.addSheet(name);
        s.rt.workbook.deleteSheet(name);
      } catch {
        sheetRefused = true;
      }
      let saveRefused = false;
      try {
        save({ reportId: 'user_information', fields: ['followers_count'], mode: 'append', tabName: name, schedule: { kind: 'off' } });
      } catch (e) {
        expect((e as Error).message.startsWith(INVALID)).toBe(true);
        saveRefused = true;
      }
      expect({ name, saveRefused }).toEqual({ name, saveRefused: sheetRefused });
      // Each accepted name is its own report (one report and account per tab): leave room for the next one.
      if (!saveRefused) {
        const config = savedNow().find((c) => c.tabName === name)!;
        s.rt.call('deleteConfiguration', [config.id]);
      }
    }
  });

  it('creates a tab Excel would refuse, as named, on the first run', () => {
    const name = 'Q1/Q2: [draft] *?';
    const config = save({ reportId: 'user_information', fields: ['followers_count'], mode: 'append', tabName: name, schedule: { kind: 'off' } });
    const run = s.rt.call('runConfigurationNow', [config.id]) as { status: string; message: string };
    expect(run.status, run.message).toMatch(/ok|partial/);
    expect(s.rt.workbook.sheetNamed(name)?.name).toBe(name);
    expect(s.rt.workbook.values(name)[0]).toContain('Followers');
  });
});
