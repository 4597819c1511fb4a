// ScriptApp: enums, trigger builder rules (add-on and 20-per-user), schedules, state tokens, and the
// scopes each user granted (getAuthorizationInfo with and without scopes, requireScopes, requireAllScopes).
import { describe, expect, it } from 'vitest';
import { createScriptApp } from '../../../../local/apps-script/services/script-app';
import { ScopeGrants } from '../../../../local/apps-script/services/script-app/scopes';
import { StateTokens } from '../../../../local/apps-script/services/script-app/state-tokens';
import { TriggerStore } from '../../../../local/apps-script/services/script-app/triggers';
import { EDITOR, newPlatform, OWNER, runAs, START } from '../support';

function setup(addOn = true, grants?: ScopeGrants) {
  const platform = newPlatform();
  const triggers = new TriggerStore({ addOn });
  const tokens = new StateTokens();
  const app = createScriptApp(platform, triggers, tokens, { scriptId: 'script-1', timeZone: 'Europe/Berlin', documentId: 'doc-1', grants });
  return { platform, triggers, tokens, app };
}

describe('ScriptApp triggers', () => {
  it('creates an hourly trigger with Trigger getters, listed for its owner only', () => {
    const { platform, app } = setup();
    const id = runAs(platform, () => {
      const t = app.newTrigger('tick').timeBased().everyHours(1).create();
      expect([t.getHandlerFunction(), t.getEventType(), t.getTriggerSource()]).toEqual(['tick', app.EventType.CLOCK, app.TriggerSource.CLOCK]);
      return t.getUniqueId();
    });
    expect(runAs(platform, () => app.getProjectTriggers().map((t) => t.getUniqueId()))).toEqual([id]);
    expect(runAs(platform, () => app.getUserTriggers({} as GoogleAppsScript.Spreadsheet.Spreadsheet).length)).toBe(1);
    expect(runAs(platform, () => app.getProjectTriggers().length, { user: EDITOR })).toBe(0);
  });

  it('enforces the add-on rules: hourly at most, one per user per document', () => {
    const { platform, app } = setup();
    expect(() => runAs(platform, () => app.newTrigger('tick').timeBased().everyMinutes(30).create())).toThrow(/more often than once per hour/);
    runAs(platform, () => app.newTrigger('tick').timeBased().everyDays(1).atHour(6).create());
    expect(() => runAs(platform, () => app.newTrigger('other').timeBased().everyHours(2).create())).toThrow(/one trigger of each type/);
    runAs(platform, () => app.deleteTrigger(app.getProjectTriggers()[0]));
    runAs(platform, () => app.newTrigger('other').timeBased().everyHours(2).create());
  });

  it('allows 20 triggers per user per script outside the add-on rules', () => {
    const { platform, app } = setup(false);
    runAs(platform, () => {
      for (let i = 0; i < 20; i++) app.newTrigger(`f${i}`).timeBased().everyMinutes(5).create();
      expect(() => app.newTrigger('f20').timeBased().everyHours(1).create()).toThrow(/too many triggers/);
    });
  });

  it('validates the builder: a schedule is required, atHour needs a daily frequency, hours from the allowed list', () => {
    const { platform, app } = setup();
    runAs(platform, () => {
      expect(() => app.newTrigger('f').timeBased().create()).toThrow(/no schedule/);
      expect(() => app.newTrigger('f').timeBased().everyHours(1).atHour(5).create()).toThrow(/no schedule/);
      expect(() => app.newTrigger('f').timeBased().everyHours(3)).toThrow(/Invalid argument: hours/);
      expect(() => app.newTrigger('f').timeBased().inTimezone('Nowhere/Land')).toThrow(/timezone/);
    });
  });

  it('schedules one-shot triggers with after() and at(), and pins daily ones inside their hour', () => {
    const { platform, app, triggers } = setup(false);
    runAs(platform, () => {
      app.newTrigger('later').timeBased().after(90_000).create();
      app.newTrigger('at').timeBased().at(new Date(START + 7_200_000)).create();
      app.newTrigger('daily').timeBased().everyDays(1).atHour(6).nearMinute(30).inTimezone('America/New_York').create();
    });
    const [later, at, daily] = triggers.all();
    expect(later.nextRun - START).toBe(90_000);
    expect(at.nextRun - START).toBe(7_200_000);
    // 6:15-6:45 New York (UTC-5 in January) the same day: created at 4:00 there.
    const minutes = (daily.nextRun - Date.parse('2026-01-05T11:00:00Z')) / 60_000;
    expect(minutes).toBeGreaterThanOrEqual(15);
    expect(minutes).toBeLessThanOrEqual(45);
    triggers.fired(later);
    expect(triggers.all().map((t) => t.handler)).toEqual(['at', 'daily']);
    const first = daily.nextRun;
    triggers.fired(daily);
    expect(daily.nextRun - first).toBe(86_400_000);
  });

  it('needs FULL mode', () => {
    const { platform, app } = setup();
    expect(() => runAs(platform, () => app.newTrigger('f'), { authMode: 'LIMITED' })).toThrow('You do not have permission to call ScriptApp.newTrigger.');
    expect(runAs(platform, () => app.AuthMode.NONE, { authMode: 'NONE' })).toBe('NONE');
  });
});

