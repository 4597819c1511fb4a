/*
 * Bench probe: writes synthetic rows into the local runtime's spreadsheet, so the bench can time the
 * runtime's own real (wall-clock) cost per 1,000 rows apart from any report logic or network.
 */
/* global SpreadsheetApp */

function probeRow(i, columns) {
  var row = [];
  for (var c = 0; c < columns; c++) {
    var kind = c % 4;
    row.push(kind === 0 ? 'post ' + i + ' caption ' + c : kind === 1 ? i * 31 + c : kind === 2 ? new Date(Date.UTC(2026, 0, 1) + i * 60000) : i % 2 === 0);
  }
  return row;
}

/** One setValues for the whole block, as Sheetgram writes. */
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- a global Apps Script runs by name
function probeSetValues(name, rows, columns) {
  var spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  var sheet = spreadsheet.insertSheet(name);
  var values = [];
  for (var i = 0; i < rows; i++) values.push(probeRow(i, columns));
  if (rows > sheet.getMaxRows()) sheet.insertRowsAfter(sheet.getMaxRows(), rows - sheet.getMaxRows());
  sheet.getRange(1, 1, rows, columns).setValues(values);
}

/** One appendRow per row, as naive scripts write. */
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- a global Apps Script runs by name
function probeAppendRows(name, rows, columns) {
  var sheet = SpreadsheetApp.getActiveSpreadsheet().insertSheet(name);
  for (var i = 0; i < rows; i++) sheet.appendRow(probeRow(i, columns));
}
