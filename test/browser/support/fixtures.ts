// Sidebar states the browser tests start from: what getSidebarState would answer for a user with a
// few accounts in every token state, the report catalogue and some saved reports.
import type { AccountChoice, Configuration, SidebarState } from '../../../src/contract/sidebar';

const HOUR = 3_600_000;
export const NOW = Date.UTC(2025, 2, 3, 9, 30);

export function sidebarState(): SidebarState {
  return {
    accounts: [
      { id: '17841400000000001', username: 'bakery.lisbon', accountType: 'BUSINESS', flow: 'instagram', scopes: ['instagram_business_basic', 'instagram_business_manage_insights'], tokenStatus: { kind: 'renews', text: 'renews automatically' }, expiresOn: '2025-05-02' },
      { id: '17841400000000002', username: 'studio.porto', accountType: 'MEDIA_CREATOR', flow: 'facebook', scopes: ['instagram_basic', 'instagram_manage_insights', 'pages_show_list'], tokenStatus: { kind: 'expires_soon', text: 'expires in 6 days: reconnect' }, expiresOn: '2025-03-09' },
      { id: '17841400000000003', username: 'old.shop', accountType: 'BUSINESS', flow: 'instagram', scopes: ['instagram_business_basic'], tokenStatus: { kind: 'reconnect', text: 'reconnect needed' }, expiresOn: '2025-02-20' },
    ],
    reports: [
      {
        id: 'user_information', title: 'User\'s Information', description: 'Profile snapshot: followers, follows, posts, one row per day.', loginFlows: ['instagram', 'facebook'],
        fields: [
          { id: 'date', header: 'Date', description: 'Day of the snapshot', default: true },
          { id: 'followers_count', header: 'Followers', description: 'People following the account', default: true },
          { id: 'follows_count', header: 'Following', description: 'Accounts it follows', default: true },
          { id: 'biography', header: 'Bio', description: 'Profile text', default: false },
        ],
        defaultMode: 'append', cadence: 'daily',
      },
      {
        id: 'recent_media', title: 'User\'s Recent Media', description: 'Posts with caption, likes and comments.', loginFlows: ['instagram', 'facebook'],
        fields: [
          { id: 'id', header: 'Post id', description: 'Instagram media id', default: true },
          { id: 'caption', header: 'Caption', description: 'Post text', default: true },
          { id: 'like_count', header: 'Likes', description: 'Likes (hidden likes show blank)', default: true },
        ],
        defaultMode: 'update', cadence: 'daily',
      },
      {
        id: 'competitors', title: 'Competitors', description: 'Public numbers of other professional accounts.', loginFlows: ['facebook'],
        fields: [{ id: 'username', header: 'Username', description: 'Competitor username', default: true }],
        defaultMode: 'append', cadence: 'daily',
      },
    ],
    configurations: [
      {
        id: 'cfg-1', accountId: '17841400000000001', reportId: 'user_information', fields: ['date', 'followers_count', 'follows_count'], tabName: 'Profile', mode: 'append',
        schedule: { kind: 'daily', hour: 7 },
        lastRun: { at: NOW - 2 * HOUR, status: 'ok', rowsAdded: 1, rowsUpdated: 0, callsUsed: 2, message: '' },
        nextRun: NOW + 22 * HOUR,
      },
      {
        id: 'cfg-2', accountId: '17841400000000003', reportId: 'recent_media', fields: ['id', 'caption'], tabName: 'Posts', mode: 'update',
        schedule: { kind: 'every_hours', everyHours: 6 },
        lastRun: { at: NOW - 5 * HOUR, status: 'failed', rowsAdded: 0, rowsUpdated: 0, callsUsed: 1, message: '' },
        lastError: 'Instagram stopped accepting @old.shop\'s sign-in on 20 Feb. Connect it again.',
      },
    ],
    quota: [
      { accountId: '17841400000000001', used: 57, limit: 200 },
      { accountId: '17841400000000002', used: 190, limit: 200 },
    ],
    connectOptions: [
      { flow: 'instagram', title: 'Instagram Login', gives: 'Profile, posts, insights, stories and comments. No Facebook Page needed.' },
      { flow: 'facebook', title: 'Facebook Login', gives: 'Everything Instagram Login gives, plus competitors, hashtags and tags. Needs a linked Facebook Page.' },
    ],
    tabs: ['Sheet1', 'Profile', 'Posts', 'Sheetgram log'],
    logTab: { name: 'Sheetgram log', url: 'https://docs.google.com/spreadsheets/d/sheet-id/edit#gid=42' },
    timeZone: 'Europe/Lisbon',
    setupProblem: null,
  };
}

/**
 * A report for several accounts as the server keeps it: one configuration per account (its members), all
 * with the same group, report, tab, fields, mode and schedule; each with its own runs. Listed out of
 * username order on purpose (the card sorts them).
 */
export function groupMembers(accounts: AccountChoice = { kind: 'these', accountIds: ['17841400000000001', '17841400000000002', '17841400000000003'] }): Configuration[] {
  const shared = {
    reportId: 'user_information', fields: ['date', 'followers_count'], tabName: 'Profiles', mode: 'append' as const,
    schedule: { kind: 'daily' as const, hour: 7 }, group: { id: 'grp-1', accounts },
  };
  return [
    { ...shared, id: 'grp-1-porto', accountId: '17841400000000002', lastRun: { at: NOW - 2 * HOUR, status: 'ok', rowsAdded: 1, rowsUpdated: 0, callsUsed: 2, message: '' }, nextRun: NOW + 22 * HOUR },
    { ...shared, id: 'grp-1-bakery', accountId: '17841400000000001', lastRun: { at: NOW - 2 * HOUR, status: 'partial', rowsAdded: 1, rowsUpdated: 0, callsUsed: 3, message: 'Bio not shared.' }, nextRun: NOW + 22 * HOUR },
    { ...shared, id: 'grp-1-old', accountId: '17841400000000003', lastRun: { at: NOW - 2 * HOUR, status: 'failed', rowsAdded: 0, rowsUpdated: 0, callsUsed: 1, message: '' }, lastError: 'Instagram stopped accepting @old.shop\'s sign-in on 20 Feb. Connect it again.' },
  ];
}

/** sidebarState() with a group of three members (see groupMembers) saved after the single reports. */
export function groupState(accounts?: AccountChoice): SidebarState {
  const state = sidebarState();
  state.configurations.push(...groupMembers(accounts));
  state.tabs.push('Profiles');
  return state;
}

export const SERVER_FUNCTIONS = [
  'getSidebarState', 'getConnectUrl', 'disconnectAccount', 'saveConfiguration', 'deleteConfiguration',
  'runConfigurationNow', 'getRunProgress', 'createDashboard', 'createCombinedDashboard', 'describeTab',
  'runAllNow', 'openLogTab', 'saveMailSettings', 'startRepair', 'cancelRepair', 'checkBigQuery',
];
