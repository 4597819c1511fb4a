// Field definitions shared by several reports (a post's identity and public counts), so the same data
// has the same column name in every tab.
import type { FieldDefinition } from '../types';

export function field(id: string, header: string, type: FieldDefinition['type'], description: string, extra: Partial<FieldDefinition> = {}): FieldDefinition {
  return { id, header, type, description, default: true, ...extra };
}

export const RUN_DATE_FIELD = field('run_date', 'Run date', 'date', 'The date of the run that wrote the row (spreadsheet time zone)');

/** Record keys the runner fills with the run's own account (never from Instagram's answer). */
export const ACCOUNT_SOURCE = { username: '$account', id: '$account_id' } as const;

/**
 * Every row names its connected account, so several accounts can share a tab: the username for people,
 * the id (which survives a username change) for keys.
 */
export const ACCOUNT_FIELD = field('account', 'Account', 'text', "The connected account's username (without @)", { from: ACCOUNT_SOURCE.username });
export const ACCOUNT_ID_FIELD = field('account_id', 'Account ID', 'id', "The connected account's id (kept as text)", { from: ACCOUNT_SOURCE.id });

export const POST_FIELDS: FieldDefinition[] = [
  field('id', 'Media ID', 'id', 'Instagram media id (kept as text so no digit is lost)'),
  field('timestamp', 'Posted at', 'datetime', 'When the media was published'),
  field('media_type', 'Media type', 'text', 'IMAGE, VIDEO or CAROUSEL_ALBUM (reels are VIDEO)'),
  field('media_product_type', 'Product type', 'text', 'FEED, REELS or STORY'),
  field('caption', 'Caption', 'text', 'The caption text'),
  field('permalink', 'Permalink', 'url', 'Public link to the post'),
];

export const POST_DETAIL_FIELDS: FieldDefinition[] = [
  field('media_url', 'Media URL', 'url', 'CDN link to the image or video (expires; absent for copyrighted audio)', { default: false }),
  field('thumbnail_url', 'Thumbnail URL', 'url', 'Video thumbnail (expires)', { default: false }),
  field('like_count', 'Like count', 'integer', 'Likes (empty when the owner hides them)'),
  field('comments_count', 'Comment count', 'integer', 'Comments including replies'),
];

/** Choices a new Label column's dropdown starts with; the person adds their own (campaigns, partners). */
export const LABEL_CHOICES = ['Sponsored'];

/** A post's label, filled by the person (sponsored, a campaign, ...): kept through every run and every mode. */
export const LABEL_FIELD = field('label', 'Label', 'text', 'Yours to fill: a dropdown (Sponsored, or any label you type, which the next run adds to it). Sheetgram never changes it; in Append a post\'s new rows get the label of its newest labelled row', { person: { choices: LABEL_CHOICES } });
