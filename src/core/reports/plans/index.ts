// Which request plan serves which report.
import type { ReportId } from '../types';
import { accountInsightsPlan, demographicsPlan, onlineFollowersPlan, userInformationPlan } from './account';
import { commentsPlan } from './conversations';
import { competitorsPlan, hashtagsPlan, taggedMediaPlan } from './facebook-only';
import type { RequestPlan } from './plan';
import { mediaInsightsPlan, recentMediaPlan, storiesPlan } from './posts';

export const PLANS: Record<ReportId, RequestPlan> = {
  user_information: userInformationPlan,
  recent_media: recentMediaPlan,
  media_insights: mediaInsightsPlan,
  account_insights: accountInsightsPlan,
  audience_demographics: demographicsPlan,
  stories: storiesPlan,
  comments: commentsPlan,
  online_followers: onlineFollowersPlan,
  tagged_media: taggedMediaPlan,
  competitors: competitorsPlan,
  hashtags: hashtagsPlan,
};
