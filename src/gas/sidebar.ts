// Opens the Sheetgram sidebar (from the menu, so always in AuthMode.FULL).

export function showSidebar(): void {
  const html = HtmlService.createHtmlOutputFromFile('sidebar').setTitle('Sheetgram');
  SpreadsheetApp.getUi().showSidebar(html);
}
