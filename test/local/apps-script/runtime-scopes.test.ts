// Granular consent in the runtime: every user grants the manifest's oauthScopes unless createRuntime
// says they unticked some; ScriptApp and the gated services answer per user, and rt.grantScopes (the
// person at the authorization URL) changes that for later calls.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createRuntime } from '../../../local/apps-script/runtime';
import { LocalNetwork } from '../../../local/apps-script/services/url-fetch';

const SCOPES = fileURLToPath(new URL('./fixtures/scopes', import.meta.url));
const START = Date.parse('2026-01-05T09:00:00Z');
const OWNER = 'owner@example.com';
const EDITOR = 'editor@example.com';
const SHEETS = 'https://www.googleapis.com/auth/spreadsheets.currentonly';
const FETCH = 'https://www.googleapis.com/auth/script.external_request';
const BIGQUERY = 'https://www.googleapis.com/auth/bigquery';

function runtime() {
  const network = new LocalNetwork({ mode: 'in-process', handler: (req) => ({ status: 200, headers: {}, body: `from ${new URL(req.url).host}` }) });
  return createRuntime({ bundleDir: SCOPES, start: START, network, users: [{ email: OWNER }, { email: EDITOR, withheldScopes: [BIGQUERY, FETCH] }] });
}

describe('scopes granted per user', () => {
  it('grants the manifest\'s scopes by default, less what a user withheld', () => {
    const rt = runtime();
    expect(rt.grantedScopes(OWNER)).toEqual([SHEETS, FETCH, BIGQUERY]);
    expect(rt.grantedScopes(EDITOR)).toEqual([SHEETS]);
    expect(rt.call('authInfo')).toEqual({ status: 'NOT_REQUIRED', url: null, scopes: [SHEETS, FETCH, BIGQUERY] });
    expect(rt.call('needBigQuery')).toBe('allowed');
  });

  it('reports a withheld scope as REQUIRED with the script\'s URL, and requireScopes ends the run', () => {
    const rt = runtime();
    expect(rt.call('authInfo', [[BIGQUERY]], { user: EDITOR })).toEqual({ status: 'REQUIRED', url: rt.authorizationUrl, scopes: [] });
    expect(rt.call('authInfo', [[SHEETS]], { user: EDITOR })).toEqual({ status: 'NOT_REQUIRED', url: null, scopes: [SHEETS] });
    expect(() => rt.call('needBigQuery', [], { user: EDITOR })).toThrow('Authorization is required to perform that action.');
  });

  it('refuses a gated service to a user without its scope with Google\'s message, and allows it once granted', () => {
    const rt = runtime();
    expect(rt.call('fetchText', ['https://graph.instagram.com/me'])).toBe('from graph.instagram.com');
    expect(() => rt.call('fetchText', ['https://graph.instagram.com/me'], { user: EDITOR })).toThrow(
      'You do not have permission to call UrlFetchApp.fetch. Required permissions: https://www.googleapis.com/auth/script.external_request',
    );
    // Custom functions do not run with the user's grants.
    expect(rt.callCustomFunction('fetchText', ['https://graph.instagram.com/me'], { user: EDITOR })).toBe('from graph.instagram.com');
    rt.grantScopes(EDITOR, [FETCH]);
    expect(rt.call('fetchText', ['https://graph.instagram.com/me'], { user: EDITOR })).toBe('from graph.instagram.com');
    expect(rt.call('authInfo', [[BIGQUERY]], { user: EDITOR }).status).toBe('REQUIRED');
    rt.grantScopes(EDITOR);
    expect(rt.call('authInfo', [[BIGQUERY]], { user: EDITOR })).toEqual({ status: 'NOT_REQUIRED', url: null, scopes: [BIGQUERY] });
    expect(rt.call('needBigQuery', [], { user: EDITOR })).toBe('allowed');
  });

  it('withholds later too (a person revoking access), for that person only', () => {
    const rt = runtime();
    rt.withholdScopes(OWNER, [FETCH]);
    expect(() => rt.call('fetchText', ['https://graph.instagram.com/me'])).toThrow(/You do not have permission to call UrlFetchApp.fetch/);
    expect(() => rt.withholdScopes(OWNER, ['https://www.googleapis.com/auth/drive'])).toThrow(/not among the manifest's oauthScopes/);
  });

  it('gates the services concurrent executions reach', async () => {
    const rt = runtime();
    const [owner, editor] = await rt.callConcurrently([
      { fn: 'fetchText', args: ['https://graph.instagram.com/me'] },
      { fn: 'fetchText', args: ['https://graph.instagram.com/me'], user: EDITOR },
    ]);
    expect(owner).toMatchObject({ outcome: 'completed', value: 'from graph.instagram.com' });
    expect(editor).toMatchObject({ outcome: 'failed', error: expect.stringMatching(/You do not have permission to call UrlFetchApp.fetch/) });
  });
});
