// The built-in scenario: a creator with ~400 posts over two years (Instagram Login), a business account
// linked to a Facebook Page (Facebook Login) with tags and hashtags, two competitors for Business
// Discovery, and a personal account. largeScenario() makes accounts with 10,000+ media for benchmarks.
import type { Scenario, ScenarioAccount } from './types';

const LONG_CAPTION = `A very long caption 📜\n${'Sheetgram keeps every word. '.repeat(1900)}The end ✨`;

/** Captions that a spreadsheet must show as text, never run. Given to the creator's newest posts. */
export const TRICKY_CAPTIONS = [
  '=HYPERLINK("http://evil.example","click me")',
  '+1 for sunsets 🌅',
  '-30% off today only',
  '@friend look at this!',
  '<img src=x onerror=alert(1)>',
  'Line one\nLine two\n\nLine four with emoji 🎉🔥',
  LONG_CAPTION,
  '👩‍👩‍👧‍👦 family day 🇵🇹 ❤️‍🔥',
];

const ALL_IG_SCOPES = ['instagram_business_basic', 'instagram_business_manage_insights', 'instagram_business_manage_comments'];
const ALL_FB_SCOPES = ['instagram_basic', 'instagram_manage_insights', 'instagram_manage_comments', 'pages_show_list', 'pages_read_engagement'];

export function defaultScenario(): Scenario {
  return {
    seed: 20260710,
    start: '2026-07-10T12:00:00+0000',
    apps: [
      { flow: 'instagram', clientId: '990602627938098', clientSecret: 'sim-ig-secret', redirectUris: ['https://script.google.com/macros/d/SIM/usercallback'] },
      { flow: 'facebook', clientId: '1234567890123456', clientSecret: 'sim-fb-secret', redirectUris: ['https://script.google.com/macros/d/SIM/usercallback'] },
    ],
    accounts: [
      {
        igUserId: '17841400000000001', username: 'sunny.creates', name: 'Sunny Creates ✨', type: 'creator',
        biography: 'Travel, food & slow living 🌿\nLisbon → everywhere', website: 'https://sunny.example',
        loginFlows: ['instagram'], grantedScopes: ALL_IG_SCOPES, businessSince: '2024-09-01T00:00:00+0000',
        followers: { start: 48_200, dailyNet: 35, noise: 20 }, follows: 612,
        media: { count: 400, spanDays: 730, postEveryHours: 40, averageLikes: 900, averageComments: 14, hiddenLikesShare: 0.05, copyrightedReelShare: 0.2, sharedToFacebookShare: 0.3, captions: TRICKY_CAPTIONS },
        stories: { perDay: 3, averageViewers: 1200 },
        audience: { female: 0.62 },
      },
      {
        igUserId: '17841400000000002', username: 'harbor.bakery', name: 'Harbor Bakery', type: 'business',
        biography: 'Sourdough every morning 🥖', website: 'https://harbor-bakery.example',
        loginFlows: ['facebook'], grantedScopes: ALL_FB_SCOPES,
        facebook: { userId: '10160000000000001', name: 'Maria Harbor', pages: [
          { id: '134895793791914', name: 'Harbor Bakery', linked: true },
          { id: '134895793791915', name: 'Harbor Events (no Instagram)', linked: false },
        ] },
        followers: { start: 3_150, dailyNet: 4, noise: 4 },
        media: { count: 120, spanDays: 500, averageLikes: 60, averageComments: 4, sharedToFacebookShare: 0.5 },
        stories: { perDay: 1, averageViewers: 30 },
        tagged: { count: 40 },
        audience: { countries: { PT: 50, ES: 10, GB: 8, US: 6, FR: 5 }, cities: { 'Lisbon, Lisbon District': 40, 'Porto, Porto District': 12, 'Madrid, Comunidad de Madrid': 5 } },
      },
      {
        igUserId: '17841400000000003', username: 'just.me.personal', name: 'Personal Account', type: 'personal',
        loginFlows: ['instagram'], followers: { start: 80, dailyNet: 0, noise: 1 }, media: { count: 12 },
      },
    ],
    competitors: [
      competitor('17841400000000004', 'rival.bakery', 'Rival Bakery', 9_800, 300),
      competitor('17841400000000005', 'city.creator', 'City Creator', 210_000, 800),
      { ...competitor('17841400000000006', 'late.night.bar', 'Late Night Bar', 5_000, 60), ageGated: true },
    ],
    hashtags: [
      { name: 'sourdough', topMedia: 60, postsPerDay: 120 },
      { name: 'lisbon', topMedia: 60, postsPerDay: 300 },
      { name: 'bakerylife', topMedia: 30, postsPerDay: 20 },
      { name: 'forbiddenthing', sensitive: true },
    ],
    limits: { mediaPageCap: 100, callsPerHour: 5000, rateLimitMode: 'per-token-hourly' },
  };
}

function competitor(igUserId: string, username: string, name: string, followers: number, posts: number): ScenarioAccount {
  return {
    igUserId, username, name, type: 'business', loginFlows: [], biography: `${name} — official`, website: `https://${username.replace(/\./g, '-')}.example`,
    followers: { start: followers, dailyNet: Math.round(followers / 2000), noise: 5 },
    media: { count: posts, spanDays: 730, postEveryHours: 30, averageLikes: Math.round(followers / 40), hiddenLikesShare: 0.1 },
  };
}

/** A scenario whose first account has `media` posts (10,000+ for benchmarks); otherwise like the default. */
export function largeScenario(opts: { media: number; seed?: number }): Scenario {
  const base = defaultScenario();
  const [creator, ...others] = base.accounts;
  return {
    ...base,
    seed: opts.seed ?? base.seed,
    accounts: [{ ...creator, media: { count: opts.media, spanDays: Math.max(730, Math.ceil(opts.media / 8)), averageLikes: 400, averageComments: 3 } }, ...others],
  };
}
