// The simulator's day-by-day follower history: followers_count at the end of every Pacific day moves by
// exactly that day's follows less its unfollows, follower_count is the follows alone, follows_and_unfollows
// by follow_type gives both, and the control API's `followers` route tells the same truth over HTTP.
import { describe, expect, it } from 'vitest';
import { defaultScenario } from '../../../../local/instagram/scenario';
import { DAY, pacificDay, pacificDayEnd } from '../../../../local/instagram/world/time';
import { CREATOR, START, sim } from './call';
import { makeSimulator } from '../platform/support';
import { createSimulator } from '../../../../local/instagram/handler';
import { World } from '../../../../local/instagram/world';

const s = (ms: number) => String(Math.floor(ms / 1000));
const NOW = START + 40 * DAY + 5 * 3_600_000;

describe('follower history in the simulator', () => {
  it('moves followers_count by follows - unfollows each day, the same figures the insights give', () => {
    const { world, call } = sim();
    const days = world.followerDays(CREATOR, NOW, 30);
    expect(days).toHaveLength(30);
    // The newest is the last complete Pacific day; followers_count now has its change and no later one.
    expect(days.at(-1)!.endTime).toBe(new Date(pacificDayEnd(pacificDay(NOW) - 1)).toISOString().replace('.000Z', '+0000'));
    const profile = call(CREATOR, { fields: 'followers_count' }, { now: NOW }).body;
    expect(profile.followers_count).toBe(days.at(-1)!.followers);
    for (let i = 1; i < days.length; i++) expect(days[i].followers - days[i - 1].followers, days[i].day).toBe(days[i].follows - days[i].unfollows);
    // People unfollow too: follower_count (the follows alone) is more than the month's net change.
    expect(days.reduce((n, d) => n + d.unfollows, 0)).toBeGreaterThan(0);

    const series = call(`${CREATOR}/insights`, { metric: 'follower_count', period: 'day', since: s(NOW - 30 * DAY), until: s(NOW) }, { now: NOW }).body.data[0].values;
    expect(series.map((v: { end_time: string }) => v.end_time)).toEqual(days.map((d) => d.endTime));
    expect(series.map((v: { value: number }) => v.value)).toEqual(days.map((d) => d.follows));

    for (const d of days.slice(-3)) {
      const end = Date.parse(d.endTime.replace('+0000', 'Z'));
      const answer = call(`${CREATOR}/insights`, { metric: 'follows_and_unfollows', period: 'day', metric_type: 'total_value', breakdown: 'follow_type', since: s(end - DAY), until: s(end) }, { now: NOW }).body.data[0];
      const part = (type: string) => answer.total_value.breakdowns[0].results.find((r: { dimension_values: string[] }) => r.dimension_values[0] === type)?.value ?? 0;
      expect([part('FOLLOWER'), part('NON_FOLLOWER')]).toEqual([d.follows, d.unfollows]);
    }
  });

  it('serves the truth over the control API, and says so when the Graph backend keeps none', () => {
    const real = createSimulator({ scenario: defaultScenario() });
    const get = (sim: ReturnType<typeof createSimulator>, query: string) => {
      const r = sim.handle({ method: 'GET', url: `/__control/followers?${query}`, headers: {}, body: '' });
      return { status: r.status, json: JSON.parse(r.body) };
    };
    const month = get(real, `account=${CREATOR}`);
    expect(month.status).toBe(200);
    expect(month.json).toEqual(World.fromScenario(defaultScenario()).followerDays(CREATOR, real.control.now(), 30));
    expect(get(real, `account=${CREATOR}&days=5`).json).toEqual(month.json.slice(-5));
    expect(get(real, 'days=5').status).toBe(400);
    expect(get(real, 'account=17841499999999999').json.error).toMatch(/no account/);
    expect(get(makeSimulator(), `account=${CREATOR}`).json.error).toMatch(/keeps no follower history/);
  });
});
