// An agency's scenario: one Facebook user manages many client accounts, each linked to its own Page, so
// one Facebook Login connects them all (as Meta does). The creator of the default scenario stays for
// Instagram Login. Used for the several-accounts tests and the bench's 20-account row.
import { defaultScenario } from './default';
import type { Scenario, ScenarioAccount } from './types';

export const AGENCY_FACEBOOK_USER = '10160000000000900';
const FB_SCOPES = ['instagram_basic', 'instagram_manage_insights', 'instagram_manage_comments', 'pages_show_list', 'pages_read_engagement'];

/** The client account number i (1-based): a 17-digit id, a username, a Page of its own. */
export function agencyClient(i: number, media: number): ScenarioAccount {
  const n = String(i).padStart(2, '0');
  return {
    igUserId: `178414000001${String(i).padStart(5, '0')}`, username: `client${n}.studio`, name: `Client ${n} Studio`, type: 'business',
    biography: `Client ${n} of the agency`, website: `https://client${n}.example`,
    loginFlows: ['facebook'], grantedScopes: FB_SCOPES,
    facebook: { userId: AGENCY_FACEBOOK_USER, name: 'Ana Agency', pages: [{ id: `1348957937${String(i).padStart(5, '0')}`, name: `Client ${n} Studio`, linked: true }] },
    followers: { start: 1_000 * i + 500, dailyNet: i % 5, noise: 3 },
    media: { count: media, spanDays: 200 + 10 * i, averageLikes: 40 + i, averageComments: 3 },
  };
}

export function agencyScenario(opts: { clients: number; media?: number }): Scenario {
  const base = defaultScenario();
  const clients = Array.from({ length: opts.clients }, (_, i) => agencyClient(i + 1, opts.media ?? 60));
  return { ...base, accounts: [base.accounts[0], ...clients] };
}
