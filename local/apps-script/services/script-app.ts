// ScriptApp: the enums, installable time-driven triggers (with the add-on rules), state tokens for
// the OAuth callback, the script id, the user's OAuth token for the script's own scopes, and the
// scopes each user granted (granular consent: getAuthorizationInfo, requireScopes, requireAllScopes).
import { createHash } from 'node:crypto';
import { enterService, GOOGLE_ERRORS, guarded, type Platform } from '../platform';
import { authorizationUrlOf, ScopeGrants } from './script-app/scopes';
import { STATE_TOKEN_DEFAULT_SECONDS, STATE_TOKEN_MAX_SECONDS, StateTokens } from './script-app/state-tokens';
import { TriggerStore, type Schedule, type TriggerRecord } from './script-app/triggers';
import { assertTimeZone } from './utilities/time-zone';

export interface ScriptAppSettings {
  scriptId: string;
  /** The manifest's time zone: the default for clock triggers. */
  timeZone: string;
  /** The runtime's first document (an execution in another one carries its documentId). */
  documentId: string;
  /** What each user granted of the manifest's oauthScopes (default: no manifest scopes, nothing withheld). */
  grants?: ScopeGrants;
}

const enumOf = (names: string[]) => Object.freeze(Object.fromEntries(names.map((n) => [n, n])));
const HOURS_ALLOWED = [1, 2, 4, 6, 8, 12];
const MINUTES_ALLOWED = [1, 5, 10, 15, 30];

