// "How far one spreadsheet goes", measured with the bench's own code on a small agency (a few accounts, a
// year of posts, two days): what the section promises about itself, whatever the figures. Every quota and
// limit is listed with its consumer and Workspace figure from the local runtime's tables, the day-by-day
// figures are the quota counters' own (checked against an independent count), and the number of accounts
// names the limit that binds and agrees with the figures it comes from. No timing assertions.
import { beforeAll, describe, expect, it } from 'vitest';
import { EXECUTION_LIMITS_MS } from '../../local/apps-script/execution';
import { DAILY_QUOTAS, HARD_LIMITS, type DailyQuotaName } from '../../local/apps-script/quotas';
import { benchReach, REACH_BENCH, REACH_REPORTS, REACH_SIZES, type ReachOptions, type ReachRun } from '../../local/bench/reach';
import { accountsTable, limitsTable, reachSection, show, type ReachBench } from '../../local/bench/reach-doc';
import { CEILINGS, MAX_ACCOUNTS, REACH_LIMITS, accountsWithin, estimateReach, fit, valueAt, worstSteadyDay } from '../../local/bench/reach-limits';
import { SETTING_PROPERTY } from '../../src/core/config/app-settings';
import { agencyScenario } from '../../local/instagram/scenario';
import { runReachPlan } from '../../local/bench/reach-jobs';

const SMALL: Omit<ReachOptions, 'accounts' | 'instagramLogin' | 'account'> = { years: [1, 2], postsPerDay: 0.5, storiesPerDay: 1, days: 2 };
let reach: ReachBench;
let doc: string;

beforeAll(async () => {
  const runs: ReachRun[] = [];
  for (const [accounts, account] of [[2, 'workspace'], [4, 'workspace'], [4, 'consumer']] as const) {
    runs.push(await benchReach({ ...SMALL, accounts, instagramLogin: accounts / 2, account }));
  }
  reach = { runs };
  doc = reachSection(reach);
}, 180_000);

/** The row of a Markdown table whose first cell is `label`, split into cells. */
function row(table: string, label: string): string[] {
  const found = table.split('\n').find((l) => l.startsWith(`| ${label} |`));
  expect(found, `a row for "${label}"`).toBeDefined();
  return found!.slice(2, -2).split(' | ');
}

describe('the agency scenario', () => {
  it('has the accounts over both logins and the years of history asked for, and leaves the default agency as it was', () => {
    const s = agencyScenario({ clients: 5, instagramLogin: 2, withCreator: false, history: { years: [1, 5], postsPerDay: 1 } });
    expect(s.accounts).toHaveLength(5);
    expect(s.accounts.map((a) => a.loginFlows[0])).toEqual(['instagram', 'instagram', 'facebook', 'facebook', 'facebook']);
    expect(s.accounts.filter((a) => a.loginFlows[0] === 'instagram').every((a) => !a.facebook)).toBe(true);
    expect(s.accounts.map((a) => (a.media as { count: number }).count)).toEqual([365, 1825, 365, 1825, 365]);
    const plain = agencyScenario({ clients: 3 });
    expect(plain.accounts.map((a) => a.username)).toEqual(['sunny.creates', 'client01.studio', 'client02.studio', 'client03.studio']);
    expect(plain.accounts.slice(1).every((a) => a.loginFlows[0] === 'facebook' && (a.media as { count: number }).count === 60)).toBe(true);
  });

  it('is the bench\'s agency: 25 accounts, 1 to 5 years, eight reports each, 30 days, measured at several sizes', () => {
    expect(REACH_BENCH).toMatchObject({ accounts: 25, years: [1, 2, 3, 4, 5], days: 30 });
    expect(REACH_BENCH.instagramLogin).toBeGreaterThan(0);
    expect(REACH_BENCH.instagramLogin).toBeLessThan(REACH_BENCH.accounts);
    expect(REACH_REPORTS).toHaveLength(8);
    expect(REACH_SIZES[REACH_SIZES.length - 1]).toBe(REACH_BENCH.accounts);
    expect(REACH_SIZES.length).toBeGreaterThanOrEqual(3);
  });
});

