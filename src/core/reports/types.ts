// What a report is (a definition, static data in the registry) and what a user saved (a configuration).
// The sidebar, the docs table and the tab headers are all derived from definitions.
import type { LoginFlow, TokenUse } from '../accounts/types';
import type { AccountChoice, BigQueryTarget, Destination, Schedule, WriteMode } from '../../contract/sidebar';

export type { Schedule, WriteMode };

export type FieldType =
  | 'text' | 'id' | 'number' | 'integer' | 'date' | 'datetime' | 'url' | 'boolean' | 'percent' | 'duration_ms';

/** A flat record produced by a report's request plan; fields read their values from it. */
export type SourceRecord = Record<string, unknown>;

export interface FieldDefinition {
  id: string;
  /** The column header: a stable name Sheetgram finds its column by. */
  header: string;
  description: string;
  type: FieldType;
  /** Part of "Data to Collect" unless the user unticks it. */
  default: boolean;
  /** Key in the source record holding the value; defaults to the field id. */
  from?: string;
  /** Only these login flows can fill the field (absent: both). */
  flows?: LoginFlow[];
  /** Worked out from the record's value at `from` (a timestamp), in the spreadsheet's time zone. */
  derive?: Derivation;
  /**
   * The person fills this column, not Instagram: a dropdown that starts with these choices and grows with
   * what they type. Sheetgram never writes over it; a new row of the same post in Append gets the post's label.
   */
  person?: { choices: string[] };
  /** A run may fill the cell but never empty it (a figure of a day that is over: the sheet is the archive). */
  fillOnly?: boolean;
}

export type Derivation = 'weekday' | 'hour';

export interface Cadence {
  /** How often a scheduled run is due. */
  everyHours: number;
  label: string;
}

export interface SettingDefinition {
  id: keyof ReportSettings;
  label: string;
  description: string;
}

export interface ReportDefinition {
  id: ReportId;
  title: string;
  /** One line for the sidebar. */
  description: string;
  loginFlows: LoginFlow[];
  /** Scopes beyond the flow's base scopes that this report needs. */
  requiredScopes: Partial<Record<LoginFlow, string[]>>;
  /**
   * The token its calls need (absent: 'account', the Page token where Sheetgram holds one). 'user':
   * Meta serves these calls only with the person's own user token (Hashtag Search, Business Discovery).
   */
  tokenUse?: TokenUse;
  fields: FieldDefinition[];
  /** Field ids that identify a row (Append mode adds the run date in front). */
  keyColumns: string[];
  defaultMode: WriteMode;
  cadence: Cadence;
  settings: SettingDefinition[];
}

export type ReportId =
  | 'user_information' | 'recent_media' | 'media_insights' | 'account_insights' | 'audience_demographics'
  | 'stories' | 'comments' | 'online_followers' | 'tagged_media' | 'competitors' | 'hashtags';

export interface ReportSettings {
  /** ISO date (YYYY-MM-DD): ignore posts older than this. */
  postsSince?: string;
  /** Days of posts whose insights (and counts) are refreshed on every run. */
  lookbackDays?: number;
  /** Media Insights: days after posting whose lifetime figures the Post Growth tab keeps, one row a day (0: none). */
  postGrowthDays?: number;
  hashtags?: string[];
  /** Usernames of other business accounts (Business Discovery). */
  competitors?: string[];
  /** Demographics timeframe, e.g. this_month or this_week. */
  timeframe?: string;
  /** Time zone of Meta's daily insight buckets; Pacific per the observed end_time values (uncertain). */
  insightDayTimeZone?: string;
}


/** What a run remembers for the next one (saved with the configuration). */
export interface ReportState {
  /** Newest post timestamp (ISO) written by the last completed run. */
  highWaterMark?: string;
  /** Last completed run's date (YYYY-MM-DD in the spreadsheet's time zone). */
  lastRunDate?: string;
  /** Newest insight day (YYYY-MM-DD) written by the last completed run. */
  lastInsightDay?: string;
  /** Hashtag searches: name -> epoch ms of the search (Meta allows 30 unique per rolling 7 days). */
  hashtagSearches?: Record<string, number>;
  /** Hashtag ids are static and global: remembered so a search is not spent twice. */
  hashtagIds?: Record<string, string>;
}

export interface ReportConfiguration {
  id: string;
  accountId: string;
  /** The flow the account was connected with: decides host-dependent fields. */
  loginFlow: LoginFlow;
  reportId: ReportId;
  /** Chosen field ids ("Data to Collect"); key fields are always written. */
  fields: string[];
  tab: { sheetId: number | null; name: string };
  mode: WriteMode;
  schedule: Schedule;
  settings: ReportSettings;
  state?: ReportState;
  /** Whose tokens and trigger run it: the saving user's Sheetgram user key (never an email). */
  owner?: string;
  /** The account's @handle when saved, so custom functions can find it by username. */
  accountUsername?: string;
  /** One of the configurations (one per account) of a report that covers several accounts in one table. */
  group?: { id: string; accounts: AccountChoice };
  createdAt?: number;
  /** Absent: 'sheet'. With 'sheet_and_bigquery' or 'bigquery', bigquery names the dataset (see loadsIntoBigQuery). */
  destination?: Destination;
  bigquery?: BigQueryTarget;
}
