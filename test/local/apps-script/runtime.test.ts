// The runtime loading a small fixture bundle: calls as users and auth modes, execution limits,
// custom-function rules, triggers firing on clock advance, state tokens through userCallback.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createRuntime } from '../../../local/apps-script/runtime';
import { LocalNetwork } from '../../../local/apps-script/services/url-fetch';

const BASIC = fileURLToPath(new URL('./fixtures/basic', import.meta.url));
const TOP_LEVEL_CALL = fileURLToPath(new URL('./fixtures/top-level-call', import.meta.url));
const START = Date.parse('2026-01-05T09:00:00Z');
const OWNER = 'owner@example.com';
const EDITOR = 'editor@example.com';

function runtime(options: Partial<Parameters<typeof createRuntime>[0]> = {}) {
  return createRuntime({ bundleDir: BASIC, start: START, timeZone: 'Europe/Berlin', users: [{ email: OWNER }, { email: EDITOR }], ...options });
}

describe('loading the bundle', () => {
  it('runs the top level once, on the virtual clock, without service calls', () => {
    const rt = runtime();
    expect(rt.call('loadedAt')).toBe('2026-01-05T09:00:00.000Z');
    expect(rt.loadError).toBeUndefined();
    expect(rt.topLevelCalls).toEqual({});
  });

  it('fails every call when the top level calls a service NONE mode refuses', () => {
    const rt = createRuntime({ bundleDir: TOP_LEVEL_CALL, start: START });
    expect(rt.loadError).toMatch(/You do not have permission to call PropertiesService/);
    expect(rt.topLevelCalls).toEqual({ 'PropertiesService.getScriptProperties': 1 });
    expect(() => rt.call('hello')).toThrow(/You do not have permission to call PropertiesService/);
  });
});

describe('calls', () => {
  it('returns results and reports errors thrown by the bundle with their message', () => {
    const rt = runtime();
    expect(rt.call('add', [2, 3])).toBe(5);
    expect(() => rt.call('fail', ['boom'])).toThrow('boom');
    expect(() => rt.call('missing')).toThrow('Script function not found: missing');
    expect(rt.executions.map((e) => [e.function, e.outcome, e.error])).toEqual([
      ['add', 'completed', undefined],
      ['fail', 'failed', 'boom'],
      ['missing', 'failed', 'Script function not found: missing'],
    ]);
  });

  it('runs onOpen in LIMITED as a simple trigger and builds the add-on menu', () => {
    const rt = runtime();
    expect(rt.call('onOpen', [{ authMode: 'LIMITED' }], { authMode: 'LIMITED' })).toBe('LIMITED');
    expect(rt.executions[0]).toMatchObject({ function: 'onOpen', mode: 'LIMITED', kind: 'simple-trigger', outcome: 'completed' });
    expect(JSON.stringify(rt.workbook.ui.menus(OWNER))).toContain('showSidebar');
  });

  it('refuses properties in NONE mode with Google\'s message', () => {
    const rt = runtime();
    expect(() => rt.call('readScriptProperty', ['x'], { authMode: 'NONE' })).toThrow('You do not have permission to call PropertiesService.getScriptProperties.');
  });

  it('gives the user email only in FULL mode', () => {
    const rt = runtime();
    expect(rt.call('whoAmI', [], { user: EDITOR })).toEqual([EDITOR, EDITOR]);
    expect(rt.call('whoAmI', [], { authMode: 'LIMITED' })).toEqual(['', '']);
    expect(rt.callCustomFunction('whoAmI', [])).toEqual(['', '']);
  });

  it('records Logger and console output', () => {
    const rt = runtime();
    rt.call('logSomething');
    expect(rt.logs.map((l) => [l.source, l.level, l.message])).toEqual([
      ['Logger', 'log', 'count 3'],
      ['console', 'warn', 'careful {"a":1}'],
    ]);
  });
});

describe('execution limits', () => {
  it('fails a script that sleeps 7 virtual minutes with Google\'s message', () => {
    const rt = runtime();
    expect(() => rt.call('sleepSeconds', [7 * 60])).toThrow('Exceeded maximum execution time');
    expect(rt.executions[0]).toMatchObject({ outcome: 'failed', error: 'Exceeded maximum execution time' });
    expect(rt.clock.now() - START).toBeLessThanOrEqual(6 * 60_000 + 1);
  });

  it('lets a script sleep 5 minutes', () => {
    expect(runtime().call('sleepSeconds', [300])).toBe('woke');
  });

  it('keeps a run dead even when the code catches the time-limit error', () => {
    const rt = runtime();
    expect(() => rt.call('sleepAndSwallow', [7 * 60])).toThrow('Exceeded maximum execution time');
    expect(rt.logs).toEqual([]);
  });

  it('fails a custom function that takes 31 s, and onOpen after 30 s', () => {
    const rt = runtime();
    expect(() => rt.callCustomFunction('IG_SLOW')).toThrow('Exceeded maximum execution time');
    expect(() => rt.call('sleepSeconds', [31], { kind: 'simple-trigger' })).toThrow('Exceeded maximum execution time');
    expect(rt.call('sleepSeconds', [31])).toBe('woke');
  });
});

