// The bundle's appsscript.json as the runtime applies it: urlFetchWhitelist (absent: every URL is
// allowed, as in Apps Script; present: only its prefixes), whatever allowlist the network was built
// with. A fresh runtime per test.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createRuntime } from '../../../local/apps-script/runtime';
import { LocalNetwork } from '../../../local/apps-script/services/url-fetch';

const LIMITS = fileURLToPath(new URL('./fixtures/limits', import.meta.url));
const ALLOWLISTED = fileURLToPath(new URL('./fixtures/allowlisted', import.meta.url));
const START = Date.parse('2026-01-05T09:00:00Z');

const network = (allowlist?: string[]) =>
  new LocalNetwork({ mode: 'in-process', allowlist, handler: (req) => ({ status: 200, headers: {}, body: `from ${new URL(req.url).host}` }) });

describe('urlFetchWhitelist', () => {
  it('allows every URL when the manifest has none, even on a network built with an empty list', () => {
    // An empty list is what a caller passes when it reads a manifest without the field.
    const rt = createRuntime({ bundleDir: LIMITS, start: START, network: network([]) });
    expect(rt.callCustomFunction('IG_FETCH', ['https://example.org/anything'])).toBe('from example.org');
    expect(rt.network!.allowlist).toBeUndefined();
  });

  it('allows only the manifest\'s prefixes when it has them, with the runtime\'s message otherwise', () => {
    const rt = createRuntime({ bundleDir: ALLOWLISTED, start: START, network: network() });
    expect(rt.call('fetchText', ['https://graph.instagram.com/v22.0/me'])).toBe('from graph.instagram.com');
    expect(() => rt.call('fetchText', ['https://example.org/anything?access_token=secret'])).toThrow(
      'Request to https://example.org/anything is not allowed by the urlFetchWhitelist in appsscript.json.',
    );
  });
});
