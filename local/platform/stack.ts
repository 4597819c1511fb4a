// The whole local platform in one call: the Instagram simulator (over real HTTP in a child process, or
// in-process for speed), the local Apps Script runtime with the real dist/ bundle, Script Properties
// that point the sign-in pages at the simulator, and a person's side of the OAuth dance.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CREDENTIAL_PROPERTY } from '../../src/core/config/app-settings';
import { HOST_PROPERTY } from '../../src/core/config/platform';
import { createRuntime, type Runtime, type RuntimeOptions } from '../apps-script/runtime';
import { LocalNetwork, VIRTUAL_TIME_HEADER } from '../apps-script/services/url-fetch';
import { Workbook } from '../apps-script/services/spreadsheet';
import { createSimulator, type PlatformScenario, type SimulatorControl } from '../instagram/handler';
import { spawnSimulator, type SpawnedSimulator } from '../instagram/process';

/** The local runtime's script id, so the OAuth redirect URI is the one the built-in scenarios register. */
export const LOCAL_SCRIPT_ID = 'SIM';
/** Base URL the in-process simulator's pages and links pretend to live at. */
const IN_PROCESS_BASE = 'http://simulator.local';

export interface StackOptions {
  scenario: PlatformScenario;
  /** 'http' (default): the simulator in a child process, reached over real HTTP; 'in-process': a direct call. */
  transport?: 'http' | 'in-process';
  /** The spreadsheet's time zone (default Europe/Lisbon). */
  timeZone?: string;
  /** withheldScopes: manifest scopes the person left unticked when authorizing (granular consent). */
  users?: { email: string; withheldScopes?: string[] }[];
  bundleDir?: string;
  /** Simulated network latency per round trip, in virtual ms. */
  latencyMs?: number;
  /** More Script Properties (limits, settings). */
  scriptProperties?: Record<string, string>;
  runtime?: Partial<RuntimeOptions>;
}

export interface ConnectOptions {
  /** Which account (Instagram Login) or Facebook user (Facebook Login) logs in; default the first. */
  account?: string;
  decision?: 'allow' | 'deny';
  /** The Google user who clicks Connect in the sidebar. */
  user?: string;
  /** Report ids whose scopes the sign-in asks for (default: every report of the flow, as when the person ticks "Also allow reading comments"). */
  reportIds?: string[];
  /** The connected account whose Reconnect or Add permission the person clicked (absent: Get sign-in link). */
  accountId?: string;
}

export interface ConnectResult {
  /** The callback page Apps Script shows after the redirect. */
  page: string;
  ok: boolean;
  /** The sign-in URL the sidebar gave. */
  url: string;
}

export interface Stack {
  rt: Runtime;
  network: LocalNetwork;
  /** The simulator's control API (async: it may live in another process). */
  control(path: string, body?: unknown): Promise<any>;
  /** The simulator's base URL (http mode) or its stand-in. */
  simulatorUrl: string;
  connect(flow: 'instagram' | 'facebook', options?: ConnectOptions): Promise<ConnectResult>;
  close(): Promise<void>;
}

function manifestAllowlist(bundleDir: string): string[] {
  const manifest = JSON.parse(readFileSync(join(bundleDir, 'appsscript.json'), 'utf8')) as { urlFetchWhitelist?: string[] };
  return manifest.urlFetchWhitelist ?? [];
}

/** The simulator's answer to a browser request, whichever way it is reached. */
type Browse = (method: 'GET' | 'POST', url: string, body?: string) => Promise<{ status: number; headers: Record<string, string>; body: string }>;

