// Saved report configurations, their run status and their checkpoints, in the document's properties
// (they travel with the spreadsheet and every editor sees the same reports). One property per item
// keeps each value far below the 9 KB limit; listing is one read of the store.
import type { KeyValueStore } from '../ports';
import type { ReportConfiguration } from '../reports/types';
import type { Checkpoint, CheckpointStore } from '../run/checkpoint';
import type { ConfigurationStatus } from './status';
import { SidebarError } from '../sidebar/errors';
import { utf8Bytes } from '../text/bytes';

const CONFIG = 'sheetgram.config.';
const STATUS = 'sheetgram.status.';
const CHECKPOINT = 'sheetgram.checkpoint.';

/** Google's limit for one property store (reference: 500 KB per store), keys and values together. */
export const PROPERTY_STORE_BYTES = 500 * 1024;
/** What a new configuration's status and a checkpoint take, about: kept free when one is saved. */
const RUN_STATE_RESERVE_BYTES = 4 * 1024;

export const STORE_FULL_TEXT = 'This spreadsheet has no room left to save another Sheetgram report: Google allows 500 KB of add-on '
  + 'settings per spreadsheet and Sheetgram\'s reports use nearly all of it. Delete reports you no longer need, then save again.';

/** Apps Script refuses values over 9 KB; stay clearly below (key bytes count too). */
export const MAX_VALUE_BYTES = 8_000;

/** A stored JSON value, or null when absent or unreadable (a hand-edited property must not stop every run). */
export function parseStored<T>(raw: string | null | undefined): T | null {
  if (!raw) return null;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return null;
  }
}

export class ConfigurationStore {
  constructor(private readonly document: KeyValueStore) {}

  /** Every configuration, oldest first. */
  list(): ReportConfiguration[] {
    return this.listFrom(this.document.getAll());
  }

  /** Configurations, their statuses and whether a run is unfinished, from one read of the store. */
  listWithStatus(): { config: ReportConfiguration; status: ConfigurationStatus; unfinished: boolean }[] {
    const all = this.document.getAll();
    return this.listFrom(all).map((config) => ({
      config, status: parseStored<ConfigurationStatus>(all[STATUS + config.id]) ?? { failures: 0 }, unfinished: Boolean(all[CHECKPOINT + config.id]),
    }));
  }

  private listFrom(all: Record<string, string>): ReportConfiguration[] {
    return Object.keys(all)
      .filter((k) => k.startsWith(CONFIG))
      .map((k) => parseStored<ReportConfiguration>(all[k]))
      .filter((c): c is ReportConfiguration => c !== null)
      .sort((a, b) => (a.createdAt ?? 0) - (b.createdAt ?? 0) || a.id.localeCompare(b.id));
  }

  get(id: string): ReportConfiguration | null {
    return parseStored<ReportConfiguration>(this.document.get(CONFIG + id));
  }

  save(config: ReportConfiguration): void {
    const value = JSON.stringify(config);
    if (utf8Bytes(value) > MAX_VALUE_BYTES) throw new Error('This report has too many settings to save (for example too many hashtags or competitors). Remove some and save again.');
    if (!this.fits(config.id, value)) throw new SidebarError('invalid_input', STORE_FULL_TEXT);
    this.document.set(CONFIG + config.id, value);
  }

  /**
   * Whether the configuration, with room for its status and a checkpoint, fits in the document's store
   * (Google's 500 KB per store, keys included), estimated from what the store holds now.
   */
  fits(id: string, value: string): boolean {
    const all = this.document.getAll();
    let used = 0;
    for (const key of Object.keys(all)) if (key !== CONFIG + id) used += utf8Bytes(key) + utf8Bytes(all[key]);
    const room = all[STATUS + id] || all[CHECKPOINT + id] ? 0 : RUN_STATE_RESERVE_BYTES;
    return used + utf8Bytes(CONFIG + id) + utf8Bytes(value) + room <= PROPERTY_STORE_BYTES;
  }

  remove(id: string): void {
    for (const prefix of [CONFIG, STATUS, CHECKPOINT, 'sheetgram.running.']) this.document.delete(prefix + id);
  }

  status(id: string): ConfigurationStatus {
    return parseStored<ConfigurationStatus>(this.document.get(STATUS + id)) ?? { failures: 0 };
  }

  saveStatus(id: string, status: ConfigurationStatus): void {
    this.document.set(STATUS + id, JSON.stringify(status));
  }

  /** A run's outcome in one property write: its status, and the configuration when it changed. */
  saveRun(id: string, status: ConfigurationStatus, config?: ReportConfiguration): void {
    const values: Record<string, string> = { [STATUS + id]: JSON.stringify(status) };
    if (config) {
      const value = JSON.stringify(config);
      if (utf8Bytes(value) > MAX_VALUE_BYTES) throw new Error(`The state of report ${id} no longer fits a property.`);
      values[CONFIG + id] = value;
    }
    this.document.setAll(values);
  }

  /** Where an unfinished run of this configuration stands. */
  checkpoints(id: string): CheckpointStore {
    const key = CHECKPOINT + id;
    // Clearing what was never stored would spend a property write for nothing.
    let stored = true;
    return {
      load: () => {
        const checkpoint = parseStored<Checkpoint>(this.document.get(key));
        stored = checkpoint !== null;
        return checkpoint;
      },
      save: (checkpoint) => {
        this.document.set(key, JSON.stringify(fitCheckpoint(checkpoint)));
        stored = true;
      },
      clear: () => {
        if (stored) this.document.delete(key);
        stored = false;
      },
    };
  }

}

/**
 * A checkpoint that fits one property: the lists of skipped items and messages are the only parts
 * that grow, so they are shortened (oldest first) until it fits. The totals and cursor are kept.
 */
export function fitCheckpoint(checkpoint: Checkpoint): Checkpoint {
  const copy: Checkpoint = { ...checkpoint, skipped: [...checkpoint.skipped], messages: [...checkpoint.messages] };
  while (utf8Bytes(JSON.stringify(copy)) > MAX_VALUE_BYTES && (copy.skipped.length || copy.messages.length)) {
    if (copy.messages.length >= copy.skipped.length) copy.messages.shift();
    else copy.skipped.shift();
  }
  if (utf8Bytes(JSON.stringify(copy)) > MAX_VALUE_BYTES) throw new Error(`A checkpoint of report ${checkpoint.configId} does not fit a property`);
  return copy;
}
