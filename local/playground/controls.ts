// The playground's controls for what takes days in real life: the virtual clock (advancing it fires
// the triggers that fall due, as Google would), the simulator's faults and token revocation, and the
// workbook as an .xlsx file (File > Download > Microsoft Excel).
import { buildXlsx, readWorkbook } from '../export';
import type { Stack } from '../platform/stack';
import type { ClockView } from './views';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
/** One press advances at most this much, so a stray request cannot stall the server for long. */
const MAX_ADVANCE_MS = 31 * DAY_MS;

/** A moment as the clock shows it, in the spreadsheet's zone: "Fri, 10 Jul 2026, 13:00". */
export function timeText(ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).format(ms);
}

export function clockView(stack: Stack): ClockView {
  const now = stack.rt.clock.now();
  const timeZone = stack.rt.workbook.timeZone;
  return { now, text: timeText(now, timeZone), timeZone };
}

/** Advances the virtual clock; returns what ran meanwhile, in words for the page's status line. */
export function advanceClock(stack: Stack, ms: number): { ran: number; failed: number } {
  if (!Number.isFinite(ms) || ms <= 0 || ms > MAX_ADVANCE_MS) throw new Error(`advance by 1 ms to 31 days, not ${ms}`);
  const before = stack.rt.executions.length;
  stack.rt.advance(ms);
  const fired = stack.rt.executions.slice(before);
  return { ran: fired.length, failed: fired.filter((e) => e.outcome === 'failed').length };
}

export interface FaultsInput {
  /** 0..1 share of Graph calls answered with a transient error. */
  transientRate?: number;
  /** Real milliseconds the simulator waits before answering. */
  latencyMs?: number;
}

export async function setFaults(stack: Stack, input: FaultsInput): Promise<unknown> {
  const patch: FaultsInput = {};
  if (input.transientRate !== undefined) {
    const rate = Number(input.transientRate);
    if (!(rate >= 0 && rate <= 1)) throw new Error('the transient error rate is a share from 0 to 1');
    patch.transientRate = rate;
  }
  if (input.latencyMs !== undefined) {
    const latency = Number(input.latencyMs);
    if (!(latency >= 0 && latency <= 10_000)) throw new Error('latency is 0 to 10,000 ms');
    patch.latencyMs = latency;
  }
  return stack.control('faults', patch);
}

export async function faults(stack: Stack): Promise<FaultsInput> {
  const current = (await stack.control('faults')) as FaultsInput;
  return { transientRate: current.transientRate ?? 0, latencyMs: current.latencyMs ?? 0 };
}

/** Revokes every token of an account, as when its owner changes the password (subcode 460). */
export async function revokeTokens(stack: Stack, igUserId: string): Promise<number> {
  const answer = (await stack.control('revoke', { igUserId })) as { revoked: number };
  return answer.revoked;
}

export async function workbookXlsx(stack: Stack): Promise<Buffer> {
  // One read of the whole workbook: each formula (and its spill) is evaluated once, not once per cell.
  const { grids } = stack.rt.workbook.reading(() => readWorkbook(stack.rt.workbook));
  const { workbook } = buildXlsx(grids, stack.rt.workbook.timeZone);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