describe('ScriptApp state tokens and identity', () => {
  it('creates tokens that open to the method, arguments and user until they expire', () => {
    const { platform, app, tokens } = setup();
    const token = runAs(platform, () => app.newStateToken().withMethod('authCallback').withArgument('serviceName', 'ig').withTimeout(120).createToken(), { user: EDITOR });
    expect(tokens.open(token, platform.clock.now())).toMatchObject({ method: 'authCallback', arguments: { serviceName: 'ig' }, userId: EDITOR.id });
    expect(() => tokens.open(token, platform.clock.now() + 120_001)).toThrow(/expired/);
    expect(() => tokens.open(`${token}x`, platform.clock.now())).toThrow(/Invalid state token/);
  });

  it('defaults to 60 s and refuses more than 3,600 s', () => {
    const { platform, app, tokens } = setup();
    const token = runAs(platform, () => app.newStateToken().withMethod('cb').createToken());
    expect(tokens.open(token, START).expiresAt - START).toBe(60_000);
    expect(() => runAs(platform, () => app.newStateToken().withTimeout(3601))).toThrow(/3600/);
  });

  it('reports the script id, a per-user OAuth token and NOT_REQUIRED authorization', () => {
    const { platform, app } = setup();
    const [id, ownerToken, status] = runAs(platform, () => [app.getScriptId(), app.getOAuthToken(), app.getAuthorizationInfo(app.AuthMode.FULL).getAuthorizationStatus()]);
    expect(id).toBe('script-1');
    expect(status).toBe('NOT_REQUIRED');
    expect(runAs(platform, () => app.getOAuthToken(), { user: EDITOR })).not.toBe(ownerToken);
    expect(OWNER.email).not.toBe(EDITOR.email);
  });
});

describe('ScriptApp granular consent', () => {
  const SHEETS = 'https://www.googleapis.com/auth/spreadsheets.currentonly';
  const BIGQUERY = 'https://www.googleapis.com/auth/bigquery';

  function consent() {
    const grants = new ScopeGrants([SHEETS, BIGQUERY]);
    return { grants, ...setup(true, grants) };
  }
  const info = (app: GoogleAppsScript.Script.ScriptApp, scopes?: string[]) => {
    const ask = app.getAuthorizationInfo as (mode: GoogleAppsScript.Script.AuthMode, scopes?: string[]) => GoogleAppsScript.Script.AuthorizationInfo & { getAuthorizedScopes(): string[] | null };
    const i = ask(app.AuthMode.FULL, scopes);
    return { status: i.getAuthorizationStatus() as unknown as string, url: i.getAuthorizationUrl(), scopes: i.getAuthorizedScopes() };
  };

  it('by default every manifest scope is granted: NOT_REQUIRED, no URL, the scopes asked about', () => {
    const { platform, app } = consent();
    expect(runAs(platform, () => info(app))).toEqual({ status: 'NOT_REQUIRED', url: null, scopes: [SHEETS, BIGQUERY] });
    expect(runAs(platform, () => info(app, [BIGQUERY]))).toEqual({ status: 'NOT_REQUIRED', url: null, scopes: [BIGQUERY] });
  });

  it('a withheld scope is REQUIRED when asked about, with the script\'s URL, until granted', () => {
    const { platform, app, grants } = consent();
    grants.withhold(OWNER.id, [BIGQUERY]);
    const url = 'https://script.google.com/macros/d/script-1/authorize';
    expect(runAs(platform, () => info(app, [BIGQUERY]))).toEqual({ status: 'REQUIRED', url, scopes: [] });
    expect(runAs(platform, () => info(app, [SHEETS]))).toEqual({ status: 'NOT_REQUIRED', url: null, scopes: [SHEETS] });
    expect(runAs(platform, () => info(app))).toEqual({ status: 'REQUIRED', url, scopes: [SHEETS] });
    // Another user's grants are their own.
    expect(runAs(platform, () => info(app, [BIGQUERY]), { user: EDITOR }).status).toBe('NOT_REQUIRED');
    grants.grant(OWNER.id, [BIGQUERY]);
    expect(runAs(platform, () => info(app, [BIGQUERY]))).toEqual({ status: 'NOT_REQUIRED', url: null, scopes: [BIGQUERY] });
  });

  it('only FULL mode needs authorizing', () => {
    const { platform, app, grants } = consent();
    grants.withhold(OWNER.id, [BIGQUERY]);
    const ask = app.getAuthorizationInfo as (mode: GoogleAppsScript.Script.AuthMode, scopes?: string[]) => GoogleAppsScript.Script.AuthorizationInfo;
    expect(runAs(platform, () => ask(app.AuthMode.LIMITED, [BIGQUERY]).getAuthorizationStatus(), { authMode: 'LIMITED' })).toBe('NOT_REQUIRED');
    expect(runAs(platform, () => ask(app.AuthMode.FULL, [BIGQUERY]).getAuthorizationStatus(), { authMode: 'LIMITED' })).toBe('REQUIRED');
  });

  it('requireScopes and requireAllScopes end the execution when a scope is missing', () => {
    const { platform, app, grants } = consent();
    runAs(platform, () => {
      app.requireScopes(app.AuthMode.FULL, [BIGQUERY]);
      app.requireAllScopes(app.AuthMode.FULL);
    });
    grants.withhold(OWNER.id, [BIGQUERY]);
    expect(() => runAs(platform, () => app.requireScopes(app.AuthMode.FULL, [BIGQUERY]))).toThrow('Authorization is required to perform that action.');
    expect(() => runAs(platform, () => app.requireAllScopes(app.AuthMode.FULL))).toThrow('Authorization is required to perform that action.');
    runAs(platform, () => app.requireScopes(app.AuthMode.FULL, [SHEETS]));
    expect(() => runAs(platform, () => app.requireScopes(app.AuthMode.FULL, 'x' as unknown as string[]))).toThrow('Invalid argument: oAuthScopes');
    runAs(platform, () => app.requireScopes(app.AuthMode.FULL, [BIGQUERY]), { user: EDITOR });
  });

  it('asks about scopes the manifest does not request as missing', () => {
    const { platform, app } = consent();
    expect(runAs(platform, () => info(app, ['https://www.googleapis.com/auth/drive'])).status).toBe('REQUIRED');
  });
});
