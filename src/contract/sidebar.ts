// The contract between the sidebar (browser) and its server functions (src/gas) over google.script.run,
// in a neutral place that core, gas and ui all import (core imports nothing from ui). Types only; the
// words both sides share (LoginFlow, WriteMode, Schedule) are defined here and nowhere else. Every value is JSON-safe: google.script.run refuses Dates, functions and DOM nodes, so
// times travel as epoch-ms numbers or 'yyyy-mm-dd' strings and optional members are omitted, never undefined.

export type LoginFlow = 'instagram' | 'facebook';

/** renews: Sheetgram keeps it alive; valid: works until a known date; expires_soon: act now; reconnect: stopped. */
export type TokenStatusKind = 'renews' | 'valid' | 'expires_soon' | 'reconnect';

export interface AccountView {
  /** Instagram professional account id (always a string). */
  id: string;
  username: string;
  /** As Meta names it: 'BUSINESS' or 'MEDIA_CREATOR'. Shown to the user in plain words. */
  accountType: string;
  flow: LoginFlow;
  scopes: string[];
  /** text is the sentence shown, e.g. "renews automatically", "expires in 6 days: reconnect". */
  tokenStatus: { kind: TokenStatusKind; text: string };
  /** 'yyyy-mm-dd' in the spreadsheet's time zone; null when the token does not expire. */
  expiresOn: string | null;
  /** The sign-in and its expiry in a sentence: "Signed in with Instagram; renews by itself." */
  signIn?: string;
  /**
   * Reports of the registry this sign-in cannot serve for want of a permission ("Add permission" asks for
   * it); needed: a saved report of this account is one of them.
   */
  lacking?: { reportIds: string[]; needed: boolean };
  /** The account's alerts (off by default); absent from an older server. */
  alerts?: AlertsView;
}

/** An account's alerts: null is off. */
export interface AlertsView {
  /** E-mail when followers drop by more than this from one day to the next. */
  followerDrop: number | null;
  /** E-mail when a post's first-day views fall below this percent of the median of the posts before it. */
  postBelowPercent: number | null;
  /** false: another editor set them (their runs send them); saving makes them this person's. */
  byYou: boolean;
}

/** What the Alerts form sends: empty boxes are off. */
export interface AlertsInput {
  accountId: string;
  followerDrop: string;
  postBelowPercent: string;
}

export interface ReportFieldView {
  /** Stable column id. */
  id: string;
  /** Column header written to the tab. */
  header: string;
  description: string;
  /** Ticked when a new configuration is made. */
  default: boolean;
}

export type WriteMode = 'append' | 'replace' | 'update';

export interface ReportView {
  id: string;
  title: string;
  /** One line. */
  description: string;
  loginFlows: LoginFlow[];
  fields: ReportFieldView[];
  defaultMode: WriteMode;
  /** How often the report makes sense, in words the sidebar shows ("daily", "hourly", "once"). */
  cadence: string;
  /** Report settings typed as text (lists comma-separated), e.g. competitors' usernames. */
  settings?: ReportSettingView[];
  /** The login flows for which the report needs a permission beyond the basic sign-in (comments). */
  needsPermission?: LoginFlow[];
}

export interface ReportSettingView {
  id: string;
  label: string;
  description: string;
}

/** When a configuration runs on its own: hours in the spreadsheet's time zone. */
export type Schedule =
  | { kind: 'off' }
  /** Once a day, at the first dispatcher tick at or after this hour (0-23); Google picks the minute. */
  | { kind: 'daily'; hour: number }
  /** Every few hours (Stories vanish after 24 hours); one of 1, 2, 4, 6, 8, 12 (EVERY_HOURS_CHOICES). */
  | { kind: 'every_hours'; everyHours: number };

/**
 * ok: finished; partial: finished with some items skipped; incomplete: Instagram ended a list early, what
 * was read is written and the run is tried again soon; continues: stopped near the time limit and
 * resumes on the next tick; failed: nothing written.
 */
export type RunStatus = 'ok' | 'partial' | 'incomplete' | 'continues' | 'failed';

