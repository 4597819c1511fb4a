// The playground server: the Instagram simulator and the local Apps Script runtime with the real
// bundle (startStack over HTTP), and one page on localhost with the spreadsheet on the left and the
// real sidebar on the right. Every route is listed in `route` below; each does one small thing.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { defaultScenario } from '../instagram/scenario';
import type { PlatformScenario } from '../instagram/handler';
import { startStack, type Stack } from '../platform/stack';
import { buildAssets, sidebarWithShim, type Assets } from './assets';
import { bigQueryView, DEMO_PROJECTS, runQuery } from './bigquery';
import { runServerFunction, serverFunctionNames } from './bridge';
import { chartsOf } from './charts';
import { advanceClock, clockView, faults, revokeTokens, setFaults, timeText, workbookXlsx } from './controls';
import { demoAccounts, demoAccountViews } from './demo-accounts';
import { installFormulas } from './formulas';
import { mailView, MESSAGE_CSP, messageHtml } from './mail';
import { HttpError, readJsonCall, send, sendHtml, sendJson } from './http';
import { CALLBACK_PATH, isSignInPath, pointSignInAt, proxySignIn, userCallback } from './sign-in';
import { rowsView, tabViews, typeIntoCell } from './sheet-view';
import type { StateView } from './views';

export interface PlaygroundOptions {
  /** 0 picks a free port (tests). Default 8080. */
  port?: number;
  /** Default 127.0.0.1: the playground holds sign-ins and is meant for this machine only. */
  host?: string;
  /** Default: the built-in default scenario. */
  scenario?: PlatformScenario;
  /** Folder of the built add-on. Default dist. */
  bundleDir?: string;
}

export interface Playground {
  url: string;
  stack: Stack;
  close(): Promise<void>;
}

/** What the page polls: a change counter, and a second one for changes made outside the sidebar. */
interface Versions {
  /** Bumped after anything that may change what the grid or the sidebar shows. */
  data: number;
  /** Bumped when the sidebar should be reopened: the clock moved, a sign-in finished, a menu item ran. */
  sidebar: number;
}

export async function startPlayground(options: PlaygroundOptions = {}): Promise<Playground> {
  const bundleDir = resolve(options.bundleDir ?? 'dist');
  const scenario = options.scenario ?? defaultScenario();
  const assets = await buildAssets();
  // The demo projects a person types in the report editor's "This spreadsheet and BigQuery".
  const stack = await startStack({ scenario, transport: 'http', bundleDir, runtime: { bigquery: { projects: DEMO_PROJECTS } } });
  try {
    return await serve(stack, assets, scenario, bundleDir, options);
  } catch (error) {
    // The simulator runs in a child process: never leave it behind.
    await stack.close();
    throw error;
  }
}

