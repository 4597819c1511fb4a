// Graph API versions at the simulator's virtual date: which ones answer, which are retired or unknown.
// Dates from the reference's changelog snapshot (§2); versions older than the table are long retired.

export const DEFAULT_VERSION = 'v27.0';

/** Version -> the day it stops answering (null: no date announced yet). */
const AVAILABLE_UNTIL: Record<string, string | null> = {
  'v27.0': null,
  'v26.0': null,
  'v25.0': '2028-07-29',
  'v24.0': '2028-02-18',
  'v23.0': '2027-10-08',
  'v22.0': '2027-05-20',
  'v21.0': '2027-01-21',
  'v20.0': '2026-09-24',
  'v19.0': '2026-05-21',
  'v18.0': '2026-01-26',
};

const OLDEST_IN_TABLE = 18;

export type VersionCheck = { ok: true; version: string } | { ok: false; reason: 'retired' | 'unknown'; version: string };

/** Whether a path segment looks like a version at all ("v27.0", "v2.12"). */
export function isVersionSegment(segment: string): boolean {
  return /^v\d+\.\d+$/.test(segment);
}

export function checkVersion(version: string | undefined, now: number): VersionCheck {
  if (version === undefined) return { ok: true, version: DEFAULT_VERSION };
  if (version in AVAILABLE_UNTIL) {
    const until = AVAILABLE_UNTIL[version];
    if (until !== null && Date.parse(`${until}T00:00:00Z`) <= now) return { ok: false, reason: 'retired', version };
    return { ok: true, version };
  }
  const major = Number(/^v(\d+)\.\d+$/.exec(version)?.[1] ?? NaN);
  if (major >= 1 && major < OLDEST_IN_TABLE) return { ok: false, reason: 'retired', version };
  return { ok: false, reason: 'unknown', version };
}
