// `npm start`: the playground on localhost. Port from --port or PORT (default 8080; 0 picks a free one).
// Prints the address, then serves until Ctrl+C.
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
  const playground = await startPlayground({ port: portOption() });
  console.log(`Sheetgram playground: ${playground.url}`);
  console.log('  The spreadsheet on the left, the real sidebar on the right; Instagram is simulated, the clock is virtual.');
  console.log('  Connect @sunny.creates with Instagram Login, add a report, Run now, then advance the clock. Ctrl+C stops.');
  const stop = () => void playground.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`playground: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
