import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultScenario, largeScenario, loadScenario } from '../../../../local/instagram/scenario';
import { World } from '../../../../local/instagram/world';

describe('scenarios', () => {
  it('has the accounts the brief asks for: creator (IG Login), business (FB Login) with a Page, personal, two competitors', () => {
    const s = defaultScenario();
    expect(s.accounts.map((a) => [a.type, a.loginFlows[0]])).toEqual([['creator', 'instagram'], ['business', 'facebook'], ['personal', 'instagram']]);
    expect(s.accounts[1].facebook?.pages.some((p) => p.linked)).toBe(true);
    expect(s.competitors?.filter((c) => !c.ageGated)).toHaveLength(2);
  });
  it('makes a large account deterministically', () => {
    const a = World.fromScenario(largeScenario({ media: 10_000, seed: 9 })).posts('17841400000000001', Date.parse('2026-07-10T12:00:00Z'));
    expect(a).toHaveLength(10_000);
    const b = World.fromScenario(largeScenario({ media: 10_000, seed: 9 })).posts('17841400000000001', Date.parse('2026-07-10T12:00:00Z'));
    expect(b[5000].id).toBe(a[5000].id);
    expect(b[5000].timestampMs).toBe(a[5000].timestampMs);
  });
  it('loads a scenario file and rejects one without accounts', () => {
    const dir = mkdtempSync(join(tmpdir(), 'scn-'));
    writeFileSync(join(dir, 'ok.json'), JSON.stringify(defaultScenario()));
    expect(loadScenario(join(dir, 'ok.json')).seed).toBe(defaultScenario().seed);
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ seed: 1, start: '2026-01-01T00:00:00+0000', apps: [] }));
    expect(() => loadScenario(join(dir, 'bad.json'))).toThrow(/accounts/);
  });
});
