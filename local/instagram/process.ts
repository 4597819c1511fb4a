// Runs the simulator in a child process (the local Apps Script runtime blocks its own thread on
// synchronous HTTP, so the server must live elsewhere) and talks to its control API.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PlatformScenario } from './platform-types';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const LISTENING = /listening on (http:\/\/\S+)/;

export interface SpawnedSimulator {
  url: string;
  /** Calls /__control/<path>: GET without a body, POST with one. Resolves to the parsed JSON answer. */
  control(path: string, body?: unknown): Promise<any>;
  stop(): Promise<void>;
}

export interface SpawnOptions {
  /** A scenario object, a scenario file path, or a built-in scenario's name. */
  scenario: PlatformScenario | string;
  port?: number;
}

export function spawnSimulator(options: SpawnOptions): Promise<SpawnedSimulator> {
  let scenarioRef = options.scenario;
  let tempDir: string | undefined;
  if (typeof scenarioRef !== 'string') {
    tempDir = mkdtempSync(join(tmpdir(), 'sheetgram-sim-'));
    scenarioRef = join(tempDir, 'scenario.json');
    writeFileSync(scenarioRef, JSON.stringify(options.scenario));
  }
  // stdin stays open as a lifeline: when this process dies, however it dies, the pipe closes and the
  // simulator exits instead of lingering.
  const child = spawn(process.execPath, ['--import', 'tsx', 'local/instagram/cli.ts', '--port', String(options.port ?? 0), '--scenario', scenarioRef, '--exit-with-parent'], {
    cwd: REPO_ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<void>((done) =>
    child.once('exit', () => {
      if (tempDir) rmSync(tempDir, { recursive: true, force: true });
      done();
    }),
  );

  return new Promise((resolveSpawn, reject) => {
    let out = '';
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const match = LISTENING.exec(out.split('\n')[0] ?? '');
      if (!match || !out.includes('\n')) return;
      child.stdout.off('data', onData);
      child.stdout.resume();
      const url = match[1];
      resolveSpawn({
        url,
        control: async (path, body) => {
          const response = await fetch(`${url}/__control/${path.replace(/^\/+/, '')}`, {
            method: body === undefined ? 'GET' : 'POST',
            headers: { 'content-type': 'application/json' },
            body: body === undefined ? undefined : JSON.stringify(body),
          });
          const json: unknown = await response.json();
          if (!response.ok) throw new Error(`control ${path}: ${(json as { error?: string }).error ?? response.status}`);
          return json;
        },
        stop: async () => {
          if (child.exitCode === null) child.kill('SIGTERM');
          await exited;
        },
      });
    };
    child.stdout.on('data', onData);
    child.once('exit', (code) => reject(new Error(`simulator exited (${code}) before listening: ${stderr.trim()}`)));
  });
}
