// `npm run sim`: serves the simulator on a fixed port (default 4010) and prints every host's base URL.
// The first stdout line names the address; process.ts reads it when tests run the server in a child.
import { existsSync } from 'node:fs';
import type { PlatformScenario } from './platform-types';
import { defaultScenarios } from './handler/defaults';
import { loadScenario as readScenarioFile } from './scenario';
import { startSimulatorServer } from './http';
import { hostUrls } from './router';

export const LISTENING_LINE = 'Instagram Platform simulator listening on ';

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
}

function loadScenario(ref: string): PlatformScenario {
  if (existsSync(ref)) return readScenarioFile(ref);
  const named = defaultScenarios()[ref];
  if (!named) throw new Error(`--scenario: no file and no built-in scenario named "${ref}"`);
  return named();
}

async function main(): Promise<void> {
  const scenario = loadScenario(option('scenario', 'default'));
  const server = await startSimulatorServer({ port: Number(option('port', '4010')), host: option('host', '127.0.0.1'), scenario });
  console.log(`${LISTENING_LINE}${server.url}`);
  for (const [host, url] of Object.entries(hostUrls(server.url))) console.log(`  ${host.padEnd(20)} ${url}`);
  console.log(`  ${'control API'.padEnd(20)} ${server.url}/__control/`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  if (process.argv.includes('--exit-with-parent')) {
    process.stdin.on('end', stop);
    process.stdin.on('close', stop);
    process.stdin.resume();
  }
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});
