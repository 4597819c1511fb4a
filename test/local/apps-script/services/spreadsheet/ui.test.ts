import { describe, expect, it } from 'vitest';
import { createSpreadsheetApp, SPREADSHEET_ERRORS } from '../../../../../local/apps-script/services/spreadsheet';
import { BOB, setup } from './test-platform';

const htmlOutput = (title: string, content: string) => ({ getTitle: () => title, getContent: () => content });

describe('Ui', () => {
  it('records add-on and custom menus per user, with separators and submenus', () => {
    const { app, platform, workbook } = setup();
    const ui = app.getUi();
    const more = ui.createMenu('More').addItem('About', 'showAbout');
    ui.createAddonMenu().addItem('Open sidebar', 'showSidebar').addSeparator().addSubMenu(more).addToUi();
    expect(workbook.ui.menus('alice')).toEqual([
      {
        title: 'Sheetgram', addon: true,
        entries: [
          { kind: 'item', caption: 'Open sidebar', functionName: 'showSidebar' },
          { kind: 'separator' },
          { kind: 'submenu', menu: { title: 'More', addon: false, entries: [{ kind: 'item', caption: 'About', functionName: 'showAbout' }] } },
        ],
      },
    ]);
    expect(workbook.ui.menus(BOB.id)).toEqual([]);
    platform.run({ user: BOB });
    createSpreadsheetApp(platform, workbook).getUi().createAddonMenu().addItem('Open sidebar', 'showSidebar').addToUi();
    createSpreadsheetApp(platform, workbook).getUi().createAddonMenu().addItem('Open sidebar', 'showSidebar').addToUi();
    expect(workbook.ui.menus(BOB.id)).toHaveLength(1);
  });

  it('shows sidebars and dialogs only in FULL mode', () => {
    const { app, platform, workbook } = setup();
    app.getUi().showSidebar(htmlOutput('Sheetgram', '<p>hi</p>') as never);
    expect(workbook.ui.lastSidebar('alice')).toMatchObject({ kind: 'sidebar', title: 'Sheetgram', html: '<p>hi</p>' });
    app.getUi().showModalDialog(htmlOutput('', '<p>d</p>') as never, 'Connect');
    expect(workbook.ui.shown.at(-1)).toMatchObject({ kind: 'modal-dialog', title: 'Connect' });
    for (const authMode of ['LIMITED', 'NONE'] as const) {
      platform.run({ authMode, kind: 'simple-trigger' });
      expect(() => createSpreadsheetApp(platform, workbook).getUi().showSidebar(htmlOutput('x', 'y') as never)).toThrow(
        'Specified permissions are not sufficient to call Ui.showSidebar',
      );
    }
    expect(workbook.ui.shown).toHaveLength(2);
  });

  it('answers alerts from the queued button choices and throws when none is queued', () => {
    const { app, workbook } = setup();
    const ui = app.getUi();
    expect(() => ui.alert('Disconnect?', ui.ButtonSet.YES_NO)).toThrow('no answer is queued');
    workbook.ui.answerNextAlert('YES');
    workbook.ui.answerNextAlert('CLOSE');
    expect(ui.alert('Sheetgram', 'Disconnect @shop?', ui.ButtonSet.YES_NO)).toBe(ui.Button.YES);
    expect(ui.alert('Done')).toBe(ui.Button.CLOSE);
    expect(workbook.ui.alerts.map((a) => [a.title, a.prompt, a.buttons, a.answer])).toEqual([
      ['Sheetgram', 'Disconnect @shop?', 'YES_NO', 'YES'],
      [undefined, 'Done', 'OK', 'CLOSE'],
    ]);
    workbook.ui.answerNextAlert('YES');
    expect(() => ui.alert('Only OK')).toThrow('not a button of ButtonSet.OK');
  });

  it('counts Ui and Menu calls and keeps the getUi message in one place', () => {
    const { app, platform } = setup();
    platform.counters.reset();
    app.getUi().createAddonMenu().addItem('a', 'b').addToUi();
    expect(platform.counters.snapshot()).toEqual({ 'Menu.addItem': 1, 'Menu.addToUi': 1, 'SpreadsheetApp.getUi': 1, 'Ui.createAddonMenu': 1 });
    expect(SPREADSHEET_ERRORS.getUiContext).toBe('Cannot call SpreadsheetApp.getUi() from this context.');
  });
});
