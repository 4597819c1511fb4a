// Apps Script service calls as the local runtime counts them ("Service.method"), and the groups the
// summary and the bench report: what costs quota or time in Google's Apps Script.

export type Counts = Record<string, number>;

/** Each group: exact "Service.method" names, or a "Service." prefix for every method of a class. */
export const SERVICE_GROUPS = {
  rangeWrites: ['Range.setValues', 'Range.setValue', 'Sheet.appendRow'],
  rangeReads: ['Range.getValues', 'Range.getValue', 'Range.getDisplayValues', 'Range.getDisplayValue', 'Range.getFormulas', 'Range.getFormula'],
  propertyWrites: ['Properties.setProperty', 'Properties.setProperties', 'Properties.deleteProperty', 'Properties.deleteAllProperties'],
  propertyReads: ['Properties.getProperty', 'Properties.getProperties', 'Properties.getKeys'],
  cache: ['Cache.', 'CacheService.'],
  lock: ['Lock.', 'LockService.'],
  urlFetch: ['UrlFetchApp.'],
} as const;

export type ServiceGroup = keyof typeof SERVICE_GROUPS;

function inGroup(key: string, members: readonly string[]): boolean {
  return members.some((m) => (m.endsWith('.') ? key.startsWith(m) : key === m));
}

export function groupTotal(counts: Counts, group: ServiceGroup): number {
  let total = 0;
  for (const [key, n] of Object.entries(counts)) if (inGroup(key, SERVICE_GROUPS[group])) total += n;
  return total;
}

export function groupTotals(counts: Counts): Record<ServiceGroup, number> {
  return Object.fromEntries((Object.keys(SERVICE_GROUPS) as ServiceGroup[]).map((g) => [g, groupTotal(counts, g)])) as Record<ServiceGroup, number>;
}

/** after - before, keeping only what changed. */
export function countsBetween(before: Counts, after: Counts): Counts {
  const out: Counts = {};
  for (const [key, n] of Object.entries(after)) {
    const d = n - (before[key] ?? 0);
    if (d !== 0) out[key] = d;
  }
  return out;
}