export interface RunSummary {
  /** Epoch ms when the run ended. */
  at: number;
  status: RunStatus;
  rowsAdded: number;
  rowsUpdated: number;
  callsUsed: number;
  /** Plain words, no token, e.g. "2 posts skipped: not enough viewers for insights". */
  message: string;
}

/** What the user asks for when saving. id present = edit that configuration. */
export interface ConfigurationInput {
  id?: string;
  accountId: string;
  reportId: string;
  /** Field ids, in the order of the report's fields. */
  fields: string[];
  /** A new tab name or an existing tab's name. */
  tabName: string;
  mode: WriteMode;
  schedule: Schedule;
  /** Report settings by id, as typed (lists comma-separated). */
  settings?: Record<string, string>;
  /** The person ticked "Use this tab anyway" for a tab of their own that holds data (TabDescription allowed 'ask'). */
  adoptTab?: boolean;
  /**
   * One report for several accounts, written into one table (rows told apart by account): every account
   * the person connected, today's and later ones, or the accounts listed. Absent: the one account in
   * accountId. Runs, statuses and limits stay per account.
   */
  accounts?: AccountChoice;
  /** Where the rows go: the tab (absent: 'sheet'), the tab and a BigQuery table, or BigQuery with only the newest day in the tab. */
  destination?: Destination;
  /** The dataset when destination is 'sheet_and_bigquery' or 'bigquery'. */
  bigquery?: BigQueryTarget;
}

/**
 * sheet: the tab only; sheet_and_bigquery: the tab, and each day's rows loaded into BigQuery too;
 * bigquery: loaded into BigQuery, and the rows of earlier days removed from the tab once BigQuery has
 * them (Append only: the tab keeps the newest day, and what BigQuery still lacks).
 */
export type Destination = 'sheet' | 'sheet_and_bigquery' | 'bigquery';

/** A BigQuery dataset the person chose; created in `location` when missing. */
export interface BigQueryTarget {
  /** Google Cloud project id, e.g. 'acme-marketing'. */
  projectId: string;
  /** Dataset id: letters, digits and underscores (default 'sheetgram'). */
  datasetId: string;
  /** BigQuery location of a new dataset, e.g. 'US', 'EU', 'europe-west1'. */
  location: string;
}

/** What "Check access" found for a BigQuery target, in words. */
export interface BigQueryCheck {
  ok: boolean;
  /** One or two plain sentences: what works, or what is wrong and what to do. */
  message: string;
  /** The input the message is about, when it is about one. */
  field?: 'projectId' | 'datasetId' | 'location';
  /** The person has not allowed Sheetgram to use BigQuery: open this to allow it. */
  consentUrl?: string;
  /** A BigQuery sandbox project (no billing): tables expire after 60 days. */
  sandbox?: boolean;
}

/** How a configuration's BigQuery side stands. */
export interface BigQueryStatusView {
  /** ok: everything in the tab is loaded; pending: rows wait for the next run; failed: the last load failed (retried next run). */
  state: 'ok' | 'pending' | 'failed';
  /** 'project.dataset.table'. */
  table: string;
  /** A sentence for the card, e.g. "BigQuery: loaded 2 Dec 2026, 14:05 (31 days)". */
  text: string;
}

/** A person's e-mail settings: theirs alone, the same in every spreadsheet with Sheetgram. */
export interface MailSettingsView {
  /** Failure e-mails: a report that keeps failing, a spreadsheet out of room. */
  failures: boolean;
  /** Sign-in e-mails: a sign-in about to expire, an account to reconnect, a permission to allow. */
  signIns: boolean;
  /** The Weekly Digest on Mondays (off unless asked for). */
  digest: boolean;
  /** Where every kind goes; empty: ownAddress. */
  to: string[];
  /** Where the digest goes instead; empty: where the others go. */
  digestTo: string[];
  /** The person's own address ('' when Google does not say). */
  ownAddress: string;
  /** The settings in a sentence. */
  summary: string;
}

/** What the person asks for: to 'me' (their own address) or to the addresses typed. */
export interface MailSettingsInput {
  failures: boolean;
  signIns: boolean;
  /** Absent: off. */
  digest?: boolean;
  /** Absent or empty: the digest goes where the others go. */
  digestTo?: string[];
  to: 'me' | string[];
}

