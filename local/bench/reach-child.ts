// One run of "How far one spreadsheet goes" in a process of its own (reach-jobs.ts starts it): the
// options as JSON in argv[2], the result written as JSON to the file argv[3], each finished day told on
// stderr as "day N" for the parent's progress line.
import { writeFileSync } from 'node:fs';
import { benchReach, type ReachOptions } from './reach';

const [optionsJson, out] = process.argv.slice(2);
if (!optionsJson || !out) throw new Error('usage: reach-child.ts OPTIONS_JSON OUT_FILE');
const options = JSON.parse(optionsJson) as Omit<ReachOptions, 'onDay'>;
const run = await benchReach({ ...options, onDay: (day) => process.stderr.write(`day ${day}\n`) });
writeFileSync(out, JSON.stringify(run));