describe('custom functions', () => {
  it('run with their arguments in CUSTOM_FUNCTION mode', () => {
    const rt = runtime();
    expect(rt.callCustomFunction('IG_DOUBLE', [21])).toBe(42);
    expect(rt.executions[0]).toMatchObject({ mode: 'CUSTOM_FUNCTION', kind: 'custom-function' });
  });

  it('read the owner\'s user properties, even for an editor, and cannot set them', () => {
    const rt = runtime();
    rt.call('setUserProperty', ['token', 'owner-token']);
    rt.call('setUserProperty', ['token', 'editor-token'], { user: EDITOR });
    expect(rt.callCustomFunction('IG_TOKEN', [], { user: EDITOR })).toBe('owner-token');
    expect(() => rt.callCustomFunction('IG_SET', [], { user: EDITOR })).toThrow(/permission to set user properties/);
    expect(rt.call('getUserProperty', ['token'], { user: EDITOR })).toBe('editor-token');
  });

  it('can fetch through the runtime\'s network', () => {
    const network = new LocalNetwork({ mode: 'in-process', handler: (req) => ({ status: 200, headers: {}, body: `got ${req.url}` }) });
    const rt = runtime({ network });
    expect(rt.callCustomFunction('IG_FETCH', ['https://graph.instagram.com/me'])).toBe('got https://graph.instagram.com/me');
    expect(() => rt.call('IG_FETCH', ['https://graph.instagram.com/me'], { authMode: 'LIMITED' })).toThrow(/permission/);
  });

  it('cannot use services that need authorization', () => {
    expect(() => runtime().callCustomFunction('IG_MAIL')).toThrow('You do not have permission to call MailApp.sendEmail.');
  });
});

describe('time-driven triggers', () => {
  it('fire as their owner in FULL when the clock advances, hourly', () => {
    // On the hour exactly: without the cost model, the start-ups and calls of the creating run and of
    // each tick (costs.test.ts) would move every recorded time by a few hundred ms.
    const rt = runtime({ costs: false });
    rt.call('createHourlyTrigger', [], { user: EDITOR });
    rt.advance(3 * 3_600_000 + 1);
    const ticks = JSON.parse(rt.call('readScriptProperty', ['ticks']));
    expect(ticks.map((t: { at: string }) => t.at)).toEqual(['2026-01-05T10:00:00.000Z', '2026-01-05T11:00:00.000Z', '2026-01-05T12:00:00.000Z']);
    expect(ticks.every((t: { mode: string; user: string }) => t.mode === 'FULL' && t.user === EDITOR)).toBe(true);
    expect(rt.executions.filter((e) => e.function === 'tick').every((e) => e.user === EDITOR && e.mode === 'FULL')).toBe(true);
  });

  it('fire daily at their hour in their time zone across a DST change', () => {
    const rt = createRuntime({ bundleDir: BASIC, start: Date.parse('2026-03-27T12:00:00Z'), timeZone: 'Etc/UTC' });
    rt.call('createDailyTrigger', [6, 'Europe/Berlin']);
    rt.advance(4 * 86_400_000);
    const ticks = JSON.parse(rt.call('readScriptProperty', ['ticks'])) as { at: string }[];
    const berlinHours = ticks.map((t) => new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', hour: '2-digit', hourCycle: 'h23' }).format(new Date(t.at)));
    const utcHours = ticks.map((t) => new Date(t.at).getUTCHours());
    expect(ticks).toHaveLength(4);
    // 28 March is CET (UTC+1), 29 March on CEST (UTC+2): same Berlin hour, different UTC hour.
    expect(new Set(berlinHours)).toEqual(new Set(['06']));
    expect(utcHours).toEqual([5, 4, 4, 4]);
  });

  it('enforce the add-on rules: one time-driven trigger per user per document, at most hourly', () => {
    const rt = runtime();
    rt.call('createHourlyTrigger');
    expect(() => rt.call('createHourlyTrigger')).toThrow(/only create one trigger of each type/);
    expect(rt.call('createHourlyTrigger', [], { user: EDITOR })).toMatch(/^\d+$/);
    expect(rt.call('listTriggers')).toEqual(['tick:CLOCK']);
    rt.call('deleteAllTriggers');
    expect(rt.call('listTriggers')).toEqual([]);
  });
});

describe('state tokens through /usercallback', () => {
  it('call the named function with the provider\'s parameters and the token\'s arguments, as its user', () => {
    const rt = runtime();
    const state = rt.call('startAuth', [3600], { user: EDITOR });
    const page = rt.userCallback({ code: 'abc', state });
    expect(page).toBe(`code=abc service=instagram user=${EDITOR}`);
  });

  it('refuse expired and forged tokens', () => {
    const rt = runtime();
    const state = rt.call('startAuth', []);
    rt.advance(61_000);
    expect(() => rt.userCallback({ code: 'abc', state })).toThrow(/expired/);
    expect(() => rt.userCallback({ code: 'abc', state: 'forged.token' })).toThrow(/Invalid state token/);
  });
});

describe('html templates', () => {
  it('escape <?= ?>, keep <?!= ?> raw and run <? ?> in the script\'s scope', () => {
    expect(runtime().call('renderTemplate')).toBe('<p>&lt;b&gt;Ann&lt;/b&gt;</p>[part]xx');
  });
});
