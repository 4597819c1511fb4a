// When the Weekly Digest is rebuilt: on Mondays (spreadsheet time zone), at the first hourly tick and
// again after any tick whose runs changed Media Insights or User's Information rows, so the digest has
// the Monday morning's figures whatever time the reports run. Only in a document with those reports.
import type { Clock, KeyValueStore, Lock, Log } from '../ports';
import { calendarDateIn, describeTime, isoDate } from '../reports/dates';
import type { FunctionSources } from '../functions/tables';
import type { TabPort } from '../tabs/tab-port';
import { digestRows, writeDigest } from './digest';
import { DIGEST_TAB, DIGEST_TAB_ASIDE } from './names';
import { isMonday } from './weeks';

/** The Monday (YYYY-MM-DD) the digest was last built on, in the document's properties. */
export const DIGEST_BUILT_KEY = 'sheetgram.digest.built';
const LOCK_MS = 10_000;

export interface DigestDeps {
  sources: FunctionSources;
  tab: TabPort;
  store: KeyValueStore;
  lock: Lock;
  clock: Clock;
  log: Log;
}

export type DigestOutcome = 'built' | 'not due' | 'busy';

/** The reports the digest reads. */
export const DIGEST_REPORTS = ['media_insights', 'user_information'];

/** Builds the digest if it is due: `changed` says this tick's runs wrote rows of the reports it reads. */
export function weeklyDigest(deps: DigestDeps, changed: boolean): DigestOutcome {
  if (!deps.sources.configurations().some((c) => DIGEST_REPORTS.includes(c.reportId))) return 'not due';
  const zone = deps.sources.timeZone();
  const today = calendarDateIn(deps.clock.now(), zone);
  if (!isMonday(today)) return 'not due';
  const day = isoDate(today);
  if (deps.store.get(DIGEST_BUILT_KEY) === day && !changed) return 'not due';
  // Two owners' ticks at once: one builds, the other's next tick finds it built.
  if (!deps.lock.tryLock(LOCK_MS)) return 'busy';
  try {
    // Today's time alone is "HH:MM": with the day before it, the line reads "2026-03-02 10:00 (zone)".
    const built = describeTime(deps.clock.now(), deps.clock.now(), zone);
    const rows = writeDigest(deps.tab, digestRows(deps.sources, `${day} ${built} (${zone})`));
    deps.store.set(DIGEST_BUILT_KEY, day);
    if (rows === null) {
      deps.log.warn(`Weekly Digest: not written, as your own tabs "${DIGEST_TAB}" and "${DIGEST_TAB_ASIDE}" have those names; rename one for the digest to appear.`);
      return 'not due';
    }
    deps.log.info(`Weekly Digest: rebuilt (${rows} rows).`);
    return 'built';
  } finally {
    deps.lock.release();
  }
}
