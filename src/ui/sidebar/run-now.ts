// "Run now": starts the run, polls getRunProgress while it is out, then shows the result. What a run
// says is kept per card (a configuration's id, or a group's key: one run for all its accounts) so a redraw
// of the list in the meantime does not lose it; the list draws it into a polite live region, so screen
// readers hear the progress and the result.
import type { RunProgress } from '../rpc';
import { call, quietCall } from './server';
import { showError } from './notices';
import { replaceChildren } from './dom';
import { countText, resultText } from './wording';

export const POLL_MS = 1000;

interface RunNote { text: string; kind: 'progress' | 'result' | 'error' }

const notes = new Map<string, RunNote>();
const running = new Set<string>();

export function isRunning(key: string): boolean {
  return running.has(key);
}

export function runNoteId(key: string): string {
  return `run-note-${key}`;
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
    while (running.has(key)) {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
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
    setNote(key, { text: resultText(summary), kind: summary.status === 'failed' ? 'error' : 'result' });
  } catch (error) {
    running.delete(key);
    setNote(key, { text: showError(error, `${reportTitle} did not run`), kind: 'error' });
  }
  onSettled();
}
