// Whom a call counts against when one Facebook user token manages several Instagram accounts (an
// agency's): the account the path names, by its id or one of its media ids, as Meta counts per account.
import { describe, expect, it } from 'vitest';
import { identity } from '../../../../local/instagram/handler/graph-call';
import { AGENCY_FACEBOOK_USER, agencyScenario } from '../../../../local/instagram/scenario';
import type { TokenRecord } from '../../../../local/instagram/tokens/store';
import { makeId } from '../../../../local/instagram/world/ids';

const scenario = agencyScenario({ clients: 3 });
const [, first, second] = scenario.accounts;
const record: TokenRecord = {
  token: 't', kind: 'fb-long', flow: 'facebook', appId: '1234567890123456', fbUserId: AGENCY_FACEBOOK_USER, scopes: [], issuedAt: 0, expiresAt: null,
};

describe('identity of a call with an agency\'s Facebook user token', () => {
  it('is the account named in the path, or the owner of the media in the path', () => {
    expect(identity(scenario, record, [second.igUserId, 'media']).igUserId).toBe(second.igUserId);
    expect(identity(scenario, record, [makeId('post', 2, 7), 'insights']).igUserId).toBe(second.igUserId);
  });

  it('falls back to the first account managed when the path names none, and never to an account not managed', () => {
    expect(identity(scenario, record, ['me', 'accounts']).igUserId).toBe(first.igUserId);
    expect(identity(scenario, record, [scenario.accounts[0].igUserId, 'media']).igUserId).toBe(first.igUserId);
  });
});
