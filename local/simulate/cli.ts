// `npm run simulate`: runs the built bundle (dist/) against a scenario for N virtual days and writes
// every tab as CSV, the workbook as .xlsx and summary.json. Exit status 1 when a run or an execution
// failed, 2 for a usage or configuration mistake.
import { existsSync } from 'node:fs';
import { parseSimulateArgs, UsageError, USAGE } from './args';
import { ConfigError, loadConfig } from './config';
import { humanSummary } from './print';
import { resolveScenario } from './scenario-source';
import { runSimulation } from './simulate';

async function main(): Promise<number> {
  let args;
  try {
    args = parseSimulateArgs(process.argv.slice(2));
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    if (e.message) process.stderr.write(`${e.message}\n\n`);
    process.stderr.write(USAGE);
    return e.message ? 2 : 0;
  }
  if (!existsSync('dist/Code.js')) {
    process.stderr.write('dist/Code.js is missing: run `npm run build` first (npm run simulate does).\n');
    return 2;
  }
  let config;
  let scenario;
  try {
    config = args.config ? loadConfig(args.config) : undefined;
    scenario = resolveScenario(args.scenario, args.media);
  } catch (e) {
    if (!(e instanceof ConfigError) && !(e instanceof SyntaxError) && !(e as NodeJS.ErrnoException).code) throw e;
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
  const progress = process.stderr.isTTY ? (day: number, days: number) => process.stderr.write(`\rday ${day} of ${days}${day === days ? '\n' : ''}`) : undefined;
  const { summary, summaryPath } = await runSimulation({
    scenario: scenario.scenario, scenarioName: scenario.name, days: args.days, out: args.out, config,
    transport: args.transport, latencyMs: args.latencyMs, bigquery: args.bigquery, onDay: progress,
  });
  process.stdout.write(`${humanSummary(summary, summaryPath)}\n`);
  return summary.ok ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);