export async function startStack(options: StackOptions): Promise<Stack> {
  const bundleDir = resolve(options.bundleDir ?? 'dist');
  const mode = options.transport ?? 'http';
  const scenario = options.scenario;
  let spawned: SpawnedSimulator | undefined;
  let inProcess: { handle: (req: any) => any; control: SimulatorControl } | undefined;
  let network: LocalNetwork;
  let base: string;
  const allowlist = manifestAllowlist(bundleDir);
  if (mode === 'http') {
    spawned = await spawnSimulator({ scenario });
    base = spawned.url;
    network = new LocalNetwork({ mode: 'http', upstream: base, allowlist, latencyMs: options.latencyMs });
  } else {
    const sim = createSimulator({ scenario, baseUrl: IN_PROCESS_BASE });
    inProcess = sim;
    base = IN_PROCESS_BASE;
    network = new LocalNetwork({ mode: 'in-process', handler: (req) => sim.handle(req), allowlist, latencyMs: options.latencyMs });
  }

  const timeZone = options.timeZone ?? 'Europe/Lisbon';
  const rt = createRuntime({
    bundleDir, start: Date.parse(scenario.start), timeZone, users: options.users, network, scriptId: LOCAL_SCRIPT_ID,
    workbook: new Workbook({ timeZone, name: 'Sheetgram playground' }), ...options.runtime,
  });
  const script = rt.properties.script;
  for (const app of scenario.apps) {
    script.set(CREDENTIAL_PROPERTY[app.flow].clientId, app.clientId);
    script.set(CREDENTIAL_PROPERTY[app.flow].clientSecret, app.clientSecret);
  }
  // Only the pages a browser opens need another address: Graph calls go to Meta's hosts, which the
  // local network delivers to the simulator (and the manifest's allowlist is enforced on them).
  script.set(HOST_PROPERTY.instagramAuthorize, `${base}/www.instagram.com`);
  script.set(HOST_PROPERTY.facebookDialog, `${base}/www.facebook.com`);
  for (const [k, v] of Object.entries(options.scriptProperties ?? {})) script.set(k, v);

  const browse: Browse = async (method, url, body) => {
    const headers: Record<string, string> = { [VIRTUAL_TIME_HEADER]: String(rt.clock.now()) };
    if (body !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';
    if (inProcess) {
      const path = url.startsWith(IN_PROCESS_BASE) ? url.slice(IN_PROCESS_BASE.length) : url;
      const answer = inProcess.handle({ method, url: path, headers, body: body ?? '' });
      return { status: answer.status, headers: answer.headers, body: answer.body };
    }
    const response = await fetch(url, { method, headers, body, redirect: 'manual' });
    return { status: response.status, headers: Object.fromEntries(response.headers), body: await response.text() };
  };

  return {
    rt,
    network,
    simulatorUrl: base,
    control: async (path, body) => {
      if (spawned) return spawned.control(path, body);
      const answer = inProcess!.handle({ method: body === undefined ? 'GET' : 'POST', url: `/__control/${path.replace(/^\/+/, '')}`, headers: {}, body: body === undefined ? '' : JSON.stringify(body) });
      const json = JSON.parse(answer.body);
      if (answer.status >= 400) throw new Error(`control ${path}: ${json.error ?? answer.status}`);
      return json;
    },
    connect: async (flow, connectOptions = {}) => {
      const reportIds = connectOptions.reportIds ?? (rt.call('getSidebarState', [], { user: connectOptions.user }) as { reports: { id: string; loginFlows: string[] }[] })
        .reports.filter((r) => r.loginFlows.includes(flow)).map((r) => r.id);
      const args: unknown[] = connectOptions.accountId ? [flow, reportIds, connectOptions.accountId] : [flow, reportIds];
      const { url } = rt.call('getConnectUrl', args, { user: connectOptions.user }) as { url: string };
      const pageAnswer = await browse('GET', url);
      if (pageAnswer.status !== 200) throw new Error(`the ${flow} sign-in page answered ${pageAnswer.status}: ${pageAnswer.body.slice(0, 300)}`);
      const fields = new URLSearchParams();
      for (const m of pageAnswer.body.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) fields.set(decodeEntities(m[1]), decodeEntities(m[2]));
      const offered = [...pageAnswer.body.matchAll(/name="account" value="([^"]+)"/g)].map((m) => decodeEntities(m[1]));
      fields.set('account', connectOptions.account ?? offered[0] ?? '');
      fields.set('decision', connectOptions.decision ?? 'allow');
      const decided = await browse('POST', url.split('?')[0], fields.toString());
      const location = decided.headers.location;
      if (decided.status !== 302 || !location) return { page: decided.body, ok: false, url };
      // The browser drops the fragment (#_) and sends the query to Apps Script's /usercallback.
      const query = Object.fromEntries(new URL(location).searchParams);
      const page = rt.userCallback(query) as string;
      return { page, ok: /data-ok="true"/.test(page), url };
    },
    close: async () => {
      network.close();
      rt.bigquery?.close();
      await spawned?.stop();
    },
  };
}

function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (_m, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e] as string);
}
