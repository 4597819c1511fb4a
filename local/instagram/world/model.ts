// The World's objects as the Graph answers read them: accounts, media (posts, reels, carousels and
// their children, stories, tagged and hashtag media), comments and hashtags.
import type { AccountType, LoginFlow, MediaKind, ScenarioAccount } from '../scenario/types';

export type MediaType = 'IMAGE' | 'VIDEO' | 'CAROUSEL_ALBUM';
export type ProductType = 'FEED' | 'REELS' | 'STORY';

export interface WorldChild {
  id: string;
  parentId: string;
  mediaType: 'IMAGE' | 'VIDEO';
  timestampMs: number;
}

export interface WorldMedia {
  id: string;
  ownerId: string;
  ownerUsername: string;
  kind: MediaKind | 'STORY';
  mediaType: MediaType;
  productType: ProductType;
  timestampMs: number;
  caption?: string;
  shortcode: string;
  children: WorldChild[];
  /** Likes once the post has settled; like_count grows towards it. */
  finalLikes: number;
  /** Comments + replies once settled (the comment list holds exactly this many). */
  finalComments: number;
  hideLikes: boolean;
  copyrighted: boolean;
  /** Stories: people who viewed it (insights need at least 5). */
  viewers: number;
  /** Media of other accounts (tags, hashtags, competitors): never readable by id. */
  foreign: boolean;
  /** Reels also shared to Facebook: only these have facebook_views and crossposted_views. */
  sharedToFacebook?: boolean;
}

export interface WorldComment {
  id: string;
  mediaId: string;
  parentId?: string;
  text: string;
  timestampMs: number;
  username: string;
  fromId: string;
  likeCount: number;
  hidden: boolean;
  replies: WorldComment[];
}

export interface WorldHashtag {
  id: string;
  name: string;
  sensitive: boolean;
  topMedia: WorldMedia[];
  postsPerDay: number;
}

export interface WorldAccount {
  igUserId: string;
  /** App-scoped id that Instagram Login's /me shows as `id`. */
  appScopedId: string;
  username: string;
  name?: string;
  biography?: string;
  website?: string;
  type: AccountType;
  loginFlows: LoginFlow[];
  ageGated: boolean;
  competitor: boolean;
  businessSinceMs?: number;
  follows: number;
  scenario: ScenarioAccount;
  /** Index of the account in the scenario: part of every generated id. */
  index: number;
}
