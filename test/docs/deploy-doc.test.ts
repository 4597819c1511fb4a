// docs/deploy.md must work as written: the scopes it lists are the manifest's, every Script Property
// Sheetgram reads is named, and the clasp steps account for the .clasp.json the repository ships.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PORTFOLIO_SCOPES } from '../../src/core/accounts/scopes';
import { CREDENTIAL_PROPERTY, SETTING_PROPERTY } from '../../src/core/config/app-settings';
import { QUOTA_SETTING_PROPERTY } from '../../src/core/quota/settings';

const doc = readFileSync('docs/deploy.md', 'utf8');
const manifest = JSON.parse(readFileSync('appsscript.json', 'utf8')) as { oauthScopes: string[] };

describe('docs/deploy.md', () => {
  it('lists exactly the scopes of appsscript.json, each in its scope table', () => {
    const listed = [...doc.matchAll(/^\| `(https:\/\/www\.googleapis\.com\/auth\/[^`]+)` \|/gm)].map((m) => m[1]);
    expect([...listed].sort()).toEqual([...manifest.oauthScopes].sort());
    expect(new Set(listed).size).toBe(listed.length);
    // No other Google scope is mentioned anywhere on the page.
    const mentioned = new Set(doc.match(/https:\/\/www\.googleapis\.com\/auth\/[\w.]+/g));
    expect([...mentioned].sort()).toEqual([...manifest.oauthScopes].sort());
  });

  it('names every Script Property Sheetgram reads', () => {
    for (const names of Object.values(CREDENTIAL_PROPERTY)) for (const name of Object.values(names)) expect(doc).toContain(`\`${name}\``);
    for (const name of Object.values(SETTING_PROPERTY)) expect(doc).toContain(`| \`${name}\` |`);
    for (const name of Object.values(QUOTA_SETTING_PROPERTY)) expect(doc).toContain(`| \`${name}\` |`);
  });

  it('says to remove or edit the shipped .clasp.json before clasp create-script', () => {
    const clasp = JSON.parse(readFileSync('.clasp.json', 'utf8')) as { scriptId: string; rootDir: string };
    expect(doc).toContain(clasp.scriptId);
    expect(doc).toMatch(/rm \.clasp\.json\n\s*npx clasp create-script --type standalone --title "Sheetgram" --rootDir dist/);
    expect(doc).toContain('"rootDir": "dist"');
  });

  it('explains the Facebook Login for Business configuration and the permissions it holds', () => {
    expect(doc).toContain('SHEETGRAM_FACEBOOK_CONFIG_ID');
    for (const p of ['instagram_basic', 'instagram_manage_insights', 'pages_show_list', 'pages_read_engagement', ...PORTFOLIO_SCOPES.facebook]) {
      expect(doc).toContain(`| \`${p}\` |`);
    }
  });

  it('covers testers, Google verification, the Marketplace listing and Meta App Review', () => {
    for (const needle of ['Instagram tester', 'unverified app', 'OAuth verification', 'privacy policy', 'terms of service', 'icons', 'App Review', 'screencast', 'data deletion', 'Business Verification']) {
      expect(doc.toLowerCase()).toContain(needle.toLowerCase());
    }
  });
});
