// The add-on's Apps Script globals. Every export here becomes a top-level function in dist/Code.js
// (see esbuild.config.mjs); each is an adapter that builds the ports and hands over to src/core.
// Nothing runs at module load: Apps Script evaluates this file in every auth mode, including
// AuthMode.NONE and custom functions, where most services throw.

export { onOpen, onInstall } from './menu';
export { showSidebar } from './sidebar';
export { getSidebarState } from './sidebar-state';
export { getConnectUrl, authCallback, disconnectAccount } from './accounts';
export { saveConfiguration, deleteConfiguration, runConfigurationNow, runAllNow, openLogTab, getRunProgress, describeTab } from './reports';
export { saveMailSettings } from './mail-settings';
export { saveAlerts } from './alerts';
export { startRepair, cancelRepair } from './repair';
export { checkBigQuery } from './bigquery';
export { runScheduledReports } from './scheduler';
export * from './custom-functions';
export { createDashboard, createCombinedDashboard } from './dashboard';
