// What the playground server sends the page, as types only: the server builds these and the page
// draws them, so both import them from here (no Node and no DOM in this file).

export interface TabView {
  name: string;
  /** Last row and column with content. */
  rows: number;
  columns: number;
  frozenRows: number;
  hidden: boolean;
}

/** One cell as the grid draws it: the shown text, the formula when there is one, a note on failure. */
export interface CellView {
  text: string;
  formula?: string;
  note?: string;
  /** The text is the plain value: the local runtime cannot render the cell's number format. */
  unformatted?: boolean;
}

export interface RowsView extends TabView {
  /** First row of `cells` (1-based). */
  from: number;
  cells: CellView[][];
  /** The frozen rows, always sent so they stay on screen while scrolling. */
  frozen: CellView[][];
  /** Pixel widths per column where the script set one. */
  widths: Record<number, number>;
}

export interface ClockView {
  now: number;
  /** The virtual date and time in the spreadsheet's zone, e.g. "Fri 10 Jul 2026, 13:00". */
  text: string;
  timeZone: string;
}

export interface MenuView {
  title: string;
  items: { caption: string; functionName: string }[];
}

export interface StateView {
  versions: { data: number; sidebar: number };
  clock: ClockView;
  spreadsheet: string;
  tabs: TabView[];
  activeTab: string;
  /** Counts the script's own activations (SpreadsheetApp.setActiveSheet): a new count shows activeTab, as Sheets would. */
  activations: number;
  menus: MenuView[];
  /** The scenario's accounts that can sign in: for the demo accounts' guide and "Revoke sign-in". */
  accounts: DemoAccountView[];
  /** E-mails sent so far (the E-mails panel's count; its list comes from /api/mail). */
  mail: number;
}

/** A demo account, the login(s) that give it, and whether the add-on has it connected. */
export interface DemoAccountView {
  igUserId: string;
  username: string;
  /** "Creator" or "Business". */
  kind: string;
  /** In the order the sidebar offers them. `as`: the person Facebook's consent page shows for it. */
  logins: { flow: 'instagram' | 'facebook'; title: string; as?: string }[];
  /** As the sidebar's owner has it: not connected, connected, or connected but needing a new sign-in. */
  connection: 'none' | 'connected' | 'reconnect';
}

/** An embedded chart, with its data read and ready to draw. */
export interface ChartView {
  id: string;
  type: string;
  title: string;
  /** Anchor cell (1-based) and pixel offsets from it, as setPosition gives them. */
  row: number;
  column: number;
  offsetX: number;
  offsetY: number;
  width: number;
  height: number;
  /** The first column is the domain (labels); the others are series. */
  headers: string[];
  rows: (string | number | null)[][];
  options: Record<string, unknown>;
  /** Something the page should say under the chart (data it could not read). */
  note?: string;
}

/** The BigQuery panel: the runtime's projects and, per dataset, its tables and views. */
export interface BigQueryView {
  projects: { projectId: string; sandbox: boolean }[];
  datasets: {
    projectId: string;
    datasetId: string;
    location: string;
    tables: { tableId: string; path: string; type: 'TABLE' | 'VIEW'; rows: number | null; note?: string }[];
  }[];
}

/** A query's answer for the panel: cells as text (null for NULL), or BigQuery's error message. */
export type QueryView =
  | { ok: true; columns: string[]; rows: { text: string | null; number: boolean }[][]; total: number }
  | { ok: false; error: string };

/** The E-mails panel: what the add-on sent (the runtime's outbox), newest first. */
export interface MailView {
  /** The spreadsheet's zone, which the times are in. */
  timeZone: string;
  messages: {
    /** Its place in the outbox: /api/mail/message?index= shows it. */
    index: number;
    /** ISO 8601, UTC. */
    sentAt: string;
    /** As the clock shows time, e.g. "Fri, 10 Jul 2026, 14:00". */
    sentText: string;
    /** The To addresses, joined with ", ". */
    to: string;
    subject: string;
    hasHtml: boolean;
    /** Inline images (cid:) and attachments it carries. */
    images: number;
    attachments: number;
  }[];
}
