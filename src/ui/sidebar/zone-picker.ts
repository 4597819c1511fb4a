// A time-zone picker by city: a text box with the browser's list of IANA zones as suggestions, each
// shown as "Lisbon (Europe/Lisbon)", so typing part of a city (or of the zone's name) finds it. What is
// sent is the IANA name alone; the server accepts nothing else.
import { el } from './dom';
import { zoneCity, zoneLabel } from './wording';

/** The browser's zones (Intl.supportedValuesOf, in every current browser); a few common ones otherwise. */
function browserZones(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  try {
    const zones = intl.supportedValuesOf?.('timeZone');
    if (zones?.length) return zones;
  } catch {
    // An old browser: the short list below still lets a person pick, and a typed name still works.
  }
  return ['UTC', 'America/Los_Angeles', 'America/Denver', 'America/Chicago', 'America/New_York', 'America/Sao_Paulo', 'Europe/London',
    'Europe/Lisbon', 'Europe/Paris', 'Europe/Berlin', 'Africa/Johannesburg', 'Asia/Dubai', 'Asia/Kolkata', 'Asia/Singapore', 'Asia/Tokyo', 'Australia/Sydney'];
}

/** The zone as the browser spells it, when it knows it (europe/lisbon -> Europe/Lisbon). */
function knownZone(name: string): string | null {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+){0,2}$/.test(name)) return null;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

export interface ZonePicker {
  input: HTMLInputElement;
  list: HTMLDataListElement;
  /** The IANA zone picked; null when the box is empty; undefined when nothing matches what was typed. */
  zone(): string | null | undefined;
}

/** `first` zones head the list (the spreadsheet's, the default); the rest follow by city. */
export function zonePicker(id: string, initial: string, first: readonly string[]): ZonePicker {
  const all = browserZones();
  const rest = all.filter((z) => !first.includes(z)).sort((a, b) => zoneCity(a).localeCompare(zoneCity(b)));
  const zones = [...new Set([...first, ...rest])];
  const list = el('datalist', { id: `${id}-list` }, ...zones.map((z) => el('option', { value: zoneLabel(z) })));
  const input = el('input', { type: 'text', id, list: list.id, autocomplete: 'off', spellcheck: 'false' });
  input.value = initial ? zoneLabel(initial) : '';
  return {
    input,
    list,
    zone() {
      const text = input.value.trim();
      if (!text) return null;
      // "Lisbon (Europe/Lisbon)" as the list gives it, or a zone name typed as such.
      const named = /\(([^()]+)\)\s*$/.exec(text)?.[1].trim() ?? text;
      const exact = zones.find((z) => z.toLowerCase() === named.toLowerCase());
      if (exact) return exact;
      // A city alone: "lisbon", "Los Angeles".
      const cities = zones.filter((z) => zoneCity(z).toLowerCase() === text.toLowerCase());
      if (cities.length === 1) return cities[0];
      return knownZone(named) ?? undefined;
    },
  };
}
