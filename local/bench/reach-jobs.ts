// The runs of "How far one spreadsheet goes" are independent simulations of a month each, the bench's
// longest part: with jobs > 1 they run side by side in child processes (reach-child.ts), one per core,
// and come back in the plan's order. With jobs 1 they run one after the other in this process.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchReach, type ReachOptions, type ReachRun } from './reach';

export type ReachPlanItem = Omit<ReachOptions, 'onDay'>;

const CHILD = fileURLToPath(new URL('./reach-child.ts', import.meta.url));

function inChild(options: ReachPlanItem, out: string, onDay: (day: number) => void): Promise<ReachRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, JSON.stringify(options), out], { stdio: ['ignore', 'inherit', 'pipe'] });
    let errors = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (text: string) => {
      for (const line of text.split('\n')) {
        const day = /^day (\d+)$/.exec(line.trim());
        if (day) onDay(Number(day[1]));
        else if (line.trim()) errors += `${line}\n`;
      }
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(JSON.parse(readFileSync(out, 'utf8')) as ReachRun);
      else reject(new Error(`bench: the run of ${options.accounts} accounts (${options.account}${options.bigquery ? ', BigQuery' : ''}) stopped with exit code ${code}:\n${errors.slice(-2000)}`));
    });
  });
}

/** Every run of the plan, in its order; at most `jobs` at once. */
export async function runReachPlan(plan: readonly ReachPlanItem[], jobs: number, onDay: (item: ReachPlanItem, day: number) => void): Promise<ReachRun[]> {
  if (jobs <= 1) {
    const runs: ReachRun[] = [];
    for (const item of plan) runs.push(await benchReach({ ...item, onDay: (day) => onDay(item, day) }));
    return runs;
  }
  const dir = mkdtempSync(join(tmpdir(), 'sheetgram-reach-'));
  try {
    const runs: ReachRun[] = new Array(plan.length);
    let next = 0;
    const worker = async () => {
      while (next < plan.length) {
        const i = next++;
        runs[i] = await inChild(plan[i], join(dir, `run-${i}.json`), (day) => onDay(plan[i], day));
      }
    };
    await Promise.all(Array.from({ length: Math.min(jobs, plan.length) }, worker));
    return runs;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
