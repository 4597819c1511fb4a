// The Extensions > Sheetgram menu. onOpen runs in AuthMode.NONE (installed, not enabled in this file)
// or LIMITED, so it may only add menu items: no properties, no fetches, no sidebar.

export function onOpen(_e?: GoogleAppsScript.Events.SheetsOnOpen): void {
  SpreadsheetApp.getUi().createAddonMenu().addItem('Open sidebar', 'showSidebar').addToUi();
}

/** Runs in FULL right after installation; the document is already open, so build the menu now. */
export function onInstall(e?: GoogleAppsScript.Events.AddonOnInstall): void {
  onOpen(e as unknown as GoogleAppsScript.Events.SheetsOnOpen);
}
