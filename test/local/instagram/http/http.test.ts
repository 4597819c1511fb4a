// Real HTTP: the node:http adapter on port 0, and spawnSimulator running the CLI in a child process.
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulatorServer, type SimulatorServer } from '../../../../local/instagram/http';
import { spawnSimulator, type SpawnedSimulator } from '../../../../local/instagram/process';
import { CREATOR, IG_APP, REDIRECT, authorizeQuery, scenario, standInGraph } from '../platform/support';

let server: SimulatorServer | undefined;
let child: SpawnedSimulator | undefined;

afterEach(async () => {
  await server?.close();
  await child?.stop();
  server = undefined;
  child = undefined;
});

describe('HTTP adapter', () => {
  it('serves the OAuth flow and Graph calls over real HTTP, with paging links pointing back at it', async () => {
    server = await startSimulatorServer({ port: 0, scenario: scenario(), graph: standInGraph });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const page = await fetch(`${server.url}/www.instagram.com/oauth/authorize?${authorizeQuery()}`);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('@maya.makes');
    const allow = await fetch(`${server.url}/www.instagram.com/oauth/authorize`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `${authorizeQuery()}&account=${CREATOR}&decision=allow`,
    });
    expect(allow.status).toBe(302);
    const code = new URL(allow.headers.get('location')!.replace(/#_$/, '')).searchParams.get('code')!;
    const exchange = await fetch(`${server.url}/api.instagram.com/oauth/access_token`, {
      method: 'POST',
      body: new URLSearchParams({ client_id: IG_APP.clientId, client_secret: IG_APP.clientSecret, grant_type: 'authorization_code', redirect_uri: REDIRECT, code }),
    });
    const token = ((await exchange.json()) as { data: { access_token: string }[] }).data[0].access_token;
    const media = await fetch(`${server.url}/graph.instagram.com/v27.0/${CREATOR}/media?access_token=${token}`);
    expect(media.headers.get('x-app-usage')).toBe('{"call_count":0,"total_time":0,"total_cputime":0}');
    const body = (await media.json()) as { paging: { next: string } };
    expect(body.paging.next.startsWith(`${server.url}/graph.instagram.com/v27.0/`)).toBe(true);
    expect((await fetch(body.paging.next)).status).toBe(200);
  });

  it('waits the latency fault in real time', async () => {
    server = await startSimulatorServer({ port: 0, scenario: scenario({ faults: { latencyMs: 120 } }), graph: standInGraph });
    const began = performance.now();
    await fetch(`${server.url}/graph.instagram.com/me`);
    expect(performance.now() - began).toBeGreaterThanOrEqual(100);
  });
});

describe('spawnSimulator', () => {
  it('runs the simulator in a child process with the real World and drives it through the control API', async () => {
    const s = scenario();
    const accounts = s.accounts.map((a) => ({ ...a, followers: { start: 500 }, media: { count: 12 } }));
    child = await spawnSimulator({ scenario: { ...s, accounts } as typeof s });
    expect(child.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const issued = await child.control('tokens', { igUserId: CREATOR, kind: 'ig-long' });
    const me = await fetch(`${child.url}/graph.instagram.com/v27.0/me?fields=user_id,username&access_token=${issued.accessToken}`);
    expect(await me.json()).toMatchObject({ user_id: CREATOR, username: 'maya.makes' });
    const advanced = await child.control('clock', { advance: 3_600_000 });
    expect(advanced.time).toBe('2026-11-20T13:00:00.000Z');
    const log = await child.control('log');
    expect(log).toHaveLength(1);
    expect(JSON.stringify(log)).not.toContain(issued.accessToken);
  }, 30_000);
});
