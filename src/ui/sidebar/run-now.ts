// "Run now": starts the run, polls getRunProgress while it is out, then shows the result. What a run
// says is kept per configuration so a redraw of the list in the meantime does not lose it; the list draws
// it into a polite live region, so screen readers hear the progress and the result.
import type { RunProgress } from '../rpc';
import { call, quietCall } from './server';
import { showError } from './notices';
import { replaceChildren } from './dom';
import { countText, resultText } from './wording';

export const POLL_MS = 1000;

interface RunNote { text: string; kind: 'progress' | 'result' | 'error' }

const notes = new Map<string, RunNote>();
const running = new Set<string>();

export function isRunning(configurationId: string): boolean {
  return running.has(configurationId);
}

export function runNoteId(configurationId: string): string {
  return `run-note-${configurationId}`;
}

/** Draws the saved note into the element the list made for this configuration. */
export function drawRunNote(configurationId: string): void {
  const element = document.getElementById(runNoteId(configurationId));
  const note = notes.get(configurationId);
  if (!element) return;
  replaceChildren(element, note?.text);
  element.className = `run-note ${note ? `run-${note.kind}` : ''}`;
}

function setNote(configurationId: string, note: RunNote): void {
  notes.set(configurationId, note);
  drawRunNote(configurationId);
}

function progressText(progress: RunProgress): string {
  return `${progress.phase}: ${countText(progress.rowsWritten, 'row', 'rows')} written, ${countText(progress.callsUsed, 'call', 'calls')} used`;
}

/** Runs one configuration; onSettled redraws (the list reloads state once the run is over). */
export async function runNow(configurationId: string, reportTitle: string, onSettled: () => void): Promise<void> {
  if (running.has(configurationId)) return;
  running.add(configurationId);
  setNote(configurationId, { text: 'Starting…', kind: 'progress' });
  const poll = async () => {
    while (running.has(configurationId)) {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      if (!running.has(configurationId)) return;
      // A failed poll only means no news this time; the run itself reports its own failure.
      const progress = await quietCall('getRunProgress', configurationId).catch(() => null);
      if (progress && running.has(configurationId)) setNote(configurationId, { text: progressText(progress), kind: 'progress' });
    }
  };
  void poll();
  try {
    const summary = await call('runConfigurationNow', configurationId);
    running.delete(configurationId);
    setNote(configurationId, { text: resultText(summary), kind: summary.status === 'failed' ? 'error' : 'result' });
  } catch (error) {
    running.delete(configurationId);
    setNote(configurationId, { text: showError(error, `${reportTitle} did not run`), kind: 'error' });
  }
  onSettled();
}
