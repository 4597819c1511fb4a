// When something goes wrong the simulation says so: failed runs and unsaved configurations are errors,
// and the command exits non-zero; a config file's mistakes are named before anything runs.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultScenario } from '../../local/instagram/scenario';
import { startStack } from '../../local/platform/stack';
import { ConfigError, defaultConfig, parseConfig, resolveEntries } from '../../local/simulate/config';
import { simulateOnStack } from '../../local/simulate/simulate';

const CREATOR = '17841400000000001';

/** The default scenario with the creator's tokens revoked after a few calls (a password change). */
function revokingScenario() {
  const scenario = defaultScenario();
  scenario.faults = { revokeTokenOf: [{ igUserId: CREATOR, atCall: 5 }] };
  return scenario;
}

describe('config file', () => {
  it('names the entry and the key that is wrong', () => {
    expect(() => parseConfig('{}', 'c.json')).toThrow(ConfigError);
    expect(() => parseConfig('[{"account": "a", "report": "nope"}]', 'c.json')).toThrow(/c.json entry 1: "report" is one of user_information/);
    expect(() => parseConfig('[{"account": "a", "report": "stories", "colour": 1}]', 'c.json')).toThrow(/unknown key "colour"/);
    expect(() => parseConfig('[{"account": "a", "report": "stories", "mode": "merge"}]')).toThrow(/"mode" is one of append, replace, update/);
  });

  it('fills in the registry defaults and keeps default tab names unique', () => {
    const [a, b, c] = resolveEntries(parseConfig(JSON.stringify([
      { account: '@sunny.creates', report: 'stories' }, { account: 'sunny.creates', report: 'stories' },
      { account: 'sunny.creates', report: 'hashtags', settings: { hashtags: ['a', 'b'] } },
    ])));
    expect([a.tab, b.tab]).toEqual(['Stories @sunny.creates', 'Stories @sunny.creates (2)']);
    expect(a).toMatchObject({ account: 'sunny.creates', mode: 'update', schedule: { kind: 'every_hours', everyHours: 4 } });
    expect(a.fields.length).toBeGreaterThan(0);
    expect(c.settings).toEqual({ hashtags: 'a, b' });
  });

  it('leaves out by default what the scenario cannot feed, and says why', () => {
    const scenario = defaultScenario();
    scenario.competitors = [];
    const { entries, leftOut } = defaultConfig([{ username: 'harbor.bakery', flow: 'facebook', scopes: ['instagram_basic'] }], scenario);
    expect(entries.some((e) => e.report === 'competitors' || e.report === 'tagged_media')).toBe(false);
    expect(leftOut).toEqual(expect.arrayContaining([
      { account: 'harbor.bakery', report: 'competitors', reason: 'the scenario has no competitors to watch' },
      { account: 'harbor.bakery', report: 'tagged_media', reason: 'the account did not grant instagram_manage_comments' },
    ]));
  });
});

describe('errors', () => {
  it('reports failed runs and configurations that could not be saved', async () => {
    const scenario = revokingScenario();
    const stack = await startStack({ scenario, transport: 'in-process' });
    try {
      const config = parseConfig(JSON.stringify([
        { account: 'sunny.creates', report: 'media_insights' },
        { account: 'harbor.bakery', report: 'user_information', tab: 'Bakery', schedule: { kind: 'daily', hour: 7 } },
        { account: 'nobody.here', report: 'user_information' },
      ]));
      const out = mkdtempSync(join(tmpdir(), 'sheetgram-simulate-fail-'));
      const { summary } = await simulateOnStack(stack, { scenario, scenarioName: 'revoking', days: 1, out, config });
      expect(summary.ok).toBe(false);
      expect(summary.configurations.map((c) => [c.account, c.tab, c.saved])).toEqual([
        ['sunny.creates', 'Media Insights @sunny.creates', true], ['harbor.bakery', 'Bakery', true], ['nobody.here', 'User\'s Information @nobody.here', false],
      ]);
      expect(summary.errors).toEqual(expect.arrayContaining([
        { kind: 'configuration', where: 'user_information @nobody.here', message: '@nobody.here is not connected' },
        expect.objectContaining({ kind: 'run', where: 'Media Insights @sunny.creates', message: expect.stringMatching(/reconnect|sign/i) }),
      ]));
      expect(summary.runs.byStatus.failed).toBeGreaterThan(0);
      // The bakery's own report ran fine.
      expect(summary.runs.list.some((r) => r.tab === 'Bakery' && r.status === 'ok')).toBe(true);
    } finally {
      await stack.close();
    }
  }, 30_000);

  it('exits non-zero when a run failed (over HTTP, the default), and with 2 for a usage mistake', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sheetgram-simulate-cli-'));
    const file = join(dir, 'scenario.json');
    writeFileSync(file, JSON.stringify(revokingScenario()));
    const run = (args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'local/simulate/cli.ts', ...args], { encoding: 'utf8', cwd: process.cwd() });
    const failed = run(['--scenario', file, '--days', '1', '--out', join(dir, 'out')]);
    expect(failed.status, failed.stderr).toBe(1);
    expect(failed.stdout).toMatch(/FAILED: \d+ error/);
    expect(failed.stdout).toMatch(/error \(run\) .*@sunny\.creates/);
    const usage = run(['--scenario', 'default', '--days', 'two', '--out', dir]);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/--days must be a whole number/);
  }, 30_000);
});
