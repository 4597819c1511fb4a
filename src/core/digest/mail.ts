// The Weekly Digest as a short e-mail: per account, the week's figures against last week's (the tab's
// figures), the best post, and two charts (followers and daily reach) the Apps Script side draws as
// inline images. Everything from Instagram or the person is escaped; a link is only ever an Instagram
// permalink. The plain-text body says the same for mail readers without HTML.
import { mailFooter } from '../accounts/mail-settings';
import { escapeHtml } from '../text/html';
import { reportTable, type FunctionSources } from '../functions/tables';
import { isoDate } from '../reports/dates';
import { change, FIGURES } from './figures';
import { byViews, type AccountWeeks, type DigestData } from './digest';
import { DIGEST_TAB } from './names';
import { dailySeries, type DayValue } from './series';
import { weekText } from './weeks';

/** A chart to draw as an image: the HTML shows it as <img src="cid:KEY">. */
export interface DigestChart {
  key: string;
  title: string;
  /** The line's name (the data table's column). */
  series: string;
  points: DayValue[];
}

export interface DigestMessage {
  subject: string;
  body: string;
  charts: DigestChart[];
  /** The HTML, with the charts that could be drawn as images and a line in place of any other. */
  html(drawn: ReadonlySet<string>): string;
}

type Part = string | DigestChart;

/** Charts for this many accounts at most: each image is a rendering that costs execution time. */
export const CHARTED_ACCOUNTS = 10;
/** The images' size in pixels, as drawn and as the HTML declares it. */
export const CHART_WIDTH = 560;
export const CHART_HEIGHT = 240;
const CAPTION_CHARS = 80;
/** Only Instagram's own post addresses become links: anything else in the tab stays text. */
const PERMALINK = /^https:\/\/(www\.)?instagram\.com\/[A-Za-z0-9_./-]+$/;

const numberText = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 2 });
const signed = (n: number) => (n > 0 ? `+${numberText(n)}` : numberText(n));
const figureText = (n: number | null) => (n === null ? '–' : numberText(n));
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();
/** At most CAPTION_CHARS characters, never cutting an emoji in half. */
const short = (text: string) => {
  const chars = Array.from(oneLine(text));
  return chars.length > CAPTION_CHARS ? `${chars.slice(0, CAPTION_CHARS - 1).join('')}…` : chars.join('');
};

interface FigureLine {
  name: string;
  now: string;
  before: string;
  change: string;
  percent: string;
}

function figureLines(a: AccountWeeks): FigureLine[] {
  return FIGURES.map((f) => {
    const [now, before] = [f.value(a.thisWeek), f.value(a.lastWeek)];
    const [diff, percent] = change(now, before);
    return {
      name: f.name, now: figureText(now), before: figureText(before),
      change: diff === '' ? '' : signed(diff), percent: percent === '' ? '' : `${signed(percent)}%`,
    };
  });
}

const CELL = 'align="right" style="border-bottom:1px solid #e0e0e0"';
const NAME_CELL = 'align="left" style="border-bottom:1px solid #e0e0e0"';

function figuresTable(lines: FigureLine[]): string {
  const head = ['Figure', 'This week', 'Last week', 'Change', 'Change (%)'].map((h, i) => `<th ${i ? CELL : NAME_CELL}>${h}</th>`).join('');
  const rows = lines.map((l) => `<tr><td ${NAME_CELL}>${escapeHtml(l.name)}</td>${[l.now, l.before, l.change, l.percent].map((v) => `<td ${CELL}>${escapeHtml(v)}</td>`).join('')}</tr>`);
  return `<table cellpadding="5" style="border-collapse:collapse;font-size:13px"><tr>${head}</tr>${rows.join('')}</table>`;
}

function bestPost(a: AccountWeeks): { html: string; text: string } | null {
  const best = byViews(a.thisWeek.posts)[0];
  if (!best) return null;
  const what = `${isoDate(best.day)}, ${best.type || 'post'}${best.label ? ` (${best.label})` : ''}: ${numberText(best.views!)} views`;
  const caption = short(best.caption);
  const link = PERMALINK.test(best.link) ? best.link : '';
  const shown = link ? `<a href="${escapeHtml(link)}">${escapeHtml(what)}</a>` : escapeHtml(what);
  return {
    html: `<p>Best post of the week: ${shown}${caption ? ` – ${escapeHtml(caption)}` : ''}</p>`,
    text: `Best post of the week: ${what}${caption ? ` – ${caption}` : ''}${link ? ` ${link}` : ''}`,
  };
}

/** UTF-8 length, worked out by hand: Apps Script has no TextEncoder. */
function utf8Bytes(text: string): number {
  let n = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    n += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return n;
}
/** Room for the accounts' parts: Google's 200 KB for text and HTML together, less the rest of the message. */
const ACCOUNTS_BYTES = 180 * 1024;
/** Accounts named in the line about those left out: the rest counted (a name list must not break the size either). */
const NAMED_LEFT = 20;

