// dist/Code.js in the local runtime: the globals Apps Script needs exist, the top level calls no service
// (it runs in every auth mode), the menu builds in NONE and LIMITED, and the sidebar opens in FULL.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createRuntime } from '../../local/apps-script/runtime';

const GLOBALS = ['onOpen', 'onInstall', 'showSidebar', 'getSidebarState', 'getConnectUrl', 'authCallback', 'disconnectAccount', 'saveConfiguration',
  'deleteConfiguration', 'runConfigurationNow', 'runAllNow', 'openLogTab', 'saveMailSettings', 'getRunProgress', 'runScheduledReports', 'createDashboard', 'startRepair', 'cancelRepair', 'checkBigQuery',
  'IG_FOLLOWERS', 'IG_FOLLOWS', 'IG_MEDIA_COUNT', 'IG_PROFILE', 'IG_HISTORY', 'IG_METRIC', 'IG_POSTS', 'IG_ENGAGEMENT_RATE'];

describe('dist/Code.js', () => {
  it('loads without calling any service and defines every entry point', () => {
    const rt = createRuntime({ bundleDir: 'dist' });
    expect(rt.loadError).toBeUndefined();
    expect(rt.topLevelCalls).toEqual({});
    const code = readFileSync('dist/Code.js', 'utf8');
    for (const name of GLOBALS) expect(code, name).toMatch(new RegExp(`^function ${name}\\(`, 'm'));
    // A custom function runs in its restricted mode without failing on the way in.
    expect(rt.callCustomFunction('IG_FOLLOWERS')).toBe('Connect an account in Extensions > Sheetgram > Open sidebar');
  });

  it('adds the Sheetgram menu in AuthMode.NONE and LIMITED without touching authorised services', () => {
    for (const authMode of ['NONE', 'LIMITED'] as const) {
      const rt = createRuntime({ bundleDir: 'dist' });
      rt.call('onOpen', [{ authMode }], { authMode });
      const [menu] = rt.workbook.ui.menus(rt.owner.id);
      expect(menu).toMatchObject({ addon: true, entries: [{ kind: 'item', caption: 'Open sidebar', functionName: 'showSidebar' }] });
      expect(Object.keys(rt.counters.snapshot()).filter((k) => !/^(SpreadsheetApp\.getUi|Ui\.|Menu\.)/.test(k))).toEqual([]);
    }
  });

  it('onInstall builds the menu too, and showSidebar opens the sidebar titled Sheetgram', () => {
    const rt = createRuntime({ bundleDir: 'dist' });
    rt.call('onInstall', [{ authMode: 'FULL' }]);
    expect(rt.workbook.ui.menus(rt.owner.id)).toHaveLength(1);
    rt.call('showSidebar');
    const sidebar = rt.workbook.ui.lastSidebar(rt.owner.id)!;
    expect(sidebar.title).toBe('Sheetgram');
    expect(sidebar.html).toContain('<main id="app">');
    expect(sidebar.html).toMatch(/<script>[\s\S]*google\.script\.run/);
  });
});
