// Reports that only the Instagram API with Facebook Login offers: tags, Business Discovery, hashtags.
import { DISCOVERY_MEDIA_COLUMNS } from '../metrics';
import type { ReportDefinition } from '../types';
import { field } from './common-fields';

const DAILY = { everyHours: 24, label: 'Daily' };

export const TAGGED_MEDIA: ReportDefinition = {
  id: 'tagged_media', title: 'Tagged and mentioned media',
  description: 'Public posts by others that tag the account.',
  loginFlows: ['facebook'], requiredScopes: { facebook: ['instagram_manage_comments'] },
  fields: [
    field('id', 'Media ID', 'id', 'The tagging post'),
    field('username', 'Posted by', 'text', 'Who posted it'),
    field('timestamp', 'Posted at', 'datetime', 'When it was published'),
    field('media_type', 'Media type', 'text', 'IMAGE, VIDEO or CAROUSEL_ALBUM'),
    field('caption', 'Caption', 'text', 'The caption'),
    field('permalink', 'Permalink', 'url', 'Public link'),
    field('like_count', 'Like count', 'integer', 'Likes (empty when hidden)'),
    field('comments_count', 'Comment count', 'integer', 'Comments'),
  ],
  keyColumns: ['id'], defaultMode: 'update', cadence: DAILY, settings: [],
};

export const COMPETITORS: ReportDefinition = {
  id: 'competitors', title: 'Competitors',
  description: "Daily public snapshot of other business accounts: followers, posts, their recent posts' likes and comments, and their reels' views.",
  // Business Discovery is served with the person's user token [UNC: the reference does not say; Sheetgram does not send it a Page token].
  loginFlows: ['facebook'], requiredScopes: {}, tokenUse: 'user',
  fields: [
    field('username', 'Username', 'text', 'The competitor'),
    field('id', 'Competitor ID', 'id', "The competitor's account id", { default: false }),
    field('name', 'Name', 'text', 'Profile name', { default: false }),
    field('followers_count', 'Followers', 'integer', 'Followers'),
    field('media_count', 'Posts', 'integer', 'Number of posts'),
    field('recent_posts', 'Recent posts read', 'integer', 'Posts read for the averages below'),
    field('recent_likes_avg', 'Average likes', 'number', 'Average likes of those posts (hidden counts left out)'),
    field('recent_comments_avg', 'Average comments', 'number', 'Average comments of those posts'),
    field('latest_post_at', 'Latest post at', 'datetime', 'When their newest post was published'),
    ...DISCOVERY_MEDIA_COLUMNS.map((c) => field(c.field, c.header, c.type, c.description, { default: c.default })),
  ],
  keyColumns: ['username'], defaultMode: 'append', cadence: DAILY,
  settings: [{ id: 'competitors', label: 'Usernames to watch', description: 'Business or creator accounts, separated by commas, such as rival.bakery, city.creator' }],
};

export const HASHTAGS: ReportDefinition = {
  id: 'hashtags', title: 'Hashtags',
  description: 'Top and recent public posts for your hashtags (Meta allows 30 different hashtags per 7 days).',
  // Hashtag Search needs the person's user token: these runs stop when it expires, unlike the Page-token reports.
  loginFlows: ['facebook'], requiredScopes: {}, tokenUse: 'user',
  fields: [
    field('hashtag', 'Hashtag', 'text', 'The hashtag'),
    field('list', 'List', 'text', 'top or recent'),
    field('id', 'Media ID', 'id', 'The post'),
    field('timestamp', 'Posted at', 'datetime', 'When it was published'),
    field('media_type', 'Media type', 'text', 'IMAGE, VIDEO or CAROUSEL_ALBUM'),
    field('caption', 'Caption', 'text', 'The caption'),
    field('permalink', 'Permalink', 'url', 'Public link'),
    field('like_count', 'Like count', 'integer', 'Likes (empty when hidden)'),
    field('comments_count', 'Comment count', 'integer', 'Comments'),
  ],
  keyColumns: ['hashtag', 'list', 'id'], defaultMode: 'append', cadence: DAILY,
  settings: [{ id: 'hashtags', label: 'Hashtags', description: 'Up to 30 hashtags, separated by commas (the # may be left out)' }],
};
