// Version 43 of the library ignores what StateTokenBuilder.withArgument returns when it adds the PKCE
// verifier and the caller's extra arguments: Apps Script's builder changes itself and returns itself.
// These tests pin that on the runtime's own ScriptApp, and that the stand-in's state carries them.
import { describe, expect, it } from 'vitest';
import { guarded } from '../../../../../local/apps-script/platform';
import { createOAuth2Library } from '../../../../../local/apps-script/services/oauth2';
import { createScriptApp } from '../../../../../local/apps-script/services/script-app';
import { StateTokens } from '../../../../../local/apps-script/services/script-app/state-tokens';
import { TriggerStore } from '../../../../../local/apps-script/services/script-app/triggers';
import { newPlatform, runAs } from '../../support';

function setup() {
  const platform = newPlatform();
  const tokens = new StateTokens();
  const ScriptApp = createScriptApp(platform, new TriggerStore({ addOn: true }), tokens, { scriptId: 'script-1', timeZone: 'Etc/UTC', documentId: 'doc-1' });
  return { platform, tokens, ScriptApp };
}

describe('StateTokenBuilder as the OAuth2 library uses it', () => {
  it('withMethod, withArgument and withTimeout change the builder and return that same builder', () => {
    const { platform, tokens, ScriptApp } = setup();
    const payload = runAs(platform, () => {
      const builder = ScriptApp.newStateToken();
      expect(builder.withMethod('authCallback')).toBe(builder);
      expect(builder.withArgument('serviceName', 'ig')).toBe(builder);
      expect(builder.withTimeout(3600)).toBe(builder);
      // Results ignored, as the library does for the verifier and the extra arguments.
      builder.withArgument('codeVerifier_', 'v');
      builder.withArgument('nonce', 'n-1');
      builder.withMethod('otherCallback');
      return tokens.open(builder.createToken(), platform.clock.now());
    });
    expect(payload).toMatchObject({ method: 'otherCallback', arguments: { serviceName: 'ig', codeVerifier_: 'v', nonce: 'n-1' } });
    expect(payload.expiresAt - platform.clock.now()).toBe(3600_000);
  });

  it('gives the stand-in\'s authorization URL a state that opens to the callback, the service, the verifier and the extra arguments', () => {
    const { platform, tokens, ScriptApp } = setup();
    const unused = (name: string) => guarded(name, {});
    const OAuth2 = createOAuth2Library({
      ScriptApp, UrlFetchApp: unused('UrlFetchApp'), Utilities: unused('Utilities'), PropertiesService: unused('PropertiesService'),
      CacheService: unused('CacheService'), LockService: unused('LockService'), clock: platform.clock,
    });
    const url = runAs(platform, () =>
      OAuth2.createService('sheetgram-instagram')
        .setAuthorizationBaseUrl('https://api.instagram.com/oauth/authorize')
        .setClientId('app-id')
        .setCallbackFunction('authCallback')
        .setCodeVerififer('verifier')
        .getAuthorizationUrl({ nonce: 'n-1' }),
    );
    const state = new URL(url).searchParams.get('state')!;
    expect(tokens.open(state, platform.clock.now())).toMatchObject({
      method: 'authCallback',
      arguments: { serviceName: 'sheetgram-instagram', codeVerifier_: 'verifier', nonce: 'n-1' },
    });
    expect(new URL(url).searchParams.get('redirect_uri')).toBe('https://script.google.com/macros/d/script-1/usercallback');
  });
});
