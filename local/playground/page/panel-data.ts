/// <reference lib="dom" />
// The data of a bottom panel (BigQuery, E-mails): fetched when the panel opens, and again at a poll that
// says the server's data moved, only while the panel is open; one request at a time.
import { getJson } from './api';

export interface PanelData {
  /** The server's data version at the latest poll. */
  follow(version: number): void;
  /** Whether the panel shows the data of this version. */
  shows(version: number): boolean;
}

export function panelData<T>(panel: () => HTMLDetailsElement, url: string, draw: (view: T) => void): PanelData {
  let drawnVersion = -1;
  let latestVersion = 0;
  let loading: Promise<void> | null = null;
  const refresh = async (): Promise<void> => {
    if (!panel().open || drawnVersion === latestVersion || loading) return;
    const version = latestVersion;
    loading = getJson<T>(url)
      .then((view) => {
        drawnVersion = version;
        draw(view);
      })
      .catch(() => { /* The server is busy; the next poll asks again. */ })
      .finally(() => { loading = null; });
    await loading;
  };
  panel().addEventListener('toggle', () => void refresh());
  return {
    follow(version) {
      latestVersion = version;
      void refresh();
    },
    shows: (version) => drawnVersion === version,
  };
}
