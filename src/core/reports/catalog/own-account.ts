// Reports about the connected account itself: profile, posts, post and account insights, audience.
import { FOLLOWER_SOURCES } from '../follower-history';
import { ACCOUNT_DAILY_METRICS, MEDIA_METRICS } from '../metrics';
import type { FieldDefinition, ReportDefinition } from '../types';
import { LABEL_FIELD, POST_DETAIL_FIELDS, POST_FIELDS, field } from './common-fields';

const DAILY = { everyHours: 24, label: 'Daily' };
const LOOKBACK = { id: 'lookbackDays', label: 'Refresh posts of the last (days)', description: 'Likes, comments and other counts of posts from these last days are read again on every run (30 when empty)' } as const;
const POST_GROWTH = {
  id: 'postGrowthDays', label: 'Post growth (days after posting)',
  description: 'Each post\'s figures are also kept day by day in the Post Growth tab, from the day of posting to this many days after it (when empty: 30, or the refresh days above if fewer; 0 for none); posts are read again that long, even past the refresh days above',
} as const;
const POSTS_SINCE = { id: 'postsSince', label: 'Posts since', description: 'Posts published before this day are left out; leave it empty for every post' } as const;

/** When a post went out, on the spreadsheet's clock: the weekday and hour people compare posts by. */
const POSTED_WHEN: FieldDefinition[] = [
  field('posted_weekday', 'Weekday posted', 'text', "The weekday the post went out, in the spreadsheet's time zone", { from: 'timestamp', derive: 'weekday' }),
  field('posted_hour', 'Hour posted', 'integer', "The hour (0-23) the post went out, in the spreadsheet's time zone", { from: 'timestamp', derive: 'hour' }),
];

/** Days after posting whose views Media Insights shows beside the post, from the Post Growth tab. */
export const VIEWS_ON_DAYS = [1, 3, 7, 30] as const;
/** Where the run puts a post's views on those days in its record (growth/views-on-day.ts). */
export const VIEWS_ON_DAY_SOURCE = 'views_on_day';

const VIEWS_ON_DAY_FIELDS: FieldDefinition[] = VIEWS_ON_DAYS.map((n) => field(
  `views_day_${n}`, `Views on day ${n}`, 'integer',
  `Views ${n} day${n === 1 ? '' : 's'} after the day of posting, as the Post Growth tab kept them (empty until then, when no run read the post that day, or past the post growth days)`,
  // Filled once its day has come, never emptied: a later run that cannot read it again keeps it.
  { from: `${VIEWS_ON_DAY_SOURCE}.${n}`, fillOnly: true },
));

const mediaMetricFields: FieldDefinition[] = MEDIA_METRICS
  .filter((m) => m.sources.some((s) => s.productTypes.includes('FEED') || s.productTypes.includes('REELS')))
  .map((m) => field(m.field, m.header, m.type, m.description, { default: m.default }));

export const USER_INFORMATION: ReportDefinition = {
  id: 'user_information', title: "User's Information",
  description: 'A daily snapshot of the profile: followers, follows, posts, bio. Builds your follower trend.',
  loginFlows: ['instagram', 'facebook'], requiredScopes: {},
  fields: [
    field('username', 'Username', 'text', 'The @handle'),
    field('name', 'Name', 'text', 'Profile name'),
    field('biography', 'Biography', 'text', 'Profile bio'),
    field('website', 'Website', 'url', 'Website in the profile'),
    field('profile_picture_url', 'Profile picture URL', 'url', 'Profile picture (the link expires)', { default: false }),
    field('followers_count', 'Followers', 'integer', 'Followers at the time of the run'),
    field('follows_count', 'Follows', 'integer', 'Accounts followed'),
    field('media_count', 'Posts', 'integer', 'Number of posts'),
    field('account_type', 'Account type', 'text', 'Business or creator account (Instagram Login only)', { flows: ['instagram'] }),
    // The first run adds the 30 days before it, rebuilt from Meta's daily follows and unfollows: this says which rows those are.
    field('source', 'Source', 'text', `Where the Followers figure comes from: "${FOLLOWER_SOURCES.measured}", or for the 30 days before the first run "${FOLLOWER_SOURCES.rebuilt}" (or "${FOLLOWER_SOURCES.estimate}" when Instagram gave no unfollows)`),
  ],
  // One row per account (and per run date in Append): the account id is part of every key.
  keyColumns: [], defaultMode: 'append', cadence: DAILY, settings: [],
};

