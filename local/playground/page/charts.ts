/// <reference lib="dom" />
// Embedded charts, drawn where the sheet puts them (over the cells, at their anchor row and column):
// LINE, AREA, COLUMN, BAR and PIE with chart.js, TABLE as an HTML table, GEO as a bar chart by
// country (with a caption that says so: the playground draws no maps). Titles, labels and cells are
// text: chart.js paints them on a canvas and the table gets text nodes.
import { BarController, BarElement, CategoryScale, Chart, Filler, Legend, LinearScale, LineController, LineElement, PointElement, PieController, ArcElement, Tooltip, type ChartConfiguration } from 'chart.js';
import { getJson, type ChartView } from './api';
import { clear, el } from './dom';
import { ROW_HEIGHT, type Grid } from './grid';

Chart.register(BarController, BarElement, CategoryScale, Filler, Legend, LinearScale, LineController, LineElement, PointElement, PieController, ArcElement, Tooltip);

const COLORS = ['#4285f4', '#db4437', '#f4b400', '#0f9d58', '#ab47bc', '#00acc1', '#ff7043', '#9e9d24', '#5c6bc0', '#f06292'];
const live: Chart[] = [];
let drawing = 0;

/** Redraws the tab's charts; a newer call wins over one still waiting for its data. */
export async function drawCharts(grid: Grid, tab: string): Promise<void> {
  const ticket = ++drawing;
  let charts: ChartView[];
  try {
    charts = await getJson<ChartView[]>(`/api/charts?tab=${encodeURIComponent(tab)}`);
  } catch {
    return;
  }
  if (ticket !== drawing) return;
  while (live.length) live.pop()?.destroy();
  clear(grid.overlay);
  for (const chart of charts) grid.overlay.append(chartBox(grid, chart));
  // The grid grows to take in the charts, so the lowest one can be scrolled to.
  const rows = Math.max(0, ...charts.map((c) => c.row + Math.ceil((c.offsetY + c.height) / ROW_HEIGHT)));
  const columns = Math.max(0, ...charts.map((c) => grid.columnAt(grid.columnBox(c.column).left + c.offsetX + c.width)));
  grid.reserve(rows, columns);
}

function chartBox(grid: Grid, chart: ChartView): HTMLElement {
  const { left } = grid.columnBox(chart.column);
  const box = el('figure', {
    class: 'chart', role: 'figure', 'aria-label': `${chartKindName(chart.type)}: ${chart.title || 'untitled'}`, 'data-chart-type': chart.type,
    // The grid moves the chart when the widths of the columns left of its anchor arrive or change.
    'data-column': chart.column, 'data-offset-x': chart.offsetX,
    style: `left:${left + chart.offsetX}px;top:${grid.rowTop(chart.row) + chart.offsetY}px;width:${chart.width}px;height:${chart.height}px`,
  }, el('h3', {}, chart.title));
  const caption = [
    chart.type === 'GEO' ? 'Geo chart drawn as a bar chart by country: the playground draws no maps.' : '',
    chart.note ?? (chart.rows.length === 0 ? 'No data in the chart\'s range yet.' : ''),
  ].filter(Boolean).join(' ');
  if (chart.type === 'TABLE') {
    box.append(tableOf(chart));
  } else {
    const canvas = el('canvas', { role: 'img', 'aria-label': describe(chart) });
    const holder = el('div', { style: `position:relative;height:${Math.max(80, chart.height - (caption ? 64 : 44))}px` }, canvas);
    box.append(holder);
    // Drawn after the box is in the page, so chart.js can measure it.
    requestAnimationFrame(() => {
      if (!canvas.isConnected) return;
      live.push(new Chart(canvas, config(chart)));
    });
  }
  if (caption) box.append(el('figcaption', { class: 'caption' }, caption));
  return box;
}

function chartKindName(type: string): string {
  return { LINE: 'Line chart', AREA: 'Area chart', COLUMN: 'Column chart', BAR: 'Bar chart', PIE: 'Pie chart', TABLE: 'Table chart', GEO: 'Geo chart' }[type] ?? `${type} chart`;
}

/** A sentence for screen readers: the series and how many points. */
function describe(chart: ChartView): string {
  const series = chart.headers.slice(1).join(', ') || 'no series';
  return `${chartKindName(chart.type)} of ${series}: ${chart.rows.length} points by ${chart.headers[0] || 'row'}`;
}

function tableOf(chart: ChartView): HTMLElement {
  return el('table', {},
    el('thead', {}, el('tr', {}, ...chart.headers.map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, ...chart.rows.map((row) => el('tr', {}, ...row.map((cell) => el('td', {}, cell === null ? '' : String(cell)))))));
}

function numeric(value: string | number | null): number | null {
  return typeof value === 'number' ? value : null;
}

function config(chart: ChartView): ChartConfiguration {
  const labels = chart.rows.map((r) => (r[0] === null ? '' : String(r[0])));
  const options = chart.options;
  const legend = String(options['legend.position'] ?? options.legend ?? '').toLowerCase();
  const colors = Array.isArray(options.colors) ? (options.colors as string[]) : COLORS;
  const stacked = options.isStacked === true || options.isStacked === 'true';
  const plugins = {
    legend: { display: legend !== 'none' && (chart.type === 'PIE' || chart.headers.length > 2), position: (['top', 'bottom', 'left', 'right'].includes(legend) ? legend : 'bottom') as 'top' | 'bottom' | 'left' | 'right' },
    tooltip: { enabled: true },
  };
  const datasets = chart.headers.slice(1).map((header, i) => ({ label: header, data: chart.rows.map((r) => numeric(r[i + 1])) }));
  if (chart.type === 'PIE') {
    const pie: ChartConfiguration<'pie'> = {
      type: 'pie',
      data: { labels, datasets: datasets.slice(0, 1).map((d) => ({ ...d, data: d.data.map((v) => v ?? 0), backgroundColor: labels.map((_, j) => colors[j % colors.length]) })) },
      options: { animation: false, responsive: true, maintainAspectRatio: false, cutout: `${Math.round(Number(options.pieHole ?? 0) * 100)}%`, plugins },
    };
    return pie as unknown as ChartConfiguration;
  }
  const horizontal = chart.type === 'BAR' || chart.type === 'GEO';
  const line = chart.type === 'LINE' || chart.type === 'AREA';
  const axisTitle = (key: string) => (options[key] === undefined ? { display: false } : { display: true, text: String(options[key]) });
  const scales = {
    x: { stacked, title: axisTitle(horizontal ? 'vAxis.title' : 'hAxis.title') },
    y: { stacked, beginAtZero: !line, title: axisTitle(horizontal ? 'hAxis.title' : 'vAxis.title') },
  };
  return {
    type: line ? 'line' : 'bar',
    data: {
      labels,
      datasets: datasets.map((d, i) => ({
        ...d, borderColor: colors[i % colors.length], backgroundColor: line && chart.type !== 'AREA' ? colors[i % colors.length] : `${colors[i % colors.length]}cc`,
        fill: chart.type === 'AREA', tension: options.curveType === 'function' ? 0.35 : 0, pointRadius: line ? 2 : undefined, spanGaps: true,
      })),
    },
    options: { animation: false, responsive: true, maintainAspectRatio: false, indexAxis: horizontal ? 'y' : 'x', scales, plugins },
  } as ChartConfiguration;
}
