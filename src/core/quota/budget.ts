// An account's budget: Meta's Business Use Case limit for the rolling 24 hours (4,800 x impressions,
// reference §8.1) from the account's own latest views, or reach, or a conservative floor while Sheetgram
// has neither; and the hourly limit derived from it, so a day is spread over its hours.
import type { AudienceFigure } from './meter';
import type { ThrottleSettings } from './settings';

export type BudgetBasis = 'views' | 'reach' | 'floor';

export interface AccountBudget {
  /** Calls per rolling 24 hours. */
  day: number;
  /** Calls per rolling hour. */
  hour: number;
  /** Where the day's figure comes from. */
  basis: BudgetBasis;
  /** The views or reach it was computed from, and the end of the day they count (epoch ms). */
  figure?: AudienceFigure;
}

type BudgetSettings = Pick<ThrottleSettings, 'callsPerHour' | 'callsPerImpression' | 'dailyCallsFloor' | 'daySpreadHours'>;

/** Calls per rolling 24 hours: Meta's formula on the account's figure (at least one impression), or the floor. */
export function dailyBudget(figure: AudienceFigure | undefined, settings: BudgetSettings): number {
  if (!figure) return Math.max(1, Math.floor(settings.dailyCallsFloor));
  return Math.max(1, Math.floor(settings.callsPerImpression * Math.max(1, figure.n)));
}

/** The hourly limit from a day's budget: an even share of the day, never above the ceiling, at least one call. */
export function hourlyLimit(day: number, settings: Pick<ThrottleSettings, 'callsPerHour' | 'daySpreadHours'>): number {
  const share = Math.floor(day / Math.max(1, settings.daySpreadHours));
  return Math.max(1, Math.min(settings.callsPerHour, share));
}

export function accountBudget(figure: AudienceFigure | undefined, settings: BudgetSettings): AccountBudget {
  const day = dailyBudget(figure, settings);
  const budget: AccountBudget = { day, hour: hourlyLimit(day, settings), basis: figure ? figure.m : 'floor' };
  if (figure) budget.figure = { ...figure };
  return budget;
}

/** The figure to keep of two: the later day; on the same day, views (closest to Meta's impressions) over reach. */
export function betterFigure(kept: AudienceFigure | undefined, seen: AudienceFigure): AudienceFigure {
  if (!kept || seen.d > kept.d) return seen;
  if (seen.d < kept.d) return kept;
  if (seen.m === kept.m) return seen;
  return seen.m === 'views' ? seen : kept;
}
