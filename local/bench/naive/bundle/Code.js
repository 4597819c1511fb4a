/*
 * NAIVE REFERENCE CONNECTOR - NOT SHEETGRAM.
 *
 * A deliberately plain Apps Script written for the bench (local/bench) so that Sheetgram's figures
 * have something to stand next to. It follows the approach common in public Instagram-to-Sheets
 * scripts: the token pasted into Script Properties, default page sizes, no field expansion (insights
 * are fetched with one call per post), one appendRow per row, and every run reads everything again. It
 * keeps no call counter in a property (no real script of this kind writes a property per call). It runs
 * in the same local Apps Script runtime against the same simulator, so its numbers are measured the same
 * way.
 *
 * Script Properties it reads (the bench sets them): NAIVE_TOKEN, NAIVE_IG_USER_ID, NAIVE_GRAPH_BASE
 * (e.g. https://graph.instagram.com/v27.0/), NAIVE_REPORTS (comma-separated report ids).
 */
/* global PropertiesService, UrlFetchApp, SpreadsheetApp, ScriptApp */

var NAIVE_MEDIA_METRICS = 'views,reach,likes,comments,saved,shares,total_interactions';
var NAIVE_TOTAL_METRICS = 'views,accounts_engaged,total_interactions,likes,comments,saves,shares';
var NAIVE_SERIES_METRICS = 'reach,follower_count';
var NAIVE_DAY_SECONDS = 86400;

function naiveSettings() {
  var props = PropertiesService.getScriptProperties();
  return {
    token: props.getProperty('NAIVE_TOKEN'),
    user: props.getProperty('NAIVE_IG_USER_ID'),
    base: props.getProperty('NAIVE_GRAPH_BASE'),
    reports: (props.getProperty('NAIVE_REPORTS') || 'user_information,recent_media,media_insights,account_insights').split(','),
  };
}

/** One GET; errors come back as JSON instead of throwing. */
function naiveGet(settings, path, query) {
  var url = settings.base + path + '?' + query + '&access_token=' + encodeURIComponent(settings.token);
  var response = UrlFetchApp.fetch(url, { muteHttpExceptions: true });
  return JSON.parse(response.getContentText());
}

function naiveSheet(name, header) {
  var spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  var sheet = spreadsheet.getSheetByName(name) || spreadsheet.insertSheet(name);
  if (sheet.getLastRow() === 0) sheet.appendRow(header);
  return sheet;
}

/**
 * Every page of the media list, 25 posts a page (the default). It pages with the `after` cursor: the
 * local simulator's `paging.next` links point at the simulator's own address, which the manifest's
 * allowlist refuses (see the bench report); the calls made are the same.
 */
function naiveAllMedia(settings, fields) {
  var media = [];
  var page = naiveGet(settings, settings.user + '/media', 'fields=' + fields);
  while (page && page.data) {
    media = media.concat(page.data);
    if (!page.paging || !page.paging.next || !page.paging.cursors) break;
    page = naiveGet(settings, settings.user + '/media', 'fields=' + fields + '&after=' + encodeURIComponent(page.paging.cursors.after));
  }
  return media;
}

function naiveUserInformation(settings) {
  var sheet = naiveSheet('Naive user information', ['Date', 'Id', 'Username', 'Followers', 'Follows', 'Posts']);
  var me = naiveGet(settings, settings.user, 'fields=id,username,followers_count,follows_count,media_count');
  sheet.appendRow([new Date(), me.id, me.username, me.followers_count, me.follows_count, me.media_count]);
}

function naiveRecentMedia(settings) {
  var sheet = naiveSheet('Naive recent media', ['Id', 'Timestamp', 'Type', 'Caption', 'Permalink', 'Likes', 'Comments']);
  sheet.clearContents();
  sheet.appendRow(['Id', 'Timestamp', 'Type', 'Caption', 'Permalink', 'Likes', 'Comments']);
  var media = naiveAllMedia(settings, 'id,timestamp,media_type,caption,permalink,like_count,comments_count');
  for (var i = 0; i < media.length; i++) {
    var m = media[i];
    sheet.appendRow([m.id, m.timestamp, m.media_type, m.caption || '', m.permalink, m.like_count, m.comments_count]);
  }
}

function naiveMediaInsights(settings) {
  var header = ['Id', 'Timestamp'].concat(NAIVE_MEDIA_METRICS.split(','));
  var sheet = naiveSheet('Naive media insights', header);
  sheet.clearContents();
  sheet.appendRow(header);
  var media = naiveAllMedia(settings, 'id,timestamp,media_type');
  for (var i = 0; i < media.length; i++) {
    var insights = naiveGet(settings, media[i].id + '/insights', 'metric=' + NAIVE_MEDIA_METRICS);
    var values = {};
    (insights.data || []).forEach(function (d) { values[d.name] = d.values && d.values[0] ? d.values[0].value : ''; });
    sheet.appendRow([media[i].id, media[i].timestamp].concat(NAIVE_MEDIA_METRICS.split(',').map(function (k) { return values[k] === undefined ? '' : values[k]; })));
  }
}

/** The last 30 days on the first run, yesterday afterwards; two calls per day. */
function naiveAccountInsights(settings) {
  var header = ['Day'].concat(NAIVE_SERIES_METRICS.split(','), NAIVE_TOTAL_METRICS.split(','));
  var sheet = naiveSheet('Naive account insights', header);
  var props = PropertiesService.getScriptProperties();
  var days = props.getProperty('NAIVE_ACCOUNT_DONE') ? 1 : 30;
  var today = Math.floor(Date.now() / 1000 / NAIVE_DAY_SECONDS) * NAIVE_DAY_SECONDS;
  for (var d = days; d >= 1; d--) {
    var since = today - d * NAIVE_DAY_SECONDS;
    var range = '&period=day&since=' + since + '&until=' + (since + NAIVE_DAY_SECONDS);
    var row = [new Date(since * 1000)];
    var series = naiveGet(settings, settings.user + '/insights', 'metric=' + NAIVE_SERIES_METRICS + '&metric_type=time_series' + range);
    NAIVE_SERIES_METRICS.split(',').forEach(function (name) {
      var entry = (series.data || []).filter(function (x) { return x.name === name; })[0];
      row.push(entry && entry.values && entry.values[0] ? entry.values[0].value : '');
    });
    var totals = naiveGet(settings, settings.user + '/insights', 'metric=' + NAIVE_TOTAL_METRICS + '&metric_type=total_value' + range);
    NAIVE_TOTAL_METRICS.split(',').forEach(function (name) {
      var entry = (totals.data || []).filter(function (x) { return x.name === name; })[0];
      row.push(entry && entry.total_value ? entry.total_value.value : '');
    });
    sheet.appendRow(row);
  }
  props.setProperty('NAIVE_ACCOUNT_DONE', 'yes');
}

var NAIVE_REPORT_FUNCTIONS = {
  user_information: naiveUserInformation,
  recent_media: naiveRecentMedia,
  media_insights: naiveMediaInsights,
  account_insights: naiveAccountInsights,
};

/** Runs the chosen reports one after the other (run by hand, and by the daily trigger). */
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- a global Apps Script runs by name
function runNaiveReports() {
  var settings = naiveSettings();
  settings.reports.forEach(function (id) { NAIVE_REPORT_FUNCTIONS[id](settings); });
}

/** What a person runs once from the script editor: a daily trigger at 06:00. */
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- a global Apps Script runs by name
function installNaiveTrigger() {
  ScriptApp.newTrigger('runNaiveReports').timeBased().everyDays(1).atHour(6).create();
}