export function createScriptApp(platform: Platform, triggers: TriggerStore, tokens: StateTokens, settings: ScriptAppSettings): GoogleAppsScript.Script.ScriptApp {
  const enter = (method: string) => enterService(platform, 'ScriptApp', method);
  const grants = settings.grants ?? new ScopeGrants();

  /** The scopes asked about: the argument, or all of the script's (its manifest's) when none is given. */
  const scopesAsked = (scopes: unknown): string[] => {
    if (scopes === undefined || scopes === null) return [...(grants.declared ?? [])];
    if (!Array.isArray(scopes) || !scopes.every((s) => typeof s === 'string')) throw new Error(GOOGLE_ERRORS.invalidArgument('oAuthScopes'));
    return [...scopes];
  };
  /** Only FULL mode runs with the user's grants ("no other authorization mode requires that users grant authorization"). */
  const missingScopes = (userId: string, mode: unknown, asked: string[]) => (String(mode) === 'FULL' ? grants.missing(userId, asked) : []);
  const requireGranted = (method: string, mode: unknown, scopes: unknown) => {
    const execution = enter(method);
    if (method === 'requireScopes' && !Array.isArray(scopes)) throw new Error(GOOGLE_ERRORS.invalidArgument('oAuthScopes'));
    if (missingScopes(execution.user.id, mode, scopesAsked(scopes)).length > 0) throw new Error(GOOGLE_ERRORS.authorizationRequired);
  };

  function triggerObject(record: TriggerRecord): GoogleAppsScript.Script.Trigger {
    const touch = (method: string) => enterService(platform, 'ScriptApp', `Trigger.${method}`);
    const trigger = {
      getHandlerFunction: () => (touch('getHandlerFunction'), record.handler),
      getUniqueId: () => (touch('getUniqueId'), record.id),
      getEventType: () => (touch('getEventType'), 'CLOCK'),
      getTriggerSource: () => (touch('getTriggerSource'), 'CLOCK'),
      getTriggerSourceId: () => (touch('getTriggerSourceId'), null),
    };
    return guarded('Trigger', trigger) as unknown as GoogleAppsScript.Script.Trigger;
  }

  function clockBuilder(handler: string): GoogleAppsScript.Script.ClockTriggerBuilder {
    let schedule: Schedule | undefined;
    let hour: number | undefined;
    let nearMinute: number | undefined;
    let timeZone = settings.timeZone;
    const step = (method: string, change: () => void) => {
      enter(`ClockTriggerBuilder.${method}`);
      change();
      return self;
    };
    const integerIn = (n: number, ok: (n: number) => boolean, name: string) => {
      if (!Number.isInteger(n) || !ok(n)) throw new Error(GOOGLE_ERRORS.invalidArgument(name));
      return n;
    };
    const builder = {
      everyMinutes: (n: number) => step('everyMinutes', () => (schedule = { kind: 'minutes', every: integerIn(n, (v) => MINUTES_ALLOWED.includes(v), 'minutes') })),
      everyHours: (n: number) => step('everyHours', () => (schedule = { kind: 'hours', every: integerIn(n, (v) => HOURS_ALLOWED.includes(v), 'hours') })),
      everyDays: (n: number) => step('everyDays', () => (schedule = { kind: 'days', every: integerIn(n, (v) => v >= 1, 'days') })),
      everyWeeks: (n: number) => step('everyWeeks', () => (schedule = { kind: 'days', every: 7 * integerIn(n, (v) => v >= 1, 'weeks') })),
      atHour: (h: number) => step('atHour', () => (hour = integerIn(h, (v) => v >= 0 && v <= 23, 'hour'))),
      nearMinute: (m: number) => step('nearMinute', () => (nearMinute = integerIn(m, (v) => v >= 0 && v <= 59, 'minute'))),
      after: (ms: number) => step('after', () => (schedule = { kind: 'once', at: platform.clock.now() + integerIn(ms, (v) => v >= 0, 'durationMilliseconds') })),
      at: (date: Date) =>
        step('at', () => {
          if (!date || typeof date.getTime !== 'function') throw new Error(GOOGLE_ERRORS.invalidArgument('date'));
          schedule = { kind: 'once', at: date.getTime() };
        }),
      inTimezone: (zone: string) =>
        step('inTimezone', () => {
          try {
            assertTimeZone(zone);
          } catch {
            throw new Error(GOOGLE_ERRORS.invalidArgument('timezone'));
          }
          timeZone = zone;
        }),
      create() {
        const execution = enter('ClockTriggerBuilder.create');
        if (!schedule) throw new Error(GOOGLE_ERRORS.triggerIncomplete);
        // atHour/nearMinute need a daily or weekly frequency (reference §3.8).
        if ((hour !== undefined || nearMinute !== undefined) && schedule.kind !== 'days') throw new Error(GOOGLE_ERRORS.triggerIncomplete);
        const final: Schedule = schedule.kind === 'days' ? { ...schedule, hour, nearMinute } : schedule;
        const documentId = execution.documentId ?? settings.documentId;
        const record = triggers.create({ handler, owner: execution.user, documentId, schedule: final, timeZone, createdAt: platform.clock.now() });
        return triggerObject(record);
      },
    };
    const self = guarded('ClockTriggerBuilder', builder) as unknown as GoogleAppsScript.Script.ClockTriggerBuilder;
    return self;
  }

  function stateTokenBuilder(): GoogleAppsScript.Script.StateTokenBuilder {
    let method = '';
    let timeoutSeconds = STATE_TOKEN_DEFAULT_SECONDS;
    const args: Record<string, string> = {};
    const builder = {
      withMethod: (name: string) => (enter('StateTokenBuilder.withMethod'), (method = String(name)), self),
      withArgument: (name: string, value: string) => (enter('StateTokenBuilder.withArgument'), (args[String(name)] = String(value)), self),
      withTimeout(seconds: number) {
        enter('StateTokenBuilder.withTimeout');
        if (!(seconds > 0 && seconds <= STATE_TOKEN_MAX_SECONDS)) throw new Error(GOOGLE_ERRORS.stateTokenTimeout(seconds));
        timeoutSeconds = seconds;
        return self;
      },
      createToken() {
        const execution = enter('StateTokenBuilder.createToken');
        if (!method) throw new Error(GOOGLE_ERRORS.invalidArgument('method'));
        return tokens.create({ method, arguments: { ...args }, userId: execution.user.id, expiresAt: platform.clock.now() + timeoutSeconds * 1000 });
      },
    };
    const self = guarded('StateTokenBuilder', builder) as unknown as GoogleAppsScript.Script.StateTokenBuilder;
    return self;
  }

  const scriptApp = {
    AuthMode: enumOf(['NONE', 'CUSTOM_FUNCTION', 'LIMITED', 'FULL']),
    AuthorizationStatus: enumOf(['REQUIRED', 'NOT_REQUIRED']),
    EventType: enumOf(['CLOCK', 'ON_OPEN', 'ON_EDIT', 'ON_FORM_SUBMIT', 'ON_CHANGE', 'ON_EVENT_UPDATED']),
    TriggerSource: enumOf(['SPREADSHEETS', 'CLOCK', 'FORMS', 'DOCUMENTS', 'CALENDAR']),
    WeekDay: enumOf(['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY']),
    getScriptId: () => (enter('getScriptId'), settings.scriptId),
    /** A stand-in token for the script's own Google scopes; differs per user, never a secret of ours. */
    getOAuthToken: () => `ya29.local-${createHash('sha256').update(`${settings.scriptId}:${enter('getOAuthToken').user.id}`).digest('hex').slice(0, 24)}`,
    /**
     * Whether the user granted the scopes asked about (all of the script's without `scopes`). The
     * URL is null when nothing is required, as Google documents; getAuthorizedScopes lists the
     * granted ones among those asked about.
     */
    getAuthorizationInfo: (mode?: string, scopes?: string[]) => {
      const execution = enter('getAuthorizationInfo');
      const asked = scopesAsked(scopes);
      const required = missingScopes(execution.user.id, mode, asked).length > 0;
      const authorized = asked.filter((s) => grants.has(execution.user.id, s));
      return guarded('AuthorizationInfo', {
        getAuthorizationStatus: () => (required ? 'REQUIRED' : 'NOT_REQUIRED'),
        getAuthorizationUrl: () => (required ? authorizationUrlOf(settings.scriptId) : null),
        getAuthorizedScopes: () => [...authorized],
      });
    },
    /** Ends the execution when any of the scopes is not granted (Google then prompts for consent). */
    requireScopes: (mode: string, scopes: string[]) => requireGranted('requireScopes', mode, scopes),
    /** The same for every scope of the script. */
    requireAllScopes: (mode: string) => requireGranted('requireAllScopes', mode, undefined),
    newTrigger(functionName: string) {
      enter('newTrigger');
      return guarded('TriggerBuilder', { timeBased: () => (enter('TriggerBuilder.timeBased'), clockBuilder(String(functionName))) });
    },
    getProjectTriggers: () => triggers.ofUser(enter('getProjectTriggers').user.id).map(triggerObject),
    /** The user's triggers in the document the execution runs in (the only one an add-on may name). */
    getUserTriggers(_document: unknown) {
      const execution = enter('getUserTriggers');
      const documentId = execution.documentId ?? settings.documentId;
      return triggers.ofUser(execution.user.id).filter((r) => r.documentId === documentId).map(triggerObject);
    },
    deleteTrigger(trigger: GoogleAppsScript.Script.Trigger) {
      const execution = enter('deleteTrigger');
      triggers.delete(trigger.getUniqueId(), execution.user.id);
    },
    newStateToken: () => (enter('newStateToken'), stateTokenBuilder()),
  };
  return guarded('ScriptApp', scriptApp) as unknown as GoogleAppsScript.Script.ScriptApp;
}
