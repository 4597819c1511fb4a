// Follower history: the net change in followers per Pacific day (follows less unfollows; the
// follower_count insight gives the follows alone), and the followers_count the net changes add up to.
// A day's change counts once the day is complete.
import type { ScenarioFollowers } from '../scenario/types';
import { unit } from './random';
import { pacificDay, pacificDayEnd } from './time';

export class FollowerHistory {
  constructor(
    private readonly seed: number,
    private readonly key: string,
    private readonly settings: ScenarioFollowers,
    private readonly startMs: number,
  ) {}

  /** Net new followers on a Pacific day (days since epoch). */
  delta(day: number): number {
    const net = this.settings.dailyNet ?? 0;
    const noise = this.settings.noise ?? 3;
    const u = unit(this.seed, 'followers', this.key, day) + unit(this.seed, 'followers2', this.key, day) - 1;
    return Math.round(net + noise * u * 2);
  }

  /**
   * Accounts that followed and that unfollowed on a day: follows - unfollows is the day's net change (what
   * followers_count moves by). follower_count is the follows alone, as Meta counts it.
   */
  followsAndUnfollows(day: number): { follows: number; unfollows: number } {
    const delta = this.delta(day);
    const unfollows = Math.round(Math.abs(delta) * 0.5 + 2 * unit(this.seed, 'unf', this.key, day)) + Math.max(0, -delta);
    return { follows: delta + unfollows, unfollows };
  }

  /** Sum of deltas of the days that end in (fromMs, toMs]. */
  private sumBetween(fromMs: number, toMs: number): number {
    let sum = 0;
    for (let day = pacificDay(fromMs) - 1; pacificDayEnd(day) <= toMs; day++) {
      if (pacificDayEnd(day) > fromMs) sum += this.delta(day);
    }
    return sum;
  }

  /** followers_count at an instant. */
  countAt(ms: number): number {
    const start = this.settings.start;
    const count = ms >= this.startMs ? start + this.sumBetween(this.startMs, ms) : start - this.sumBetween(ms, this.startMs);
    return Math.max(0, count);
  }
}
