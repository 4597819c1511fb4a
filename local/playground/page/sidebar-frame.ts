/// <reference lib="dom" />
// The sidebar iframe: the real sidebar page with the google.script.run shim. It is reopened (reloaded)
// when something outside it changed what it shows (the clock moved, a sign-in window finished, a menu
// item ran), as a person would close and reopen it; google.script.host.close() hides it.
import { byId } from './dom';

/** Messages the shim posts to this page. */
export const SHIM_MESSAGE = 'sheetgram-playground';

export function attachSidebar(onFocusEditor: () => void): { reopen(): void } {
  const frame = byId<HTMLIFrameElement>('sidebar');
  const closed = byId('sidebar-closed');
  window.addEventListener('message', (event) => {
    if (event.origin !== location.origin || event.source !== frame.contentWindow) return;
    const data = event.data as { source?: string; type?: string } | null;
    if (data?.source !== SHIM_MESSAGE) return;
    if (data.type === 'close') {
      frame.hidden = true;
      closed.hidden = false;
    } else if (data.type === 'focus-editor') {
      onFocusEditor();
    }
  });
  return {
    reopen() {
      frame.hidden = false;
      closed.hidden = true;
      frame.contentWindow?.location.reload();
    },
  };
}
