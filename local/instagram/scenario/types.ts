// The scenario file's shape: everything the simulator's World is built from. Documented field by field
// in docs/scenarios.md. Numbers are generator settings; the World turns them into deterministic data.
import type { FaultSettings, LimitSettings, PlatformSettings } from '../platform-types';

export type { FaultSettings, LimitSettings, PlatformSettings };

export interface Scenario {
  seed: number;
  /** ISO date-time: the virtual clock's start. Generated history ends here; cadences continue after it. */
  start: string;
  apps: ScenarioApp[];
  /** Accounts people log into (the Platform half issues tokens for these). */
  accounts: ScenarioAccount[];
  /** Other professional accounts, found only through Business Discovery (nobody logs into them). */
  competitors?: ScenarioAccount[];
  hashtags?: ScenarioHashtag[];
  faults?: FaultSettings;
  limits?: LimitSettings;
  platform?: PlatformSettings;
  graph?: GraphSettings;
}

/** World & Graph choices where Meta's behaviour is uncertain (reference: "Things that could not be verified"). */
export interface GraphSettings {
  /** When true, `caption` and `media_product_type` are Facebook-Login-only fields (the reference's annotation). Default false. */
  captionFacebookOnly?: boolean;
  /** Whether /{ig-user-id}/stories answers on graph.instagram.com. Default true. */
  storiesOnInstagramHost?: boolean;
}

export interface ScenarioApp {
  flow: 'instagram' | 'facebook';
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  /**
   * Facebook apps only. 'business': Facebook Login for Business, whose dialog needs a configuration
   * (config_id) and refuses to open without one; 'consumer' (default): the classic dialog with scope=.
   */
  type?: 'business' | 'consumer';
  /** Business apps: Facebook Login for Business configurations, each with the permissions it asks for. */
  loginConfigurations?: { id: string; permissions: string[] }[];
}

export type LoginFlow = 'instagram' | 'facebook';
export type AccountType = 'business' | 'creator' | 'personal';

export interface ScenarioAccount {
  /** 17-digit string. */
  igUserId: string;
  username: string;
  name?: string;
  biography?: string;
  website?: string;
  type: AccountType;
  loginFlows: LoginFlow[];
  /**
   * Facebook Login: the Facebook user and their Pages; a `linked` Page is linked to this IG account. A Page
   * `viaBusinessPortfolio` is owned through a business portfolio and the person's role on it comes through
   * the portfolio: /me/accounts hides it without business_management, and its account's insights need
   * ads_read or ads_management.
   */
  facebook?: { userId: string; name?: string; pages: { id: string; name: string; linked: boolean; viaBusinessPortfolio?: boolean }[] };
  /** What the person approves on the consent page (default: all requested). */
  grantedScopes?: string[];
  /** ISO date: media posted before it fail insights with subcode 2108006. */
  businessSince?: string;
  /** Age-gated accounts are not returned by Business Discovery. */
  ageGated?: boolean;
  followers: ScenarioFollowers;
  follows?: number;
  media: ScenarioMediaPlan | ScenarioMedia[];
  stories?: ScenarioStories;
  /** Media by other accounts in which this account is tagged (Facebook Login /tags). */
  tagged?: { count: number };
  /** Audience used by the demographics and online_followers generators. */
  audience?: ScenarioAudience;
}

export interface ScenarioFollowers {
  /** followers_count at the scenario start. */
  start: number;
  /** Average net new followers per day (may be negative). Default 0. */
  dailyNet?: number;
  /** Day-to-day spread of the net change, followers. Default 3. */
  noise?: number;
}

export type MediaKind = 'IMAGE' | 'VIDEO' | 'CAROUSEL_ALBUM' | 'REELS';

export interface ScenarioMediaPlan {
  /** Posts that exist at the start (spread over `spanDays` before it). */
  count: number;
  /** Days of history the posts are spread over. Default 730. */
  spanDays?: number;
  /** Relative weights of the media kinds. Default IMAGE 4, CAROUSEL_ALBUM 2, VIDEO 1, REELS 3. */
  mix?: Partial<Record<MediaKind, number>>;
  /** After the start, one new post every this many hours of virtual time (unset: no new posts). */
  postEveryHours?: number;
  /** Typical likes of a post; the generator spreads around it. Default 120. */
  averageLikes?: number;
  /** Typical comments (top-level + replies) of a post. Default 6, capped at 200 per post. */
  averageComments?: number;
  /** Share (0..1) of posts whose owner hides like counts. Default 0. */
  hiddenLikesShare?: number;
  /** Share (0..1) of reels with copyrighted audio: no media_url. Default 0. */
  copyrightedReelShare?: number;
  /** Share (0..1) of reels also shared to Facebook: only they have facebook_views and crossposted_views. Default 0. */
  sharedToFacebookShare?: number;
  /** Captions given to the newest posts, in order (newest first); others get generated captions. */
  captions?: string[];
}

export interface ScenarioMedia {
  kind: MediaKind;
  /** ISO date-time. */
  timestamp: string;
  caption?: string;
  likes?: number;
  comments?: number;
  /** Carousel: kinds of its children (2..10). Default two images. */
  children?: ('IMAGE' | 'VIDEO')[];
  hideLikes?: boolean;
  copyrighted?: boolean;
  /** Reels: also shared to Facebook (facebook_views and crossposted_views exist). */
  sharedToFacebook?: boolean;
}

export interface ScenarioStories {
  /** Stories posted per day, history and cadence alike. Default 0. */
  perDay: number;
  /** Typical viewers of a story (some stories get fewer than 5). Default 40. */
  averageViewers?: number;
}

export interface ScenarioAudience {
  /** Country codes with relative weights. */
  countries?: Record<string, number>;
  cities?: Record<string, number>;
  /** Share of women among people with a known gender (0..1). */
  female?: number;
}

export interface ScenarioHashtag {
  name: string;
  /** Media in top_media. Default 60. */
  topMedia?: number;
  /** Public posts per day (recent_media shows the last 24 h). Default 80. */
  postsPerDay?: number;
  /** Sensitive or offensive tags: search fails with a generic error. */
  sensitive?: boolean;
}
