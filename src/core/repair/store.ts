// Repairs in the document's properties: a job while it runs (its days, who asked, when it may go on),
// its own checkpoint beside the report's (so a repair and the report's runs never continue each other's
// work), and the last finished repair's result for the card. One property each, per configuration:
// one repair at a time per report and account.
import type { RunSummary } from '../../contract/sidebar';
import type { KeyValueStore } from '../ports';
import type { RepairDays } from './rules';
import { parseStored } from '../configurations/store';

const JOB = 'sheetgram.repair.';
const RESULT = 'sheetgram.repaired.';
/** The run id a repair's checkpoint is kept under (ConfigurationStore.checkpoints). */
export const REPAIR_RUN_PREFIX = 'repair.';

export interface RepairJob extends RepairDays {
  configId: string;
  /** The Sheetgram user key of the person who asked: their sign-in and their hourly runs carry it. */
  owner: string;
  askedAt: number;
  /** No execution before this (Instagram's or Google's limit, a retry after a failure). */
  resumeAt?: number;
  /** Failed executions in a row; a few and the repair gives up. */
  failures?: number;
  /** How the last execution left it (continues: where it stands). */
  lastRun?: RunSummary;
}

export interface RepairResult extends RepairDays {
  summary: RunSummary;
}


export class RepairStore {
  constructor(private readonly document: KeyValueStore) {}

  /** Every repair under way and every last result, from one read of the store. */
  all(): { jobs: RepairJob[]; results: Map<string, RepairResult> } {
    const all = this.document.getAll();
    const jobs: RepairJob[] = [];
    const results = new Map<string, RepairResult>();
    for (const [key, value] of Object.entries(all)) {
      if (key.startsWith(JOB)) {
        const job = parseStored<RepairJob>(value);
        if (job) jobs.push(job);
      } else if (key.startsWith(RESULT)) {
        const result = parseStored<RepairResult>(value);
        if (result) results.set(key.slice(RESULT.length), result);
      }
    }
    return { jobs: jobs.sort((a, b) => a.askedAt - b.askedAt || a.configId.localeCompare(b.configId)), results };
  }

  job(configId: string): RepairJob | null {
    return parseStored<RepairJob>(this.document.get(JOB + configId));
  }

  save(job: RepairJob): void {
    this.document.set(JOB + job.configId, JSON.stringify(job));
  }

  /** Whether this person has a repair to continue (their hourly trigger must stay for it). */
  hasPending(owner: string): boolean {
    return this.all().jobs.some((j) => j.owner === owner);
  }

  /** Stopped by the person: the job goes; the last finished repair's result stays. */
  drop(configId: string): void {
    this.document.delete(JOB + configId);
  }

  /** The repair is over: the job goes, the result stays for the card (none when its report is gone). */
  finish(configId: string, result: RepairResult | null): void {
    this.document.delete(JOB + configId);
    if (result) this.document.set(RESULT + configId, JSON.stringify(result));
    else this.document.delete(RESULT + configId);
  }
}
