// `npm run bench`: measures Sheetgram and the naive reference connector on scenarios of 100, 1,000 and
// 10,000 posts, simulates an agency's month in one spreadsheet ("How far one spreadsheet goes", the
// longest part: --no-reach leaves it out, --reach-days shortens it, --no-bigquery leaves out its run with
// BigQuery, --bigquery-only runs that one alone and, with --from-json, adds it to a saved result), prints
// the tables (with the real cost of the local platform) and writes docs/performance.md. No thresholds
// here: test/bench holds them.
import { readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { benchMarkdown } from './markdown';
import { performanceDoc } from './performance-doc';
import { REACH_BENCH } from './reach';
import { mainRuns } from './reach-doc';
import { BENCH_SIZES, bigQueryReachItem, measureReach, runBench, withBigQueryRun, type BenchResult } from './run-bench';
import { DEFAULT_LATENCY_MS } from './stack';

const USAGE = `Usage: npm run bench -- [--sizes 100,1000,10000] [--latency-ms ${DEFAULT_LATENCY_MS}] [--no-naive] [--no-reach | --reach-days N] [--no-bigquery | --bigquery-only] [--jobs N] [--doc FILE | --no-doc] [--json FILE] [--from-json FILE]
  --bigquery-only runs only the agency's month with BigQuery; with --from-json FILE, everything else comes from FILE
  (without it, no doc is written unless --doc names one).
`;

function sizesOf(raw: string | undefined): number[] {
  if (raw === undefined) return BENCH_SIZES;
  const sizes = raw.split(',').map((s) => Number(s.trim()));
  if (sizes.some((s) => !Number.isInteger(s) || s < 1 || s > 10_000)) throw new Error(`--sizes takes whole numbers from 1 to 10,000 (got "${raw}")`);
  return sizes;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      sizes: { type: 'string' }, 'latency-ms': { type: 'string' }, 'no-naive': { type: 'boolean' }, doc: { type: 'string' },
      'no-doc': { type: 'boolean' }, json: { type: 'string' }, 'from-json': { type: 'string' }, help: { type: 'boolean' },
      'no-reach': { type: 'boolean' }, 'reach-days': { type: 'string' }, jobs: { type: 'string' }, 'no-bigquery': { type: 'boolean' }, 'bigquery-only': { type: 'boolean' },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (values['bigquery-only'] && (values['no-bigquery'] || values['no-reach'])) throw new Error('--bigquery-only runs the BigQuery run of "How far one spreadsheet goes": not with --no-bigquery or --no-reach');
  const latencyMs = values['latency-ms'] === undefined ? DEFAULT_LATENCY_MS : Number(values['latency-ms']);
  if (!Number.isFinite(latencyMs) || latencyMs < 0) throw new Error('--latency-ms takes a number of milliseconds');
  const reachDays = values['reach-days'] === undefined ? undefined : Number(values['reach-days']);
  if (reachDays !== undefined && (!Number.isInteger(reachDays) || reachDays < 1)) throw new Error('--reach-days takes a whole number of days');
  // The month's simulations run side by side, one per core (at most four: there are four).
  const jobs = values.jobs === undefined ? Math.min(4, availableParallelism()) : Number(values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1) throw new Error('--jobs takes a whole number of processes');
  const started = Date.now();
  const onStep = (text: string) => process.stderr.write(`bench: ${text} (${((Date.now() - started) / 1000).toFixed(0)} s)\n`);
  // --from-json renders a saved result again (tables and doc) without measuring.
  const saved = values['from-json'] ? (JSON.parse(readFileSync(values['from-json'], 'utf8')) as BenchResult) : undefined;
  let result: BenchResult;
  if (values['bigquery-only']) {
    // The rest as saved (or nothing): the BigQuery run like the saved agency's, unless told otherwise.
    const base: BenchResult = saved ?? { latencyMs, sizes: [], rows: [], idle: [], probes: [] };
    const main = saved?.reach ? Object.values(mainRuns(saved.reach))[0] : undefined;
    const item = bigQueryReachItem(reachDays ?? main?.options.days ?? REACH_BENCH.days, values['latency-ms'] === undefined ? base.latencyMs : latencyMs);
    const [run] = await measureReach([item], 1, onStep);
    result = withBigQueryRun(base, run);
  } else {
    result = saved ?? await runBench({
      sizes: sizesOf(values.sizes), latencyMs, naive: !values['no-naive'], reach: values['no-reach'] ? false : { days: reachDays, jobs, bigquery: !values['no-bigquery'] },
      onStep,
    });
  }
  process.stdout.write(`${benchMarkdown(result, { wallClock: true })}\n`);
  // The BigQuery run alone is not a whole result: it goes to docs/performance.md only added to a saved one (or with --doc).
  const doc = values['no-doc'] ? null : values.doc ?? (values['bigquery-only'] && !saved ? null : 'docs/performance.md');
  if (doc) {
    writeFileSync(doc, performanceDoc(result), 'utf8');
    process.stderr.write(`bench: wrote ${doc}\n`);
  }
  if (values.json) writeFileSync(values.json, `${JSON.stringify(result, null, 2)}\n`, 'utf8');
  process.stderr.write(`bench: done in ${((Date.now() - started) / 1000).toFixed(0)} s (real time)\n`);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`${e instanceof Error ? e.stack ?? e.message : String(e)}\n${USAGE}`);
    process.exitCode = 1;
  },
);
