// The two live regions every part of the sidebar reports into: errors (assertive, role=alert) and
// progress or results (polite, role=status). Text only, so nothing from the server is parsed as HTML.
import { describeError } from './errors';
import { replaceChildren } from './dom';

let alertRegion: HTMLElement | null = null;
let statusRegion: HTMLElement | null = null;

export function attachNotices(alert: HTMLElement, status: HTMLElement): void {
  alertRegion = alert;
  statusRegion = status;
}

/** Shows a failed call in words; returns the sentence (also used inline next to the control). */
export function showError(error: unknown, context?: string): string {
  const sentence = describeError(error);
  if (alertRegion) {
    replaceChildren(alertRegion, context ? `${context}: ${sentence}` : sentence);
  }
  return sentence;
}

export function clearError(): void {
  // The region stays in the page (empty and collapsed by CSS) so screen readers keep watching it.
  if (alertRegion) replaceChildren(alertRegion);
}

export function announce(text: string): void {
  if (statusRegion) replaceChildren(statusRegion, text);
}
