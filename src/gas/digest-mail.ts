// The Weekly Digest by e-mail, for a person who asked for it under E-mails: after their hourly tick, once
// per Monday and spreadsheet (core/digest/mail-due.ts says when), the figures as HTML and the followers
// and reach charts drawn by the Charts service as inline PNG images. Within Google's daily e-mail quota:
// all recipients or none, tried again with the next tick when the quota is spent.
import { recipientsOf } from '../core/accounts/mail-settings';
import { digestData } from '../core/digest/digest';
import { digestMailDue, digestMailedKey } from '../core/digest/mail-due';
import { CHART_HEIGHT, CHART_WIDTH, digestMessage, type DigestChart } from '../core/digest/mail';
import { reportTables } from './adapters/report-tables';
import type { GasContext } from './context';
import { ownAddress, readMailSettings } from './mail-settings';

/** Not started with less left: reading the tabs, drawing up to 20 charts and one e-mail must fit. */
const DIGEST_MAIL_RESERVE_MS = 60_000;

/** A chart as a PNG blob named after its key. Days are drawn at noon UTC: the same calendar day in every zone from UTC−11 to UTC+11. */
function chartImage(chart: DigestChart): GoogleAppsScript.Base.Blob {
  const table = Charts.newDataTable().addColumn(Charts.ColumnType.DATE, 'Day').addColumn(Charts.ColumnType.NUMBER, chart.series);
  for (const p of chart.points) table.addRow([new Date(Date.UTC(p.day.year, p.day.month - 1, p.day.day, 12)), p.value]);
  return Charts.newLineChart().setDataTable(table).setTitle(chart.title).setDimensions(CHART_WIDTH, CHART_HEIGHT)
    .setLegendPosition(Charts.Position.NONE).setColors(['#1a73e8']).setPointStyle(Charts.PointStyle.MEDIUM)
    .build().getAs('image/png').setName(`${chart.key}.png`);
}

export function digestMailAfterTick(ctx: GasContext): void {
  if (ctx.clock.now() + DIGEST_MAIL_RESERVE_MS > ctx.deadline) return;
  const settings = readMailSettings(ctx);
  if (!settings.digest) return;
  const store = ctx.documentProps();
  const key = digestMailedKey(ctx.userKey());
  const timeZone = ctx.timeZone();
  const monday = digestMailDue({
    now: ctx.clock.now(), timeZone, mailedFor: store.get(key) ?? '',
    configurations: ctx.configs().listWithStatus().map(({ config, status }) => ({ config, lastRunAt: status.lastRunAt })),
  });
  if (!monday) return;
  try {
    const sources = {
      configurations: () => ctx.configs().list(),
      ownerAccounts: () => ctx.accounts().list().map((a) => ({ id: a.id, username: a.username })),
      table: reportTables(ctx.spreadsheet()),
      now: () => ctx.clock.now(),
      timeZone: () => timeZone,
    };
    const data = digestData(sources);
    if (!data.accounts.length) return;
    const to = recipientsOf(settings, 'digest', settings.to.length ? '' : ownAddress());
    if (!to.length) {
      ctx.log.warn('Weekly Digest e-mail: no address to send it to. Type one under E-mails in the sidebar.');
      store.set(key, monday);
      return;
    }
    // Every recipient counts toward the daily quota: all of them, or none (the next tick tries again).
    if (MailApp.getRemainingDailyQuota() < to.length) {
      ctx.log.warn(`Weekly Digest e-mail waits: Google's daily e-mail quota is used up (it needs ${to.length}); the next run tries again.`);
      return;
    }
    const spreadsheet = ctx.spreadsheet();
    const message = digestMessage(sources, data, spreadsheet.getName(), spreadsheet.getUrl());
    const inlineImages: Record<string, GoogleAppsScript.Base.Blob> = {};
    for (const chart of message.charts) {
      try {
        inlineImages[chart.key] = chartImage(chart);
      } catch (e) {
        // A chart the Charts service could not draw leaves its place in words; the figures still go.
        ctx.log.warn(`Weekly Digest e-mail: the chart "${chart.title}" could not be drawn: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    MailApp.sendEmail({
      to: to.join(','), subject: message.subject, name: 'Sheetgram',
      body: message.body,
      htmlBody: message.html(new Set(Object.keys(inlineImages))),
      inlineImages,
    });
    store.set(key, monday);
    ctx.log.info(`Weekly Digest e-mailed to ${to.length} address${to.length === 1 ? '' : 'es'} (${Object.keys(inlineImages).length} charts).`);
  } catch (e) {
    // The e-mail is a by-product: its failure is said in the log, the runs stand; the next tick tries again.
    ctx.log.warn(`Weekly Digest e-mail: ${e instanceof Error ? e.message : String(e)}`);
  }
}
