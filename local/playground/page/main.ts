/// <reference lib="dom" />
// The playground page: polls the server's state and redraws what changed (the tabs, the grid and its
// charts, the clock, the menu, the BigQuery and E-mails panels), and reopens the sidebar when something outside it
// changed its data.
import { getJson, type StateView } from './api';
import { attachBigQuery, followBigQuery } from './bigquery';
import { drawCharts } from './charts';
import { attachControls, renderControls } from './controls';
import { byId } from './dom';
import { attachFormulaBar } from './formula-bar';
import { Grid } from './grid';
import { attachMail, followMail } from './mail';
import { attachSidebar } from './sidebar-frame';
import { attachTabKeys, renderTabs } from './tabs';

const POLL_MS = 700;

const gridElement = byId('grid');
let formulaBar: ReturnType<typeof attachFormulaBar> | null = null;
const grid = new Grid(gridElement, {
  onSelect: (at, cell) => formulaBar?.show(at, cell),
  onEdit: (initial) => formulaBar?.edit(initial),
});
formulaBar = attachFormulaBar(grid, gridElement, () => void poll());
const sidebar = attachSidebar(() => gridElement.focus());
attachTabKeys(byId('tabs'));
attachControls({ refresh: () => void poll() });
attachBigQuery();
attachMail();

let selectedTab: string | null = null;
let drawn = { tab: '', data: 0 };
let sidebarVersion: number | null = null;
let activations: number | null = null;
let polling: Promise<void> | null = null;

function choose(name: string): void {
  selectedTab = name;
  void poll();
}

function apply(state: StateView): void {
  renderControls(state, { refresh: () => void poll() }, () => sidebar.reopen());
  const visible = state.tabs.filter((t) => !t.hidden);
  // The script showed a tab (Open the log: setActiveSheet): the grid shows it, as Sheets does.
  if (activations !== null && activations !== state.activations) selectedTab = state.activeTab;
  activations = state.activations;
  if (!selectedTab || !visible.some((t) => t.name === selectedTab)) selectedTab = visible.find((t) => t.name === state.activeTab)?.name ?? visible[0]?.name ?? null;
  renderTabs(byId('tabs'), state.tabs, selectedTab ?? '', choose);
  const tab = visible.find((t) => t.name === selectedTab);
  if (tab && (drawn.tab !== tab.name || drawn.data !== state.versions.data)) {
    drawn = { tab: tab.name, data: state.versions.data };
    grid.show(tab, state.versions.data);
    void drawCharts(grid, tab.name);
  }
  followBigQuery(state.versions.data);
  followMail(state.mail, state.versions.data);
  if (sidebarVersion !== null && sidebarVersion !== state.versions.sidebar) sidebar.reopen();
  sidebarVersion = state.versions.sidebar;
}

/** One poll at a time; a poll asked for meanwhile joins the one in flight and then runs again. */
function poll(): Promise<void> {
  if (polling) return polling.then(() => poll());
  polling = getJson<StateView>('/api/state')
    .then(apply)
    .catch(() => { /* The server is busy running something or restarting; the next tick tries again. */ })
    .finally(() => { polling = null; });
  return polling;
}

async function loop(): Promise<void> {
  for (;;) {
    await poll();
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

void loop();
