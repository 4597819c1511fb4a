// Command-line options of `npm run simulate`, checked, with a usage text that names every option.
import { parseArgs } from 'node:util';

export interface SimulateArgs {
  /** A scenario file, or "default" / "large". */
  scenario: string;
  /** Posts of the large scenario's creator (only with --scenario large). */
  media?: number;
  days: number;
  out: string;
  config?: string;
  transport: 'http' | 'in-process';
  latencyMs: number;
  /** Every configuration also loads into BigQuery; the tables are written out after the run. */
  bigquery: boolean;
}

export const USAGE = `Usage: npm run simulate -- --scenario FILE|default|large --days N --out DIR [options]

  --scenario FILE|default|large   scenario JSON file, or a built-in scenario
  --days N                        virtual days to run after setup (whole number, 0-366)
  --out DIR                       where the CSV files, workbook.xlsx and summary.json go
  --config FILE                   report configurations (JSON list, see docs/simulate.md);
                                  default: every report each account's login supports
  --transport http|in-process     how Apps Script reaches the simulator (default http)
  --latency-ms N                  virtual latency per round trip (default 0)
  --media N                       posts of the large scenario's creator (default 10000)
  --bigquery                      every report also loads into BigQuery (project sheetgram-simulate);
                                  each table is written to bigquery/<dataset>.<table>.csv
`;

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

function whole(name: string, raw: string | undefined, min: number, max: number): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${name} must be a whole number from ${min} to ${max} (got "${raw}").`);
  return n;
}

export function parseSimulateArgs(argv: string[]): SimulateArgs {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        scenario: { type: 'string' }, days: { type: 'string' }, out: { type: 'string' }, config: { type: 'string' },
        transport: { type: 'string' }, 'latency-ms': { type: 'string' }, media: { type: 'string' }, bigquery: { type: 'boolean' }, help: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  if (values.help) throw new UsageError('');
  const missing = ['scenario', 'days', 'out'].filter((k) => typeof values[k] !== 'string' || values[k] === '');
  if (missing.length) throw new UsageError(`Missing ${missing.map((m) => `--${m}`).join(', ')}.`);
  const transport = (values.transport as string | undefined) ?? 'http';
  if (transport !== 'http' && transport !== 'in-process') throw new UsageError(`--transport is http or in-process (got "${transport}").`);
  const media = whole('media', values.media as string | undefined, 1, 100_000);
  if (media !== undefined && values.scenario !== 'large') throw new UsageError('--media only applies to --scenario large.');
  return {
    scenario: values.scenario as string,
    media,
    days: whole('days', values.days as string, 0, 366) as number,
    out: values.out as string,
    config: values.config as string | undefined,
    transport,
    latencyMs: whole('latency-ms', values['latency-ms'] as string | undefined, 0, 60_000) ?? 0,
    bigquery: values.bigquery === true,
  };
}
