import { describe, expect, it } from 'vitest';
import { redact, withoutSecretParams } from '../../../src/core/graph/redact';

describe('redact', () => {
  it('hides secret query parameters, form fields and JSON members', () => {
    const text = 'GET https://x/a?fields=id&access_token=EAAB123&client_secret=s3cr3t body {"access_token":"EAAB999","ok":1} fb_exchange_token=short';
    const out = redact(text);
    expect(out).not.toMatch(/EAAB123|s3cr3t|EAAB999|short/);
    expect(out).toContain('fields=id');
    expect(out).toContain('"ok":1');
  });

  it('hides named secret values wherever they appear, raw or URL-encoded', () => {
    const token = 'IGAA+abc/def==long';
    expect(redact(`x ${token} y ${encodeURIComponent(token)}`, [token])).toBe('x [redacted] y [redacted]');
  });

  it('hides bearer tokens', () => {
    expect(redact('Authorization: Bearer abc.def-123')).toBe('Authorization: Bearer [redacted]');
  });
});

describe('withoutSecretParams', () => {
  it('drops the token from a next URL and keeps the cursor', () => {
    expect(withoutSecretParams('https://h/v27.0/1/media?access_token=T&limit=25&after=QVF')).toBe('https://h/v27.0/1/media?limit=25&after=QVF');
    expect(withoutSecretParams('https://h/me?access_token=T')).toBe('https://h/me');
  });
});
