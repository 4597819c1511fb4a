// Installable time-driven triggers kept by the runtime: their schedules, the add-on rules on
// creating them, and when each fires next. Daily triggers are pinned to a minute inside their hour
// (Google randomizes it once per trigger; here it comes from the trigger id, so it is repeatable).
import { createHash } from 'node:crypto';
import { GOOGLE_ERRORS, type LocalUser } from '../../platform';
import { instantOf, wallTimeOf } from '../utilities/time-zone';

/** "Triggers: 20 / user / script" (reference §1.2): across every document the add-on is used in. */
export const TRIGGERS_PER_USER = 20;
const HOUR_MS = 3_600_000;

export type Schedule =
  | { kind: 'minutes'; every: number }
  | { kind: 'hours'; every: number }
  | { kind: 'days'; every: number; hour?: number; nearMinute?: number }
  | { kind: 'once'; at: number };

export interface TriggerRecord {
  id: string;
  handler: string;
  owner: LocalUser;
  /** The document the add-on created it in (it fires in that document). */
  documentId: string;
  schedule: Schedule;
  timeZone: string;
  createdAt: number;
  nextRun: number;
}

export interface TriggerRules {
  /** Editor add-on rules: one time-driven trigger per user per document, at most hourly. */
  addOn: boolean;
}

/** A stable number in [0, n) from the trigger id: Google's random pinning, made deterministic. */
function pinned(id: string, n: number): number {
  return createHash('sha256').update(id).digest().readUInt32BE(0) % n;
}

function minuteOf(record: Pick<TriggerRecord, 'id'>, schedule: Extract<Schedule, { kind: 'days' }>): number {
  if (schedule.nearMinute === undefined) return pinned(record.id, 60);
  // nearMinute is "± 15 minutes" (reference §3.8).
  return Math.min(59, Math.max(0, schedule.nearMinute + pinned(record.id, 31) - 15));
}

/** The first run after `after` for a fresh trigger, or the run following `previous`. */
export function nextRunOf(record: Omit<TriggerRecord, 'nextRun'>, previous?: number): number | undefined {
  const s = record.schedule;
  const from = previous ?? record.createdAt;
  switch (s.kind) {
    case 'once':
      return previous === undefined ? s.at : undefined;
    case 'minutes':
      return from + s.every * 60_000;
    case 'hours':
      return from + s.every * HOUR_MS;
    case 'days': {
      const created = wallTimeOf(record.createdAt, record.timeZone);
      const hour = s.hour ?? created.hour;
      const minute = minuteOf(record, s);
      // Walk calendar days in the trigger's zone, so the wall-clock hour holds across DST changes.
      const start = wallTimeOf(from, record.timeZone);
      for (let dayOffset = previous === undefined ? 0 : s.every; ; dayOffset += previous === undefined ? 1 : s.every) {
        const date = new Date(Date.UTC(start.year, start.month - 1, start.day + dayOffset));
        const at = instantOf({ year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(), hour, minute, second: 0 }, record.timeZone);
        if (at > from) return at;
      }
    }
  }
}

export class TriggerStore {
  private records: TriggerRecord[] = [];
  private nextNumber = 1;

  constructor(private readonly rules: TriggerRules) {}

  all(): TriggerRecord[] {
    return [...this.records];
  }

  ofUser(userId: string): TriggerRecord[] {
    return this.records.filter((r) => r.owner.id === userId);
  }

  create(spec: Omit<TriggerRecord, 'id' | 'nextRun'>): TriggerRecord {
    const mine = this.ofUser(spec.owner.id);
    if (this.rules.addOn && spec.schedule.kind === 'minutes') throw new Error(GOOGLE_ERRORS.triggerTooFrequent);
    if (this.rules.addOn && mine.some((r) => r.documentId === spec.documentId)) throw new Error(GOOGLE_ERRORS.triggerPerDocument);
    if (mine.length >= TRIGGERS_PER_USER) throw new Error(GOOGLE_ERRORS.triggerLimit);
    const withId = { ...spec, id: String(8_000_000_000 + this.nextNumber++) };
    const record: TriggerRecord = { ...withId, nextRun: nextRunOf(withId) as number };
    this.records.push(record);
    return record;
  }

  delete(id: string, userId: string): void {
    this.records = this.records.filter((r) => !(r.id === id && r.owner.id === userId));
  }

  /** The trigger due first at or before `until`, if any. */
  nextDue(until: number): TriggerRecord | undefined {
    let first: TriggerRecord | undefined;
    for (const r of this.records) if (r.nextRun <= until && (!first || r.nextRun < first.nextRun)) first = r;
    return first;
  }

  /** Schedules the following run; one-shot triggers are removed once fired. */
  fired(record: TriggerRecord): void {
    const next = nextRunOf(record, record.nextRun);
    if (next === undefined) this.records = this.records.filter((r) => r !== record);
    else record.nextRun = next;
  }
}
