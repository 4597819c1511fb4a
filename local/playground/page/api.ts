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

export type { BigQueryView, CellView, ChartView, ClockView, DemoAccountView, MailView, MenuView, QueryView, RowsView, StateView, TabView } from '../views';