/** One account's figures, best post and charts, in HTML (a chart as a place for its image) and text. */
function accountPart(sources: FunctionSources, data: DigestData, a: AccountWeeks, i: number, zone: string): { html: Part[]; text: string[] } {
  const handle = `@${a.account.username}`;
  const lines = figureLines(a);
  const html: Part[] = [`<h2 style="font-size:16px;margin-top:24px">${escapeHtml(handle)}</h2>`, figuresTable(lines)];
  const text = [handle, ...lines.map((l) => `- ${l.name}: ${l.now} (last week ${l.before}${l.change ? `, ${l.change}` : ''}${l.percent ? `, ${l.percent}` : ''})`)];
  const best = bestPost(a);
  if (best) {
    html.push(best.html);
    text.push(best.text);
  }
  text.push('');
  if (i >= CHARTED_ACCOUNTS) return { html, text };
  const series: (Omit<DigestChart, 'points'> & { points: DayValue[]; missing: string })[] = [
    { key: `followers-${i + 1}`, title: `Followers of ${handle}`, series: 'Followers',
      points: dailySeries(reportTable(sources, a.account, 'user_information'), 'Run date', 'Followers', data.weeks, zone),
      missing: 'Followers: a chart needs User\'s Information rows on two days of these weeks.' },
    { key: `reach-${i + 1}`, title: `Daily reach of ${handle}`, series: 'Reach',
      points: dailySeries(reportTable(sources, a.account, 'account_insights'), 'Date', 'Reach', data.weeks, zone),
      missing: 'Daily reach: a chart needs Account Insights rows on two days of these weeks.' },
  ];
  for (const { missing, ...chart } of series) html.push(chart.points.length < 2 ? `<p style="color:#5f6368">${escapeHtml(missing)}</p>` : chart);
  return { html, text };
}

/**
 * The e-mail for the digest's data; `url` is the spreadsheet's address ('' when not known), `tab` the
 * digest's tab (its other name where the person has a tab called "Weekly Digest").
 */
export function digestMessage(sources: FunctionSources, data: DigestData, spreadsheetName: string, url: string, tab = DIGEST_TAB): DigestMessage {
  const zone = sources.timeZone();
  const name = oneLine(spreadsheetName) || 'your spreadsheet';
  const weeks = `This week: ${weekText(data.weeks.thisWeek)}. Last week: ${weekText(data.weeks.lastWeek)}.`;
  const html: Part[] = [
    '<div style="font-family:Arial,Helvetica,sans-serif;font-size:14px;color:#202124;max-width:640px">',
    `<h1 style="font-size:20px;font-weight:normal">Weekly Digest of ${escapeHtml(name)}</h1>`,
    `<p>${escapeHtml(weeks)} Weeks run Monday to Sunday in the spreadsheet's time zone.</p>`,
  ];
  const text: string[] = [`Weekly Digest of ${name}`, weeks, ''];
  const charts: DigestChart[] = [];
  // Google refuses a message whose text and HTML pass 200 KB: accounts beyond what fits are named, not detailed.
  let bytes = 0;
  let detailed = 0;
  for (const [i, a] of data.accounts.entries()) {
    const part = accountPart(sources, data, a, i, zone);
    bytes += utf8Bytes(part.html.map((p) => (typeof p === 'string' ? p : chartHtml(p, true))).join('\n')) + utf8Bytes(part.text.join('\n'));
    if (bytes > ACCOUNTS_BYTES) break;
    html.push(...part.html);
    text.push(...part.text);
    charts.push(...part.html.filter((p): p is DigestChart => typeof p !== 'string'));
    detailed++;
  }
  const left = data.accounts.slice(detailed).map((a) => `@${a.account.username}`);
  if (left.length) {
    const named = left.length > NAMED_LEFT ? `${left.slice(0, NAMED_LEFT).join(', ')} and ${left.length - NAMED_LEFT} others` : left.join(', ');
    const more = `${left.length} more account${left.length === 1 ? '' : 's'}, in the tab only (an e-mail has room for so much): ${named}.`;
    html.push(`<p>${escapeHtml(more)}</p>`);
    text.push(more, '');
  }
  if (detailed > CHARTED_ACCOUNTS) html.push(`<p style="color:#5f6368">Charts are drawn for the first ${CHARTED_ACCOUNTS} accounts.</p>`);
  const where = `The "${tab}" tab has the top and bottom five posts and labelled against unlabelled posts.`;
  html.push(`<p>${escapeHtml(where)}${url ? ` <a href="${escapeHtml(url)}">Open the spreadsheet</a>.` : ''}</p>`,
    `<p style="color:#5f6368;font-size:12px">${escapeHtml(mailFooter('digest').replace(/^\s*--\s*/, '').trim())}</p>`, '</div>');
  text.push(where, ...(url ? [url] : []));
  return {
    subject: `Sheetgram weekly digest: ${name}, week of ${isoDate(data.weeks.thisWeek.first)}`,
    body: `${text.join('\n')}${mailFooter('digest')}`,
    charts,
    html: (drawn) => html.map((part) => (typeof part === 'string' ? part : chartHtml(part, drawn.has(part.key)))).join('\n'),
  };
}

/** The chart's first and last figures in words: what the image shows, said where images are blocked too. */
export function chartCaption(chart: DigestChart): string {
  const [first, last] = [chart.points[0], chart.points[chart.points.length - 1]];
  return `${chart.title}, day by day: ${numberText(first.value)} on ${isoDate(first.day)}, ${numberText(last.value)} on ${isoDate(last.day)}`;
}

function chartHtml(chart: DigestChart, drawn: boolean): string {
  const caption = `<p style="margin:16px 0 4px">${escapeHtml(chartCaption(chart))}</p>`;
  if (!drawn) return `${caption}<p style="color:#5f6368;margin-top:0">The chart could not be drawn this time.</p>`;
  return `${caption}<p style="margin-top:0"><img src="cid:${chart.key}" alt="${escapeHtml(chart.title)}, day by day" width="${CHART_WIDTH}" height="${CHART_HEIGHT}" style="max-width:100%;height:auto"></p>`;
}
