// Saved positions: an access token in Graph's next URL never reaches a checkpoint.
import { describe, expect, it } from 'vitest';
import { cursorAfter, withoutCredentials } from '../../../../src/core/reports/plans/graph-fields';

describe('cursors', () => {
  it('strip the access token and appsecret proof from next URLs', () => {
    expect(withoutCredentials('https://graph.facebook.com/v27.0/1/media?access_token=EAAB123&limit=50&after=QVFI')).toBe('https://graph.facebook.com/v27.0/1/media?limit=50&after=QVFI');
    expect(withoutCredentials('https://g/1/media?limit=5&appsecret_proof=abc&access_token=EAAB')).toBe('https://g/1/media?limit=5');
    expect(cursorAfter({ items: [], next: 'https://g/x?access_token=SECRET', after: 'A' })).toEqual({ next: 'https://g/x', after: 'A' });
  });
});