/** Which accounts a report covers beyond one. */
export type AccountChoice = { kind: 'all' } | { kind: 'these'; accountIds: string[] };

/** A saved configuration: what was asked for, and how its runs went. */
export interface Configuration extends ConfigurationInput {
  id: string;
  lastRun?: RunSummary;
  /** Epoch ms of the next scheduled run. */
  nextRun?: number;
  /** The last failure in plain words (kept until a run succeeds). */
  lastError?: string;
  /**
   * A report for several accounts is saved as one configuration per account (its "members"), all with
   * this group: the same report, tab, fields, mode, schedule and settings. Each member has its own
   * accountId, lastRun, nextRun and lastError; editing, running or deleting any member acts on the group.
   */
  group?: { id: string; accounts: AccountChoice };
  /** The next run is due: the next hourly run starts it (nextRun is then now). */
  dueNow?: boolean;
  /** No run comes by itself until the person reconnects the account or allows a permission. */
  waitsFor?: 'reconnect' | 'permission';
  /** Present when the report can fill or repair its history (Fill or repair history…). */
  repair?: RepairView;
  /** Present when the destination includes BigQuery. */
  bigqueryStatus?: BigQueryStatusView;
}

/** "Fill or repair history" of one configuration (one account): what the form accepts, and how a repair stands. */
export interface RepairView {
  /** days: Account Insights rows are days; posts: rows of the posts published on those days. */
  reads: 'days' | 'posts';
  /** The first and last day the form accepts ('yyyy-mm-dd'; earliest null: no limit) and the suggested range. */
  earliest: string | null;
  latest: string;
  from: string;
  to: string;
  /** What Instagram keeps, in a sentence for the form. */
  keeps: string;
  /** A repair under way: its days and where it stands, in a sentence. */
  pending?: { from: string; to: string; text: string };
  /** The last finished repair: said once on the card. */
  last?: { from: string; to: string; at: number; status: RunStatus; text: string };
}

/** What the person asks for in the repair form. */
export interface RepairInput {
  configurationId: string;
  from: string;
  to: string;
}

export interface QuotaView {
  accountId: string;
  /** Calls made in the current hour. */
  used: number;
  /** The account's hourly limit: its day's budget spread over the hours, at most 5,000. */
  limit: number;
  /**
   * The rolling 24 hours against Meta's daily limit for the account (Business Use Case: 4,800 calls per
   * impression), from its latest views or reach, or a cautious floor until Sheetgram has read them.
   */
  day?: { used: number; limit: number; basis: 'views' | 'reach' | 'floor' };
  /** The hour and the day in a sentence a person reads ("@sunny.creates: 120 of 800 calls this hour, ..."). */
  summary?: string;
}

/** How full the spreadsheet is against Google's 10 million cells; sent from the first warning level (70%). */
export interface CellsView {
  /** Whole percent, rounded down. */
  percent: number;
  used: number;
  limit: number;
  /** The warning level reached: 70 or 90. */
  level: number;
  /** "This spreadsheet is 75% full" */
  heading: string;
  /** The count, how long until full at the current pace, the fastest-growing and largest tabs, what to do. */
  message: string;
}

export interface ConnectOption {
  flow: LoginFlow;
  title: string;
  /** One line: what this login gives. */
  gives: string;
}

export interface SidebarState {
  accounts: AccountView[];
  reports: ReportView[];
  configurations: Configuration[];
  quota: QuotaView[];
  connectOptions: ConnectOption[];
  /** Names of the spreadsheet's tabs, for "existing tab". */
  tabs: string[];
  /** The editor's default tab name by account id, then report id: the title, or "<title> @<username>" when that is taken. */
  tabSuggestions?: Record<string, Record<string, string>>;
  /** The tab where runs are logged; url opens the spreadsheet at that tab. */
  logTab: { name: string; url: string } | null;
  /** IANA zone of the spreadsheet, used to show times the way the sheet shows them. */
  timeZone: string;
  /** Set when the deployer has not set the Script Properties; the sidebar then shows only this. */
  setupProblem: string | null;
  /** Present when the spreadsheet nears Google's 10 million cells. */
  cells?: CellsView | null;
  /** The person's e-mail settings. */
  mail?: MailSettingsView;
}

