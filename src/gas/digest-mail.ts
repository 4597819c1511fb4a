// The Weekly Digest by e-mail, for a person who asked for it under E-mails: after their hourly tick, once
// per Monday and spreadsheet (core/digest/mail-due.ts says when), the figures as HTML and the followers
// and reach charts drawn by the Charts service as inline PNG images. Within Google's daily e-mail quota:
// all recipients or none, tried again with the next tick when the quota is spent. What happened is a line
// of the "Sheetgram log" tab, where the person looks.
import { recipientsOf } from '../core/accounts/mail-settings';
import { digestData } from '../core/digest/digest';
import { digestMailDue, digestMailedKey } from '../core/digest/mail-due';
import { DIGEST_TAB, DIGEST_TAB_ASIDE } from '../core/digest/names';
import { CHART_HEIGHT, CHART_WIDTH, digestMessage, type DigestChart } from '../core/digest/mail';
import { isoDate } from '../core/reports/dates';
import type { RunLogEntry } from '../core/run/run-log';
import { reportTables } from './adapters/report-tables';
import type { GasContext } from './context';
import { ownAddress, readMailSettings } from './mail-settings';

/** Not started with less left: reading the tabs, drawing the charts and one e-mail must fit. */
const DIGEST_MAIL_RESERVE_MS = 60_000;
/** Before the Monday in the mark: the digest waits for Google's e-mail quota and said so already. */
const WAITING = 'waiting:';
/** No chart is drawn with less left than this: the e-mail goes with the rest said in words. */
const CHART_RESERVE_MS = 15_000;

/** A chart as a PNG blob named after its key. Days are drawn at noon UTC: the same calendar day in every zone from UTC−11 to UTC+11. */
function chartImage(chart: DigestChart): GoogleAppsScript.Base.Blob {
  const table = Charts.newDataTable().addColumn(Charts.ColumnType.DATE, 'Day').addColumn(Charts.ColumnType.NUMBER, chart.series);
  for (const p of chart.points) table.addRow([new Date(Date.UTC(p.day.year, p.day.month - 1, p.day.day, 12)), p.value]);
  return Charts.newLineChart().setDataTable(table).setTitle(chart.title).setDimensions(CHART_WIDTH, CHART_HEIGHT)
    .setLegendPosition(Charts.Position.NONE).setColors(['#1a73e8']).setPointStyle(Charts.PointStyle.MEDIUM)
    .build().getAs('image/png').setName(`${chart.key}.png`);
}

/** The digest e-mail if it is due; the log line of what happened, or null when nothing was due. */
export function digestMailAfterTick(ctx: GasContext): RunLogEntry | null {
  if (ctx.clock.now() + DIGEST_MAIL_RESERVE_MS > ctx.deadline) return null;
  const settings = readMailSettings(ctx);
  if (!settings.digest) return null;
  const props = ctx.userProps();
  const spreadsheet = ctx.spreadsheet();
  const key = digestMailedKey(spreadsheet.getId());
  const timeZone = ctx.timeZone();
  const before = props.get(key);
  const monday = digestMailDue({ now: ctx.clock.now(), timeZone, mailedFor: before ?? '', configurations: () => ctx.configs().listWithStatus() });
  if (!monday) return null;
  const line = (message: string, status: RunLogEntry['status'] = 'info'): RunLogEntry => ({
    at: ctx.clock.now(), report: 'Weekly Digest e-mail', account: '', tab: '', trigger: 'schedule', status,
    rowsAdded: 0, rowsUpdated: 0, calls: 0, durationMs: 0, message,
  });
  const to = recipientsOf(settings, 'digest', settings.to.length ? '' : ownAddress());
  // Every recipient counts toward the daily quota: all of them, or none (the next tick tries again).
  if (to.length && MailApp.getRemainingDailyQuota() < to.length) {
    // Said once: the hourly runs after it try again without a line each.
    const waiting = `${WAITING}${monday}`;
    if (before === waiting) return null;
    props.set(key, waiting);
    return line(`Not sent yet: Google's daily e-mail quota is used up (it needs ${to.length}); the hourly runs try again, until Tuesday.`, 'continues');
  }
  // Marked sent before anything is read or drawn: a store that cannot keep the mark must not mean an
  // e-mail, or twenty charts drawn, every hour. Put back if the e-mail does not go.
  try {
    props.set(key, monday);
  } catch (e) {
    return line(`Not sent: Sheetgram could not note it as sent (${e instanceof Error ? e.message : String(e)}), and would send it again every hour.`, 'failed');
  }
  try {
    if (!to.length) return line('Not sent: Google does not give your address here and none is typed under E-mails in the sidebar. Type one there.', 'failed');
    const sources = {
      configurations: () => ctx.configs().list(),
      ownerAccounts: () => ctx.accounts().list().map((a) => ({ id: a.id, username: a.username })),
      table: reportTables(spreadsheet),
      now: () => ctx.clock.now(),
      timeZone: () => timeZone,
    };
    const data = digestData(sources);
    if (!data.accounts.length) return null;
    const tab = spreadsheet.getSheetByName(DIGEST_TAB_ASIDE) ? DIGEST_TAB_ASIDE : DIGEST_TAB;
    const message = digestMessage(sources, data, spreadsheet.getName(), spreadsheet.getUrl(), tab);
    const inlineImages: Record<string, GoogleAppsScript.Base.Blob> = {};
    const undrawn: string[] = [];
    for (const chart of message.charts) {
      if (ctx.clock.now() + CHART_RESERVE_MS > ctx.deadline) {
        undrawn.push(`${chart.title} (no time left)`);
        continue;
      }
      try {
        inlineImages[chart.key] = chartImage(chart);
      } catch (e) {
        // A chart the Charts service could not draw leaves its place in words; the figures still go.
        undrawn.push(`${chart.title} (${e instanceof Error ? e.message : String(e)})`);
      }
    }
    MailApp.sendEmail({
      to: to.join(','), subject: message.subject, name: 'Sheetgram',
      body: message.body,
      htmlBody: message.html(new Set(Object.keys(inlineImages))),
      inlineImages,
    });
    const charts = `${Object.keys(inlineImages).length} chart${Object.keys(inlineImages).length === 1 ? '' : 's'}`;
    return line(`Sent the Weekly Digest of the week of ${isoDate(data.weeks.thisWeek.first)} to ${to.join(', ')}, with ${charts}.${undrawn.length ? ` Not drawn: ${undrawn.join('; ')}.` : ''}`);
  } catch (e) {
    try {
      if (before === null) props.delete(key);
      else props.set(key, before);
    } catch {
      // Not put back: it counts as sent this week, which is better than an e-mail every hour.
    }
    // The e-mail is a by-product: the runs stand; the next hourly run tries again.
    return line(`Not sent: ${e instanceof Error ? e.message : String(e)}. The next hourly run tries again, until Tuesday.`, 'failed');
  }
}
