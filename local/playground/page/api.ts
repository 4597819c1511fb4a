/// <reference lib="dom" />
// The page's calls to the playground server (JSON both ways). State-changing calls are POSTs with a
// JSON body, which the server requires, so no other site can make them.

export async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(path, { cache: 'no-store' });
  const body = (await response.json()) as T & { error?: string };
  if (!response.ok) throw new Error(body.error ?? `${path}: HTTP ${response.status}`);
  return body;
}

export async function postJson<T>(path: string, body: unknown): Promise<T> {
  const response = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const answer = (await response.json()) as T & { error?: string };
  if (!response.ok) throw new Error(answer.error ?? `${path}: HTTP ${response.status}`);
  return answer;
}

export interface CellView { text: string; formula?: string; note?: string; unformatted?: boolean }
export interface TabView { name: string; rows: number; columns: number; frozenRows: number; hidden: boolean }
export interface RowsView extends TabView { from: number; cells: CellView[][]; frozen: CellView[][]; widths: Record<number, number> }
export interface ClockView { now: number; text: string; timeZone: string }
export interface MenuView { title: string; items: { caption: string; functionName: string }[] }
export interface StateView {
  versions: { data: number; sidebar: number };
  clock: ClockView;
  spreadsheet: string;
  tabs: TabView[];
  activeTab: string;
  menus: MenuView[];
  accounts: { igUserId: string; username: string }[];
}

/** An embedded chart as the server hands it over (see ../charts.ts). */
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