describe('how far one spreadsheet goes', () => {
  it('ran every account\'s every report over both logins, day after day', () => {
    for (const run of reach.runs) {
      const { accounts, instagramLogin, days } = run.options;
      expect(run.connected).toEqual({ instagram: instagramLogin, facebook: accounts - instagramLogin });
      expect(run.configurations).toBe(accounts * REACH_REPORTS.length);
      expect(run.days.map((d) => d.day)).toEqual(Array.from({ length: days }, (_, i) => i + 1));
      expect(run.firstPullDoneDay).toBe(1);
      for (const d of run.days) {
        expect(d.executions).toBeLessThanOrEqual(24);
        expect(d.triggerExecutions).toBe(24);
        expect(d.used.urlfetch).toBeGreaterThan(0);
        expect(d.used.triggerRuntime).toBeGreaterThan(0);
        expect(d.cells).toBeLessThanOrEqual(HARD_LIMITS.cellsPerSpreadsheet);
        expect(Object.values(d.runs).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(accounts);
      }
    }
  });

  it('counts what the runtime\'s quota counters counted, and the same totals counted another way agree', () => {
    for (const run of reach.runs) {
      const traced = (name: DailyQuotaName) => run.days.reduce((sum, d) => sum + d.used[name], 0);
      expect(traced('urlfetch')).toBe(run.independent.urlfetch);
      expect(traced('properties')).toBe(run.independent.properties);
      expect(traced('email')).toBe(run.independent.email);
      // Google counts a trigger's runtime up to where it was stopped; here none was.
      expect(traced('triggerRuntime')).toBe(run.independent.triggerRuntime);
    }
  });

  it('tells Sheetgram the Workspace allowances in the Workspace runs only', () => {
    for (const run of reach.runs) {
      expect(run.settings).toEqual(run.options.account === 'workspace'
        ? { [SETTING_PROPERTY.triggerMinutesPerDay]: '360', [SETTING_PROPERTY.urlFetchPerDay]: '100000' }
        : {});
    }
  });

  it('lists every quota and limit with its consumer and Workspace figure, from the local runtime\'s tables', () => {
    const expected: Record<string, [number, number]> = {
      urlfetch: [DAILY_QUOTAS.consumer.urlfetch, DAILY_QUOTAS.workspace.urlfetch],
      triggerRuntime: [DAILY_QUOTAS.consumer.triggerRuntime, DAILY_QUOTAS.workspace.triggerRuntime],
      properties: [DAILY_QUOTAS.consumer.properties, DAILY_QUOTAS.workspace.properties],
      email: [DAILY_QUOTAS.consumer.email, DAILY_QUOTAS.workspace.email],
      executions: [24, 24],
      longestExecution: [EXECUTION_LIMITS_MS.script, EXECUTION_LIMITS_MS.script],
      documentProperties: [HARD_LIMITS.propertyStoreBytes, HARD_LIMITS.propertyStoreBytes],
      userProperties: [HARD_LIMITS.propertyStoreBytes, HARD_LIMITS.propertyStoreBytes],
      cells: [HARD_LIMITS.cellsPerSpreadsheet, HARD_LIMITS.cellsPerSpreadsheet],
    };
    // Every daily quota the runtime counts is among them.
    for (const name of Object.keys(DAILY_QUOTAS.consumer)) expect(Object.keys(expected)).toContain(name);
    expect(Object.fromEntries(REACH_LIMITS.map((l) => [l.id, [l.figure.consumer, l.figure.workspace]]))).toEqual(expected);
    const table = limitsTable(reach);
    expect(doc).toContain(table);
    const header = table.split('\n')[0];
    expect(header).toContain('Consumer limit');
    expect(header).toContain('Workspace limit');
    for (const limit of REACH_LIMITS) {
      const cells = row(table, limit.label);
      expect(cells).toContain(show(limit.unit, limit.figure.consumer));
      expect(cells).toContain(show(limit.unit, limit.figure.workspace));
    }
  });

  it('names the limit that binds first, and its number of accounts agrees with the figures it comes from', () => {
    const estimate = estimateReach(reach.runs);
    expect(estimate.sizes).toEqual([2, 4]);
    for (const c of estimate.ceilings) {
      const ceiling = CEILINGS.find((x) => x.id === c.id)!;
      // One point per size, each the worst day once the first pulls were done, of the Workspace run of that size.
      expect(c.points).toEqual(estimate.sizes.map((accounts) => ({
        accounts, value: worstSteadyDay(ceiling.of, reach.runs.find((r) => r.options.account === 'workspace' && r.options.accounts === accounts)!),
      })));
      expect(c.model).toEqual(fit(c.points));
      for (const kind of ['consumer', 'workspace'] as const) {
        const accounts = c.accounts[kind];
        expect(accounts).toBe(accountsWithin(c.model, c.figure[kind]));
        if (accounts > 0) expect(valueAt(c.model, accounts)).toBeLessThanOrEqual(c.figure[kind]);
        // The next account would pass the limit, unless it never binds within the search (no e-mail is sent, say).
        if (accounts < MAX_ACCOUNTS) expect(valueAt(c.model, accounts + 1)).toBeGreaterThan(c.figure[kind]);
      }
    }
    for (const kind of ['consumer', 'workspace'] as const) {
      const binding = estimate.binding[kind];
      expect(binding.accounts).toBe(Math.min(...estimate.ceilings.map((c) => c.accounts[kind])));
      expect(estimate.ceilings.find((c) => c.id === binding.id)!.accounts[kind]).toBe(binding.accounts);
    }
    const table = accountsTable(estimate);
    expect(doc).toContain(table);
    // The binding limit's number is the bold one, for each kind.
    expect(row(table, estimate.binding.consumer.label).join(' | ')).toContain(`**${estimate.binding.consumer.accounts.toLocaleString('en-US')}**`);
    expect(row(table, estimate.binding.workspace.label).join(' | ')).toContain(`**${estimate.binding.workspace.accounts.toLocaleString('en-US')}**`);
    expect(doc).toMatch(/The first limit to bind, for 2 days like these: consumer, .+: \*\*[\d,]+ accounts\*\*; Workspace, .+: \*\*[\d,]+ accounts\*\*/);
    expect(doc).toContain('**extrapolated**');
  });

  it('has a line per day in the day-by-day table, and the section\'s headings', () => {
    for (const heading of ['## How far one spreadsheet goes', '### 4 accounts against every limit', '### Day by day (consumer)', '### Day by day (Workspace)',
      '### Where the trigger runtime goes', '### How many accounts one spreadsheet serves']) expect(doc).toContain(heading);
    const consumer = reach.runs.find((r) => r.options.account === 'consumer')!;
    const byDay = doc.slice(doc.indexOf('### Day by day (consumer)'), doc.indexOf('### Day by day (Workspace)'));
    for (const d of consumer.days) {
      const cells = row(byDay, String(d.day));
      expect(cells[1]).toBe(d.used.urlfetch.toLocaleString('en-US'));
      // Every run of the day is a daily report's or a Stories run.
      expect(Number(cells[10].replace(/,/g, '')) + Number(cells[11].replace(/,/g, ''))).toBe(Object.values(d.runs).reduce((a, b) => a + b, 0));
    }
    // The first day is the first pulls: every configuration ran.
    expect(Object.values(consumer.days[0].runsByReport).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(consumer.configurations);
  });
});

describe('the runs side by side', () => {
  it('gives, from child processes and in the plan\'s order, the runs the bench would make one after the other', async () => {
    const plan = [
      { ...SMALL, years: [1], days: 1, accounts: 2, instagramLogin: 1, account: 'workspace' as const },
      { ...SMALL, years: [1], days: 1, accounts: 1, instagramLogin: 0, account: 'consumer' as const },
    ];
    const told: string[] = [];
    const runs = await runReachPlan(plan, 2, (item, day) => told.push(`${item.accounts}/${day}`));
    expect(runs.map((r) => [r.options.accounts, r.options.account])).toEqual([[2, 'workspace'], [1, 'consumer']]);
    expect(told.sort()).toEqual(['1/1', '2/1']);
    for (const [i, run] of runs.entries()) {
      expect(run.connected).toEqual({ instagram: plan[i].instagramLogin, facebook: plan[i].accounts - plan[i].instagramLogin });
      expect(run.configurations).toBe(plan[i].accounts * REACH_REPORTS.length);
      expect(run.days).toHaveLength(1);
      expect(run.days[0].used.urlfetch).toBe(run.independent.urlfetch);
      expect(run.days[0].used.urlfetch).toBeGreaterThan(0);
    }
  }, 180_000);

  it('says which run stopped and why when a child process fails', async () => {
    await expect(runReachPlan([{ ...SMALL, days: 1, accounts: 0, instagramLogin: 0, account: 'workspace' }], 2, () => {})).rejects.toThrow(/run of 0 accounts \(workspace\) stopped with exit code/);
  }, 60_000);
});