async function serve(stack: Stack, assets: Assets, scenario: PlatformScenario, bundleDir: string, options: PlaygroundOptions): Promise<Playground> {
  // Who can sign in, and with which login: the demo accounts' guide and "revoke a sign-in" (what the
  // simulator knows; whether each is connected is what the add-on stored).
  const accounts = demoAccounts(scenario);
  const names = serverFunctionNames(bundleDir);
  const versions: Versions = { data: 1, sidebar: 1 };
  const { rt } = stack;
  installFormulas(stack, bundleDir);
  // A fresh install in this spreadsheet: onInstall builds the menu, then the person opens the sidebar.
  rt.call('onInstall', [{ authMode: 'FULL' }]);
  rt.call('showSidebar');

  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      const status = error instanceof HttpError ? error.status : 500;
      if (status === 500) console.error('playground:', error);
      if (!res.headersSent) sendJson(res, status, { error: error instanceof Error ? error.message : String(error) });
      else res.end();
    });
  });

  const changed = (sidebarToo = false) => {
    versions.data += 1;
    if (sidebarToo) versions.sidebar += 1;
  };

  // Reading the workbook evaluates its formulas, and a custom function is an execution that takes
  // virtual time as in Apps Script: the time our own reads took is not a change anyone made.
  let readingTime = 0;
  const reading = <T>(read: () => T): T => {
    const before = rt.clock.now();
    try {
      return read();
    } finally {
      readingTime += rt.clock.now() - before;
    }
  };

  // The state is polled several times a second; it is recomputed (tab sizes mean evaluating formulas)
  // only when something ran: a request of ours, or a script execution or clock move made from Node
  // directly (then the page is told to redraw too). Custom functions that evaluating runs do not count.
  let cached: { ran: string; versions: string; state: ReturnType<typeof stateView> } | null = null;
  const currentState = () => {
    const ran = `${rt.executions.filter((e) => e.kind !== 'custom-function').length}:${rt.clock.now() - readingTime}`;
    if (cached && cached.ran !== ran && cached.versions === `${versions.data}:${versions.sidebar}`) changed();
    const at = `${versions.data}:${versions.sidebar}`;
    if (cached?.ran !== ran || cached.versions !== at) cached = { ran, versions: at, state: reading(() => stateView(stack, versions, accounts)) };
    return cached.state;
  };

  // Only requests addressed to this machine by name: a page elsewhere that rebinds its own name to
  // 127.0.0.1 would pass the same-origin checks, but not this.
  let hosts: string[] = [];
  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!hosts.includes((req.headers.host ?? '').toLowerCase())) throw new HttpError(403, 'the playground answers on its own address only');
    const url = new URL(req.url ?? '/', 'http://playground.local');
    const method = (req.method ?? 'GET').toUpperCase();
    const path = url.pathname;
    if (isSignInPath(path)) return proxySignIn(stack, req, res);
    if (method === 'GET') {
      if (path === '/') return sendHtml(res, 200, assets.html);
      if (path === '/playground.js') return send(res, 200, 'text/javascript; charset=utf-8', assets.script);
      if (path === '/playground.css') return send(res, 200, 'text/css; charset=utf-8', assets.css);
      if (path === '/sidebar') return sendHtml(res, 200, sidebarPage(stack, assets, names));
      if (path === CALLBACK_PATH) {
        userCallback(stack, url, res);
        return changed(true);
      }
      if (path === '/api/state') return sendJson(res, 200, currentState());
      if (path === '/api/rows') {
        const view = reading(() => rowsView(rt.workbook, url.searchParams.get('tab') ?? '', Number(url.searchParams.get('from') ?? 1), Number(url.searchParams.get('count') ?? 100)));
        return view ? sendJson(res, 200, view) : sendJson(res, 404, { error: 'no such tab' });
      }
      if (path === '/api/charts') return sendJson(res, 200, reading(() => chartsOf(rt.workbook, url.searchParams.get('tab') ?? '')));
      if (path === '/api/faults') return sendJson(res, 200, await faults(stack));
      if (path === '/api/bigquery') return sendJson(res, 200, bigQueryView(rt.bigquery));
      if (path === '/api/mail') return sendJson(res, 200, mailView(rt.mail, rt.workbook.timeZone, (ms) => timeText(ms, rt.workbook.timeZone)));
      if (path === '/api/mail/message') {
        // Shown in the panel's sandboxed frame; the policy keeps anything in the e-mail from running.
        const index = url.searchParams.get('index') ?? '';
        const mail = /^\d+$/.test(index) ? rt.mail[Number(index)] : undefined;
        if (!mail) throw new HttpError(404, 'no such e-mail');
        return send(res, 200, 'text/html; charset=utf-8', messageHtml(mail), { 'content-security-policy': MESSAGE_CSP });
      }
      if (path === '/api/workbook.xlsx') {
        // The workbook is read before the first await; only the file is written after it.
        const file = reading(() => workbookXlsx(stack));
        return send(res, 200, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', await file, {
          'content-disposition': `attachment; filename="${rt.workbook.name.replace(/[^\w .-]/g, '_')}.xlsx"`,
        });
      }
    }
    if (method === 'POST') {
      const body = await readJsonCall(req);
      if (path === '/api/script-run') {
        const answer = runServerFunction(rt, names, body.name, body.args);
        changed();
        return sendJson(res, 200, answer);
      }
      // A POST although it only reads: a query's text does not belong in a URL, and the JSON guard applies.
      if (path === '/api/bigquery/query') return sendJson(res, 200, runQuery(rt.bigquery, body.sql));
      if (path === '/api/menu') return sendJson(res, 200, runMenuItem(stack, String(body.functionName), () => changed(true)));
      if (path === '/api/cell') {
        typeIntoCell(rt.workbook, String(body.tab), String(body.a1), String(body.text ?? ''));
        changed();
        return sendJson(res, 200, { ok: true });
      }
      if (path === '/api/clock') {
        const ran = advanceClock(stack, Number(body.ms));
        changed(true);
        return sendJson(res, 200, { ...ran, clock: clockView(stack) });
      }
      if (path === '/api/faults') {
        const current = await setFaults(stack, body);
        changed();
        return sendJson(res, 200, current);
      }
      if (path === '/api/revoke') {
        const revoked = await revokeTokens(stack, String(body.igUserId));
        changed();
        return sendJson(res, 200, { revoked });
      }
    }
    throw new HttpError(404, `no route ${method} ${path}`);
  }

  const host = options.host ?? '127.0.0.1';
  const url = await listen(server, options.port ?? 8080, host);
  const port = new URL(url).port;
  hosts = [new URL(url).host, `localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`];
  pointSignInAt(stack, url);
  return {
    url,
    stack,
    close: async () => {
      await new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      });
      await stack.close();
    },
  };
}

