// The sidebar's copy of the server state. Sections subscribe and redraw when a reload brings new state;
// a failed reload keeps the last good state on screen and says why.
import type { SidebarState } from '../../contract/sidebar';
import { call } from './server';
import { showError } from './notices';

type Listener = (state: SidebarState) => void;

let current: SidebarState | null = null;
const listeners: Listener[] = [];

export const store = {
  get state(): SidebarState | null {
    return current;
  },
  subscribe(listener: Listener): void {
    listeners.push(listener);
  },
  /** Fetches the state again; resolves false (and shows the error) when the server could not answer. */
  async reload(): Promise<boolean> {
    try {
      const next = await call('getSidebarState');
      current = next;
      listeners.forEach((listener) => listener(next));
      return true;
    } catch (error) {
      showError(error, 'Could not load Sheetgram');
      return false;
    }
  },
};

export function accountName(state: SidebarState, accountId: string): string {
  const account = state.accounts.find((a) => a.id === accountId);
  return account ? `@${account.username}` : 'a disconnected account';
}
