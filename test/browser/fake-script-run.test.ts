// The scripted google.script.run keeps Apps Script's rules, so the sidebar tests cannot pass on a
// kinder fake: Dates refused, copies instead of shared objects, immutable builders, at most 10 calls out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, recordedCalls, type Harness, type InPage } from './support/sidebar-page';
import { sidebarState } from './support/fixtures';

let harness: Harness;
beforeAll(async () => { harness = await startHarness(); });
afterAll(async () => { await harness?.close(); });

type Run = { withSuccessHandler(f: (v: unknown) => void): Run; withFailureHandler(f: (e: Error) => void): Run } & Record<string, (...args: unknown[]) => void>;
type WithRun = InPage & { google: { script: { run: Run } } };

describe('the scripted google.script.run', () => {
  it('refuses a Date argument the way Apps Script does', async () => {
    const page = await harness.open({ getSidebarState: [{ value: sidebarState() }], saveConfiguration: [{ value: {} }] });
    const failure = await page.evaluate(() => new Promise<string>((resolve) => {
      const { google } = globalThis as unknown as WithRun;
      google.script.run.withSuccessHandler(() => resolve('accepted')).withFailureHandler((e) => resolve(e.message)).saveConfiguration({ when: new Date() });
    }));
    expect(failure).toBe('Failed due to illegal value in property: when');
    expect((await recordedCalls(page, 'saveConfiguration'))[0].refused).toContain('illegal value');
  });

  it('keeps builders immutable and exposes only the server functions that exist', async () => {
    const page = await harness.open({ getSidebarState: [{ value: sidebarState() }] });
    const result = await page.evaluate(() => {
      const { google } = globalThis as unknown as WithRun;
      const base = google.script.run;
      const withHandler = base.withSuccessHandler(() => undefined);
      return { same: base === withHandler, unknown: typeof base['deleteEverything'], known: typeof base['getSidebarState'] };
    });
    expect(result).toEqual({ same: false, unknown: 'undefined', known: 'function' });
  });

  it('lets at most 10 calls out at once; the rest wait their turn', async () => {
    const page = await harness.open({ getSidebarState: [{ value: sidebarState() }], getRunProgress: [{ value: null, delayMs: 50 }] });
    const settled = await page.evaluate(() => new Promise<number>((resolve) => {
      const { google } = globalThis as unknown as WithRun;
      let done = 0;
      for (let i = 0; i < 15; i += 1) google.script.run.withSuccessHandler(() => { done += 1; if (done === 15) resolve(done); }).getRunProgress('cfg-1');
    }));
    expect(settled).toBe(15);
    expect(await page.evaluate(() => (globalThis as unknown as { __maxConcurrent: number }).__maxConcurrent)).toBe(10);
  });
});
