// The report configurations a simulation saves: read from a JSON file (a list of entries, documented in
// docs/simulate.md), or by default every report each connected account's login supports, with the
// registry's default fields and mode, daily at 06:00 (Stories every 4 hours), and competitors and
// hashtags taken from the scenario.
import { readFileSync } from 'node:fs';
import { REPORTS, defaultFields } from '../../src/core/reports/registry';
import type { ReportDefinition, Schedule, WriteMode } from '../../src/core/reports/types';
import type { Scenario } from '../instagram/scenario';

/** One entry of the config file. */
export interface ConfigEntry {
  /** Username of a connected account (a leading @ is ignored). */
  account: string;
  /** Report id from the registry, e.g. "media_insights". */
  report: string;
  /** Field ids ("Data to Collect"); default: the report's default fields. */
  fields?: string[];
  /** Tab name; default "<report title> @<username>". */
  tab?: string;
  mode?: WriteMode;
  schedule?: Schedule;
  /** Report settings as typed in the sidebar; lists may be given as arrays. */
  settings?: Record<string, string | number | string[]>;
}

/** An account that is connected, as the default configurations need it. */
export interface ConnectedForConfig {
  username: string;
  flow: 'instagram' | 'facebook';
  scopes: string[];
}

/** A report the defaults leave out for an account, and why. */
export interface LeftOut {
  account: string;
  report: string;
  reason: string;
}

export const DEFAULT_DAILY_HOUR = 6;
export const STORIES_EVERY_HOURS = 4;
const MODES: WriteMode[] = ['append', 'replace', 'update'];

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

function fail(where: string, message: string): never {
  throw new ConfigError(`${where}: ${message}`);
}

function checkEntry(raw: unknown, where: string): ConfigEntry {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) fail(where, 'each entry is an object like {"account": "sunny.creates", "report": "media_insights"}');
  const e = raw as Record<string, unknown>;
  const known = new Set(['account', 'report', 'fields', 'tab', 'mode', 'schedule', 'settings']);
  const unknown = Object.keys(e).filter((k) => !known.has(k));
  if (unknown.length) fail(where, `unknown key ${unknown.map((k) => `"${k}"`).join(', ')} (known: ${[...known].join(', ')})`);
  if (typeof e.account !== 'string' || !e.account.trim()) fail(where, '"account" is the username of an account of the scenario');
  if (typeof e.report !== 'string' || !REPORTS.some((r) => r.id === e.report)) fail(where, `"report" is one of ${REPORTS.map((r) => r.id).join(', ')}`);
  if (e.fields !== undefined && (!Array.isArray(e.fields) || e.fields.some((f) => typeof f !== 'string'))) fail(where, '"fields" is a list of field ids');
  if (e.tab !== undefined && typeof e.tab !== 'string') fail(where, '"tab" is a tab name');
  if (e.mode !== undefined && !MODES.includes(e.mode as WriteMode)) fail(where, `"mode" is one of ${MODES.join(', ')}`);
  if (e.schedule !== undefined && (typeof e.schedule !== 'object' || e.schedule === null)) fail(where, '"schedule" is {"kind": "daily", "hour": 6}, {"kind": "every_hours", "everyHours": 4} or {"kind": "off"}');
  if (e.settings !== undefined && (typeof e.settings !== 'object' || e.settings === null || Array.isArray(e.settings))) fail(where, '"settings" is an object of report settings');
  return e as unknown as ConfigEntry;
}

export function parseConfig(text: string, source = 'config'): ConfigEntry[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new ConfigError(`${source}: not JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  if (!Array.isArray(parsed)) throw new ConfigError(`${source}: the file holds a JSON list of report configurations`);
  return parsed.map((entry, i) => checkEntry(entry, `${source} entry ${i + 1}`));
}

export function loadConfig(path: string): ConfigEntry[] {
  return parseConfig(readFileSync(path, 'utf8'), path);
}

/** Settings a report needs that only the scenario can say: whom to watch, which hashtags. */
function scenarioSettings(report: ReportDefinition, scenario: Scenario): Record<string, string> | null {
  if (report.id === 'competitors') {
    const names = (scenario.competitors ?? []).filter((c) => !c.ageGated && c.type !== 'personal').map((c) => c.username).slice(0, 50);
    return names.length ? { competitors: names.join(', ') } : null;
  }
  if (report.id === 'hashtags') {
    const tags = (scenario.hashtags ?? []).filter((h) => !h.sensitive).map((h) => h.name).slice(0, 30);
    return tags.length ? { hashtags: tags.join(' ') } : null;
  }
  return {};
}

export function defaultSchedule(report: ReportDefinition): Schedule {
  return report.id === 'stories' ? { kind: 'every_hours', everyHours: STORIES_EVERY_HOURS } : { kind: 'daily', hour: DEFAULT_DAILY_HOUR };
}

/** Every report each account's login flow supports, minus those the scenario cannot feed. */
export function defaultConfig(accounts: readonly ConnectedForConfig[], scenario: Scenario): { entries: ConfigEntry[]; leftOut: LeftOut[] } {
  const entries: ConfigEntry[] = [];
  const leftOut: LeftOut[] = [];
  for (const account of accounts) {
    for (const report of REPORTS) {
      if (!report.loginFlows.includes(account.flow)) continue;
      const missing = (report.requiredScopes[account.flow] ?? []).filter((s) => !account.scopes.includes(s));
      if (missing.length) {
        leftOut.push({ account: account.username, report: report.id, reason: `the account did not grant ${missing.join(', ')}` });
        continue;
      }
      const settings = scenarioSettings(report, scenario);
      if (settings === null) {
        leftOut.push({ account: account.username, report: report.id, reason: `the scenario has no ${report.id === 'competitors' ? 'competitors' : 'hashtags'} to watch` });
        continue;
      }
      entries.push({ account: account.username, report: report.id, ...(Object.keys(settings).length ? { settings } : {}) });
    }
  }
  return { entries, leftOut };
}

/** What saveConfiguration gets for an entry, with the registry's defaults filled in. */
export interface ResolvedEntry {
  account: string;
  report: ReportDefinition;
  fields: string[];
  tab: string;
  mode: WriteMode;
  schedule: Schedule;
  settings: Record<string, string>;
}

function settingText(value: string | number | string[]): string {
  return Array.isArray(value) ? value.join(', ') : String(value);
}

export function resolveEntries(entries: readonly ConfigEntry[]): ResolvedEntry[] {
  const taken = new Set<string>();
  return entries.map((entry) => {
    const report = REPORTS.find((r) => r.id === entry.report) as ReportDefinition;
    const account = entry.account.replace(/^@/, '');
    let tab = entry.tab ?? `${report.title} @${account}`;
    // Two default names alike (the same report twice for one account) get a number, as Sheets would ask.
    if (entry.tab === undefined) for (let n = 2; taken.has(tab.toLowerCase()); n++) tab = `${report.title} @${account} (${n})`;
    taken.add(tab.toLowerCase());
    return {
      account,
      report,
      fields: entry.fields ?? defaultFields(report),
      tab,
      mode: entry.mode ?? report.defaultMode,
      schedule: entry.schedule ?? defaultSchedule(report),
      settings: Object.fromEntries(Object.entries(entry.settings ?? {}).map(([k, v]) => [k, settingText(v)])),
    };
  });
}
