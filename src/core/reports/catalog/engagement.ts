// Reports about what happens around the account's content: stories (before they vanish) and comments.
import { MEDIA_METRICS } from '../metrics';
import type { ReportDefinition } from '../types';
import { POST_FIELDS, field } from './common-fields';

const storyMetricFields = MEDIA_METRICS
  .filter((m) => m.sources.some((s) => s.productTypes.includes('STORY')))
  .map((m) => field(m.field, m.header, m.type, m.description, { default: m.default, flows: m.sources.every((s) => s.flows) ? m.sources[0].flows : undefined }));

export const STORIES: ReportDefinition = {
  id: 'stories', title: 'Stories',
  description: 'Live stories and their insights, captured every few hours before they vanish after 24 hours.',
  loginFlows: ['facebook', 'instagram'], requiredScopes: {},
  fields: [
    ...POST_FIELDS, field('media_url', 'Media URL', 'url', 'CDN link (expires)', { default: false }), ...storyMetricFields,
    // Meta gives no insights for a story seen by fewer than 5 accounts; the story is a row all the same.
    field('insights_note', 'Insights note', 'text', 'Why the metrics are empty: Instagram gives no insights for stories seen by fewer than 5 accounts'),
  ],
  keyColumns: ['id'], defaultMode: 'update', cadence: { everyHours: 4, label: 'Every 4 hours' }, settings: [],
};

export const COMMENTS: ReportDefinition = {
  id: 'comments', title: 'Comments',
  description: 'Every comment and reply on recent posts: who, when, what and likes. One row per comment.',
  loginFlows: ['instagram', 'facebook'],
  requiredScopes: { instagram: ['instagram_business_manage_comments'], facebook: ['instagram_manage_comments'] },
  fields: [
    field('id', 'Comment ID', 'id', 'Comment id'),
    field('media_id', 'Media ID', 'id', 'The post commented on'),
    field('media_permalink', 'Post link', 'url', 'Link to the post'),
    field('parent_id', 'Reply to', 'id', 'For replies: the comment replied to (empty for top-level comments)'),
    field('timestamp', 'Commented at', 'datetime', 'When it was written'),
    field('username', 'Username', 'text', 'Who wrote it'),
    field('text', 'Text', 'text', 'The comment'),
    field('like_count', 'Likes', 'integer', 'Likes on the comment'),
    field('hidden', 'Hidden', 'boolean', 'Hidden by the account', { default: false }),
  ],
  keyColumns: ['id'], defaultMode: 'update', cadence: { everyHours: 24, label: 'Daily' },
  settings: [{ id: 'lookbackDays', label: 'Comments on posts of the last (days)', description: 'Comments are read on posts published in these last days (30 when empty)' }],
};
