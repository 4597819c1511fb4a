// An agency's scenario: one Facebook user manages many client accounts, each linked to its own Page, so
// one Facebook Login connects them all (as Meta does). The creator of the default scenario stays for
// Instagram Login. Used for the several-accounts tests and the bench's 20-account row.
//
// Options for a heavier agency (the bench's "How far one spreadsheet goes"), all off by default so the
// scenario above is unchanged: some clients signing in with Instagram Login (each its own login), years
// of history per client instead of a post count, new posts and stories after the start, and the
// creator left out.
import { defaultScenario } from './default';
import type { Scenario, ScenarioAccount } from './types';

export const AGENCY_FACEBOOK_USER = '10160000000000900';
const FB_SCOPES = ['instagram_basic', 'instagram_manage_insights', 'instagram_manage_comments', 'pages_show_list', 'pages_read_engagement'];
const IG_SCOPES = ['instagram_business_basic', 'instagram_business_manage_insights', 'instagram_business_manage_comments'];
const DAYS_PER_YEAR = 365;

/** How a client's history is made when it is given in years rather than posts. */
export interface AgencyHistory {
  /** Years of posts of client i: years[(i - 1) % years.length] (e.g. [1, 2, 3, 4, 5]). */
  years: number[];
  /** Posts per day, in the history and after the start (a new post every 24 / postsPerDay hours). */
  postsPerDay: number;
  /** Stories per day (history and after the start). Default 0. */
  storiesPerDay?: number;
}

export interface AgencyOptions {
  clients: number;
  /** Posts per client when `history` is not given. Default 60. */
  media?: number;
  /** Clients 1..n sign in with Instagram Login (each its own login) instead of the agency's Facebook Login. Default 0. */
  instagramLogin?: number;
  /** Years of history per client instead of `media` posts. */
  history?: AgencyHistory;
  /** Keep the default scenario's creator (@sunny.creates) as the first account. Default true. */
  withCreator?: boolean;
}

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

/** Client i with the options applied (its login, its years of history). */
function client(i: number, opts: AgencyOptions): ScenarioAccount {
  const base = agencyClient(i, opts.media ?? 60);
  const history = opts.history;
  const account: ScenarioAccount = history
    ? {
        ...base,
        media: {
          ...(base.media as object),
          count: Math.round(history.years[(i - 1) % history.years.length] * DAYS_PER_YEAR * history.postsPerDay),
          spanDays: history.years[(i - 1) % history.years.length] * DAYS_PER_YEAR,
          postEveryHours: 24 / history.postsPerDay,
        },
        ...(history.storiesPerDay ? { stories: { perDay: history.storiesPerDay, averageViewers: 20 * i } } : {}),
      }
    : base;
  if (i > (opts.instagramLogin ?? 0)) return account;
  // Instagram Login: the client's own account signs in; no Page, no Facebook user.
  const { facebook: _page, ...own } = account;
  return { ...own, loginFlows: ['instagram'], grantedScopes: IG_SCOPES };
}

export function agencyScenario(opts: AgencyOptions): Scenario {
  const base = defaultScenario();
  const clients = Array.from({ length: opts.clients }, (_, i) => client(i + 1, opts));
  return { ...base, accounts: [...(opts.withCreator === false ? [] : [base.accounts[0]]), ...clients] };
}