export const RECENT_MEDIA: ReportDefinition = {
  id: 'recent_media', title: "User's Recent Media",
  description: 'One row per post: type, caption, link, likes and comments, refreshed in place.',
  loginFlows: ['instagram', 'facebook'], requiredScopes: {},
  fields: [...POST_FIELDS, ...POST_DETAIL_FIELDS,
    field('children_count', 'Carousel items', 'integer', 'Number of items in a carousel (empty for other posts)'),
    field('shortcode', 'Shortcode', 'id', 'The code in the post link', { default: false }),
    field('is_comment_enabled', 'Comments enabled', 'boolean', 'Whether comments are on', { default: false })],
  keyColumns: ['id'], defaultMode: 'update', cadence: DAILY, settings: [POSTS_SINCE, LOOKBACK],
};

export const MEDIA_INSIGHTS: ReportDefinition = {
  id: 'media_insights', title: 'Media Insights',
  description: 'Lifetime metrics per post and reel (views, reach, saves, shares, ...), refreshed for recent posts.',
  loginFlows: ['instagram', 'facebook'], requiredScopes: {},
  // The post as a person sees it (caption, when it went out, their label), so the tab stands alone.
  fields: [...POST_FIELDS.slice(0, 2), ...POSTED_WHEN, ...POST_FIELDS.slice(2), LABEL_FIELD,
    ...mediaMetricFields.filter((f) => f.id !== 'replies' && f.id !== 'link_clicks'), ...VIEWS_ON_DAY_FIELDS],
  keyColumns: ['id'], defaultMode: 'update', cadence: DAILY, settings: [POSTS_SINCE, LOOKBACK, POST_GROWTH],
};

export const ACCOUNT_INSIGHTS: ReportDefinition = {
  id: 'account_insights', title: 'Account Insights',
  description: 'One row per day of account metrics; the last two days are provisional and re-read next run.',
  loginFlows: ['instagram', 'facebook'], requiredScopes: {},
  fields: [
    field('date', 'Date', 'date', 'The day the metrics are for, as Meta counts days (see the time zone below)'),
    field('provisional', 'Provisional', 'boolean', 'TRUE for the last two days: Meta may still revise them'),
    ...ACCOUNT_DAILY_METRICS.map((m) => field(m.field, m.header, 'integer', m.description, { default: m.default })),
  ],
  keyColumns: ['date'], defaultMode: 'update', cadence: DAILY,
  // Meta's own day runs midnight to midnight Pacific time: said here once, in words.
  settings: [{ id: 'insightDayTimeZone', label: "Meta's days start at midnight in", description: "Meta counts each day from midnight to midnight Pacific time (Los Angeles). Change it only if Meta counts your account's days in another zone" }],
};

export const AUDIENCE_DEMOGRAPHICS: ReportDefinition = {
  id: 'audience_demographics', title: 'Audience Demographics',
  description: 'Followers, engaged and reached audience by age, gender, country and city: a snapshot per run.',
  loginFlows: ['instagram', 'facebook'], requiredScopes: {},
  fields: [
    field('audience', 'Audience', 'text', 'Followers, Engaged or Reached'),
    field('breakdown', 'Breakdown', 'text', 'age, gender, country or city'),
    field('value', 'Value', 'text', 'The age band, gender, country code or city'),
    field('count', 'Accounts', 'integer', 'Accounts in that group (top 45 groups only; only known demographics)'),
    field('timeframe', 'Timeframe', 'text', 'The window Meta counted over'),
  ],
  keyColumns: ['audience', 'breakdown', 'value'], defaultMode: 'append', cadence: DAILY,
  settings: [{ id: 'timeframe', label: 'Audience counted over', description: 'The period Meta counts the audience over: this month (the default) or this week' }],
};

export const ONLINE_FOLLOWERS: ReportDefinition = {
  id: 'online_followers', title: 'Online Followers',
  description: 'How many followers are online at each hour, to choose when to post.',
  loginFlows: ['instagram', 'facebook'], requiredScopes: {},
  fields: [
    field('date', 'Date', 'date', 'The day of that hour, as Meta counts it'),
    // The hour really is Pacific time (Meta buckets it so); the column name says it, and this line once in words.
    field('hour', 'Hour (Pacific)', 'integer', 'Meta counts the hours in Pacific time (Los Angeles): 0-23 on that clock'),
    field('local_time', 'Local time', 'datetime', "The start of that hour in the spreadsheet's time zone"),
    field('followers_online', 'Followers online', 'integer', 'Followers online during that hour'),
  ],
  keyColumns: ['date', 'hour'], defaultMode: 'update', cadence: DAILY, settings: [],
};