function listen(server: Server, port: number, host: string): Promise<string> {
  return new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      const address = server.address() as AddressInfo;
      done(`http://${host.includes(':') ? `[${host}]` : host}:${address.port}`);
    });
  });
}

/** The sidebar the owner last opened (Extensions > Sheetgram > Open sidebar), with the shim. */
function sidebarPage(stack: Stack, assets: Assets, names: readonly string[]): string {
  const shown = stack.rt.workbook.ui.lastSidebar(stack.rt.owner.id);
  if (!shown?.html) return '<!doctype html><p>The sidebar is closed. Open it from Extensions &gt; Sheetgram.</p>';
  return sidebarWithShim(shown.html, assets.shim, names);
}

/** Everything the page shows outside the grid's cells, cheap enough to poll. */
function stateView(stack: Stack, versions: Versions, accounts: ReturnType<typeof demoAccounts>): StateView {
  const { rt } = stack;
  const menus = rt.workbook.ui.menus(rt.owner.id).map((m) => ({
    title: m.title,
    items: m.entries.flatMap((e) => (e.kind === 'item' ? [{ caption: e.caption, functionName: e.functionName }] : [])),
  }));
  return {
    versions: { ...versions },
    clock: clockView(stack),
    spreadsheet: rt.workbook.name,
    tabs: tabViews(rt.workbook),
    activeTab: rt.workbook.activeSheet.name,
    activations: rt.workbook.activations,
    menus,
    accounts: demoAccountViews(stack, accounts),
    mail: rt.mail.length,
  };
}

/** Runs an add-on menu item as the owner would by choosing it (only items the add-on added). */
function runMenuItem(stack: Stack, functionName: string, done: () => void): { ok: boolean; error?: string } {
  const offered = stack.rt.workbook.ui.menus(stack.rt.owner.id).some((m) => m.entries.some((e) => e.kind === 'item' && e.functionName === functionName));
  if (!offered) throw new HttpError(404, `no menu item runs ${functionName}`);
  try {
    stack.rt.call(functionName);
    return { ok: true };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  } finally {
    done();
  }
}
