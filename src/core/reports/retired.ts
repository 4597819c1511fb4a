// What users of the old Instagram connector could get that today's Instagram Platform no longer gives,
// and what Sheetgram offers that comes closest; rendered into docs/reports.md next to the reports table.

export interface RetiredData {
  what: string;
  why: string;
  closest: string;
}

export const RETIRED_DATA: RetiredData[] = [
  { what: 'The list of accounts a user follows (and who follows them)', why: 'The legacy Instagram API that exposed follower lists was shut down in 2020; the Instagram Platform gives counts only.',
    closest: "User's Information: daily follower and follows counts; Account Insights: new followers per day." },
  { what: 'Media the user liked', why: 'No endpoint of the Instagram Platform returns liked media.',
    closest: "Comments (who commented and when) and likes per post in User's Recent Media." },
  { what: "Followers' influence (their follower counts)", why: 'Follower identities are not available, so neither is their reach.',
    closest: 'Audience Demographics (age, gender, country, city) and Competitors (public counts of named business accounts).' },
  { what: 'Topics of interest of the audience', why: 'Not offered by any current endpoint.',
    closest: 'Hashtags (top and recent posts for up to 30 hashtags a week) and Audience Demographics.' },
  { what: 'Insights of personal accounts', why: 'The Basic Display API ended on 2024-12-04; only business and creator accounts have API access.',
    closest: 'Switch the account to a professional (business or creator) account, which is free.' },
  { what: 'Impressions, plays and video views', why: 'Retired by Meta in 2025 (v21/v22) in favour of "views".',
    closest: 'The Views column (fed by views today; by impressions or plays on older API versions).' },
];

export function renderRetiredTable(): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  return ['| No longer available | Why | What comes closest in Sheetgram |', '|---|---|---|',
    ...RETIRED_DATA.map((r) => `| ${cell(r.what)} | ${cell(r.why)} | ${cell(r.closest)} |`)].join('\n');
}