/**
 * What writing a report into a named tab would do. new: the tab is created; empty: an empty tab is used;
 * same: the configuration being edited already writes there; shared: the same report for other accounts
 * writes there (rows stay apart by account); your_tab: a tab Sheetgram did not make holds data;
 * other_report, same_account (another configuration of this report and account), sheetgram (the log, a dashboard): refused.
 */
export type TabUse = 'new' | 'empty' | 'same' | 'shared' | 'your_tab' | 'other_report' | 'same_account' | 'sheetgram';

export interface TabDescription {
  /** The name asked about, trimmed. */
  name: string;
  use: TabUse;
  /** yes: fine; ask: only with adoptTab (the "Use this tab anyway" box); no: saving is refused. */
  allowed: 'yes' | 'ask' | 'no';
  /** One or two plain sentences saying what will happen or what to do. */
  message: string;
  /** A free tab name to use instead; present unless allowed is 'yes'. */
  suggestion?: string;
  /** your_tab: the first cells of its first row. */
  header?: string[];
  /** your_tab: how many rows hold something, the first row included. */
  rows?: number;
}

export interface RunProgress {
  /** Plain words, e.g. "Reading posts (page 2)". */
  phase: string;
  rowsWritten: number;
  callsUsed: number;
}

/**
 * What the sidebar knows how to explain. A server function that fails on purpose throws an Error whose
 * message starts with `[sheetgram:<kind>] ` followed by a plain sentence without any token. A refused
 * saveConfiguration may name the part of the input the sentence is about between the two:
 * `[sheetgram:invalid_input] [field:<InputField>] <sentence>`, so the editor shows it beside that control.
 */
export type SidebarErrorKind =
  | 'reconnect_needed'
  | 'rate_limited'
  | 'permission_missing'
  | 'setup_missing'
  | 'not_found'
  | 'busy'
  | 'invalid_input'
  | 'instagram_unavailable';

/** A part of ConfigurationInput a refusal is about; settings.<id> is one report setting (ReportSettingView.id). */
export type InputField =
  | 'accountId' | 'accounts' | 'reportId' | 'fields' | 'tabName' | 'adoptTab' | 'mode' | 'schedule' | `settings.${string}`
  | 'destination' | 'bigquery.projectId' | 'bigquery.datasetId' | 'bigquery.location';

/** The server functions, by name, as google.script.run calls them. */
export interface SidebarServer {
  getSidebarState(): SidebarState;
  /** accountId: the connected account being reconnected (or given a permission); absent for a new one. */
  getConnectUrl(flow: LoginFlow, reportIds: string[], accountId?: string): { url: string };
  disconnectAccount(accountId: string): { message: string };
  saveConfiguration(input: ConfigurationInput): Configuration;
  deleteConfiguration(configurationId: string): { message: string };
  runConfigurationNow(configurationId: string): RunSummary;
  /** Runs every report of the person in turn; what does not fit this execution waits for the next hourly run. */
  runAllNow(): RunSummary;
  /** Shows the log tab in the spreadsheet. */
  openLogTab(): { message: string };
  saveMailSettings(input: MailSettingsInput): { message: string; mail: MailSettingsView };
  /** Saves an account's alerts (empty boxes: off); refusals name the field. */
  saveAlerts(input: AlertsInput): { message: string; alerts: AlertsView };
  getRunProgress(configurationId: string): RunProgress | null;
  createDashboard(accountId: string): { message: string };
  createCombinedDashboard(): { message: string };
  /** Re-reads the days asked for now (and at the next hourly runs if they do not fit); refusals name 'from' or 'to'. */
  startRepair(input: RepairInput): { message: string; status: RunStatus };
  /** Stops a repair under way: what it wrote stays. */
  cancelRepair(configurationId: string): { message: string };
  /** Checks that Sheetgram may use BigQuery in this project and dataset (and may create the dataset). */
  checkBigQuery(target: BigQueryTarget): BigQueryCheck;
  /** configurationId: the configuration being edited, '' for a new one. */
  describeTab(name: string, reportId: string, accountId: string, configurationId: string): TabDescription;
}
