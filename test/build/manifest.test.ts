// The manifest asks for exactly what the code uses: each Apps Script service the add-on calls maps to
// one scope, and the URL allowlist holds exactly the Meta hosts that Sheetgram fetches.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { META_HOSTS } from '../../src/core/config/platform';

const manifest = JSON.parse(readFileSync('appsscript.json', 'utf8'));

/** What in src/gas needs which scope. */
const SCOPE_FOR: { uses: RegExp; scope: string }[] = [
  { uses: /\bSpreadsheetApp\./, scope: 'https://www.googleapis.com/auth/spreadsheets.currentonly' },
  { uses: /\bUrlFetchApp\.|\bOAuth2\./, scope: 'https://www.googleapis.com/auth/script.external_request' },
  { uses: /\.showSidebar\(|\.showModalDialog\(|\.showModelessDialog\(|\.alert\(/, scope: 'https://www.googleapis.com/auth/script.container.ui' },
  { uses: /\bScriptApp\.(newTrigger|getProjectTriggers|getUserTriggers|deleteTrigger)\b/, scope: 'https://www.googleapis.com/auth/script.scriptapp' },
  { uses: /\bMailApp\./, scope: 'https://www.googleapis.com/auth/script.send_mail' },
  { uses: /\.get(Effective|Active)User\(\)\.getEmail\(/, scope: 'https://www.googleapis.com/auth/userinfo.email' },
  { uses: /\bservice\(\)\.(Datasets|Tables|Jobs)\b|\bBigQuery\./, scope: 'https://www.googleapis.com/auth/bigquery' },
];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') ? [readFileSync(path, 'utf8')] : [];
  });
}

describe('appsscript.json', () => {
  const code = sources('src/gas').join('\n');

  it('runs on V8 with exception logging and no Workspace add-on section', () => {
    expect(manifest.runtimeVersion).toBe('V8');
    expect(manifest.exceptionLogging).toBe('STACKDRIVER');
    expect(manifest.addOns).toBeUndefined();
  });

  it('asks for exactly the scopes the code uses, and never full Drive or full Sheets', () => {
    const needed = SCOPE_FOR.filter((s) => s.uses.test(code)).map((s) => s.scope).sort();
    expect([...manifest.oauthScopes].sort()).toEqual(needed);
    for (const scope of manifest.oauthScopes) {
      expect(scope).not.toMatch(/auth\/(drive|spreadsheets)$/);
    }
  });

  it('allows fetching exactly the Meta hosts that Sheetgram calls', () => {
    const fetched = [META_HOSTS.instagramApi, META_HOSTS.instagramGraph, META_HOSTS.facebookGraph].map((h) => `${h}/`);
    expect([...manifest.urlFetchWhitelist].sort()).toEqual(fetched.sort());
    for (const prefix of manifest.urlFetchWhitelist) expect(prefix).toMatch(/^https:\/\/[^/]+\/$/);
  });

  it('enables the BigQuery advanced service (v2) under the name the code uses', () => {
    expect(manifest.dependencies.enabledAdvancedServices).toEqual([{ userSymbol: 'BigQuery', serviceId: 'bigquery', version: 'v2' }]);
    expect(code).toMatch(/typeof BigQuery === 'undefined'/);
  });

  it('declares the apps-script-oauth2 library as OAuth2', () => {
    expect(manifest.dependencies.libraries).toEqual([
      { userSymbol: 'OAuth2', libraryId: '1B7FSrk5Zi6L1rSxxTDgDEUsPzlukDsi4KGuTMorsTQHhGBzBkMun4iDF', version: '43' },
    ]);
  });
});
