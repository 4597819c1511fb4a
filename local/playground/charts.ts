// Embedded charts as the page draws them: what the runtime keeps about each chart of a tab (type,
// anchor, options; Workbook.charts) and its data (Workbook.chartData: the ranges side by side, formulas
// evaluated), turned into a header row and rows of numbers and labels. Dates become the date text the
// sheet shows (yyyy-mm-dd in the spreadsheet's zone), so the page never parses anything.
import type { CellValue, Workbook } from '../apps-script/services/spreadsheet';
import type { ChartView } from './views';

/** Sheets' size for a new embedded chart, in pixels. */
const DEFAULT_WIDTH = 600;
const DEFAULT_HEIGHT = 371;

const isDate = (v: unknown): v is Date => Object.prototype.toString.call(v) === '[object Date]';

function dateText(d: Date, timeZone: string): string {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
  }).formatToParts(d).map((p) => [p.type, p.value]));
  const day = `${parts.year}-${parts.month}-${parts.day}`;
  return parts.hour === '00' && parts.minute === '00' ? day : `${day} ${parts.hour}:${parts.minute}`;
}

function chartValue(v: CellValue, timeZone: string): string | number | null {
  if (v === '') return null;
  if (typeof v === 'number') return v;
  if (isDate(v)) return dateText(v, timeZone);
  return String(v);
}

/** Only plain values cross to the page (options may hold nested objects from the builder). */
function plainOptions(options: Record<string, unknown>): Record<string, unknown> {
  return JSON.parse(JSON.stringify(options)) as Record<string, unknown>;
}

export function chartsOf(workbook: Workbook, tabName: string): ChartView[] {
  if (!workbook.sheetNamed(tabName)) return [];
  return workbook.charts(tabName).map((info) => {
    const options = plainOptions(info.options);
    const view: ChartView = {
      id: String(info.id), type: info.type, title: typeof options.title === 'string' ? options.title : '',
      ...info.position,
      width: Number(options.width) || DEFAULT_WIDTH, height: Number(options.height) || DEFAULT_HEIGHT,
      headers: [], rows: [], options,
    };
    let data: CellValue[][];
    try {
      data = workbook.chartData(tabName, info.id);
    } catch (error) {
      // Said under the chart instead of drawing something plausible.
      return { ...view, note: `The local runtime could not read this chart's data: ${error instanceof Error ? error.message : String(error)}` };
    }
    const width = Math.max(0, ...data.map((r) => r.length));
    // numHeaders -1 lets Sheets guess; a first row of text over numbers is what it takes as headers.
    const headed = info.numHeaders > 0 || (info.numHeaders < 0 && data.length > 1 && data[0].every((v) => typeof v === 'string') && data[1].some((v) => typeof v === 'number'));
    view.headers = headed ? (data[0] ?? []).map((v) => String(chartValue(v, workbook.timeZone) ?? '')) : Array.from({ length: width }, (_, i) => (i === 0 ? '' : `Series ${i}`));
    view.rows = (headed ? data.slice(1) : data)
      .map((r) => r.map((v) => chartValue(v, workbook.timeZone)))
      .filter((r) => r.some((v) => v !== null));
    return view;
  });
}
