// "Run now": starts the run, polls getRunProgress while it is out, then shows the result. What a run
// says is kept per card (a configuration's id, or a group's key: one run for all its accounts) so a redraw
// of the list in the meantime does not lose it; the list draws it into a polite live region, so screen
// readers hear the progress and the result. Run all has a note of its own (RUN_ALL).
import type { RunProgress, RunSummary } from '../../contract/sidebar';
import { call, quietCall } from './server';
import { showError } from './notices';
import { replaceChildren } from './dom';
import { countText, resultText } from './wording';

/**
 * Waits between progress polls: every poll is an Apps Script execution of the person's (it counts toward
 * their quotas and simultaneous executions), so the first comes after 3 s and the rest back off to 15 s.
 */
export const POLL_DELAYS_MS: readonly number[] = [3_000, 5_000, 8_000, 13_000, 15_000];

/** The wait before the nth poll (0-based): the last delay repeats. */
export function pollDelayMs(n: number): number {
  return POLL_DELAYS_MS[Math.min(n, POLL_DELAYS_MS.length - 1)];
}

/** at: the run's end (RunSummary.at), so the card does not say the same result again. */
interface RunNote { text: string; kind: 'progress' | 'result' | 'error'; at?: number }

/** The note of Run all. */
export const RUN_ALL = 'run-all';

const notes = new Map<string, RunNote>();
const running = new Set<string>();

export function isRunning(key: string): boolean {
  return running.has(key);
}

export function runNoteId(key: string): string {
  return `run-note-${key}`;
}

/** What the note of a card says now, if anything. */
export function noteOf(key: string): RunNote | undefined {
  return notes.get(key);
}

/** Draws the saved note into the element the list made for this card. */
export function drawRunNote(key: string): void {
  const element = document.getElementById(runNoteId(key));
  const note = notes.get(key);
  if (!element) return;
  replaceChildren(element, note?.text);
  element.className = `run-note ${note ? `run-${note.kind}` : ''}`;
}

function setNote(key: string, note: RunNote): void {
  notes.set(key, note);
  drawRunNote(key);
}

function progressText(progress: RunProgress): string {
  return `${progress.phase}: ${countText(progress.rowsWritten, 'row', 'rows')} written, ${countText(progress.callsUsed, 'call', 'calls')} used`;
}

/**
 * Runs one configuration (a group's: any member's id runs them all); key names the card's note, the
 * configuration's id unless a group's. onSettled redraws (the list reloads state once the run is over).
 */
export async function runNow(configurationId: string, reportTitle: string, onSettled: () => void, key = configurationId): Promise<void> {
  if (running.has(key)) return;
  running.add(key);
  setNote(key, { text: 'Starting…', kind: 'progress' });
  const poll = async () => {
    for (let n = 0; running.has(key); n++) {
      await new Promise((resolve) => setTimeout(resolve, pollDelayMs(n)));
      if (!running.has(key)) return;
      // A failed poll only means no news this time; the run itself reports its own failure.
      const progress = await quietCall('getRunProgress', configurationId).catch(() => null);
      if (progress && running.has(key)) setNote(key, { text: progressText(progress), kind: 'progress' });
    }
  };
  void poll();
  try {
    const summary = await call('runConfigurationNow', configurationId);
    running.delete(key);
    setNote(key, { text: resultText(summary), kind: summary.status === 'failed' ? 'error' : 'result', at: summary.at });
  } catch (error) {
    running.delete(key);
    setNote(key, { text: showError(error, `${reportTitle} did not run`), kind: 'error' });
  }
  onSettled();
}

/** What Run all did: the server's sentences (which reports ran, failed, wait), then the counts of all of them. */
export function runAllText(summary: RunSummary): string {
  const counts = `In all: ${countText(summary.rowsAdded, 'row', 'rows')} added, ${summary.rowsUpdated} updated, ${countText(summary.callsUsed, 'call', 'calls')} used.`;
  return [summary.message, counts].filter(Boolean).join(' ');
}

/** Run all: every report of the person, one after the other, on the server; then the list redraws. */
export async function runAll(onSettled: () => void): Promise<void> {
  if (running.has(RUN_ALL)) return;
  running.add(RUN_ALL);
  setNote(RUN_ALL, { text: 'Running your reports one after the other…', kind: 'progress' });
  try {
    const summary = await call('runAllNow');
    running.delete(RUN_ALL);
    setNote(RUN_ALL, { text: runAllText(summary), kind: summary.status === 'failed' ? 'error' : 'result' });
  } catch (error) {
    running.delete(RUN_ALL);
    setNote(RUN_ALL, { text: showError(error, 'Run all did not finish'), kind: 'error' });
  }
  onSettled();
}
