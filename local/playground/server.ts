// `npm start`: the playground on localhost. Port from --port or PORT (default 8080; 0 picks a free one).
// Prints the address, then serves until Ctrl+C.
import { defaultScenario } from '../instagram/scenario';
import { demoAccountLines } from './demo-accounts';
import { startPlayground } from './playground';

function portOption(): number {
  const i = process.argv.indexOf('--port');
  const raw = i >= 0 ? process.argv[i + 1] : process.env.PORT;
  if (raw === undefined || raw === '') return 8080;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`--port/PORT: "${raw}" is not a port number`);
  return port;
}

async function main(): Promise<void> {
  const scenario = defaultScenario();
  const playground = await startPlayground({ port: portOption(), scenario });
  console.log(`Sheetgram playground: ${playground.url}`);
  console.log('  The spreadsheet on the left, the real sidebar on the right; Instagram is simulated, the clock is virtual.');
  console.log('  Demo accounts to connect in the sidebar (choose the login, Get sign-in link, Allow):');
  for (const line of demoAccountLines(scenario)) console.log(`    ${line}`);
  console.log('  Then add a report (with both connected: "All connected accounts"), Run now, and advance the clock.');
  console.log('  BigQuery (local): in the report editor choose "This spreadsheet and BigQuery" with project sheetgram-demo');
  console.log('    (or sheetgram-sandbox, a sandbox without billing); the BigQuery panel at the bottom of the page lists the tables and runs queries.');
  console.log('  E-mails: nothing is delivered; the E-mails panel at the bottom lists what Sheetgram sent and shows each one. Ctrl+C stops.');
  const stop = () => void playground.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`playground: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
