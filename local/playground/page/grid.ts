/// <reference lib="dom" />
// The grid: a tab's display values, drawn a screenful at a time (rows are fetched a page of 100 at a
// time and only the visible ones are in the DOM), so a 10,000-row tab scrolls as fast as a 10-row one.
// The column letters and the sheet's frozen rows stay on top; one cell is active, moved with the
// arrow keys or the mouse, and Enter or typing edits it in the formula bar.
import { getJson, type CellView, type RowsView, type TabView } from './api';
import { clear, el } from './dom';

export const ROW_HEIGHT = 24;
export const ROW_HEADER_WIDTH = 46;
const DEFAULT_WIDTH = 100;
const PAGE_ROWS = 100;
const OVERSCAN = 8;

export interface CellAddress { row: number; column: number }

export function columnLetters(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

export function a1Of(at: CellAddress): string {
  return `${columnLetters(at.column)}${at.row}`;
}

export function parseA1(text: string): CellAddress | null {
  const m = /^\s*([A-Za-z]{1,3})(\d{1,7})\s*$/.exec(text);
  if (!m || Number(m[2]) < 1) return null;
  let column = 0;
  for (const ch of m[1].toUpperCase()) column = column * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]), column };
}

const NUMERIC = /^[-+]?[$€£]?[\d,]*\.?\d+(E[-+]?\d+)?%?$|^\d{4}-\d{2}-\d{2}( \d{1,2}:\d{2}(:\d{2})?)?$/i;

interface Page { view: RowsView; version: number }

export interface GridEvents {
  /** The active cell moved (or its content arrived). */
  onSelect(at: CellAddress, cell: CellView | undefined): void;
  /** Enter, F2 or a typed character: edit the active cell, starting from `initial` when given. */
  onEdit(initial?: string): void;
}

export class Grid {
  private tab: TabView | null = null;
  private version = 0;
  private pages = new Map<number, Page>();
  private loading = new Set<number>();
  private frozen: CellView[][] = [];
  private widths: Record<number, number> = {};
  private active: CellAddress = { row: 1, column: 1 };
  private readonly inner = el('div', { class: 'grid-inner' });
  private readonly head = el('div', { class: 'grid-row grid-head', role: 'row', 'aria-rowindex': 1 });
  private readonly frozenRows = el('div', { class: 'grid-frozen', role: 'rowgroup' });
  private readonly body = el('div', { class: 'grid-body', role: 'rowgroup' });
  /** Charts float over the cells, as in Sheets; charts.ts draws into this layer. */
  readonly overlay = el('div', { class: 'grid-overlay' });
  private frame = 0;
  /** Room the overlay needs (charts below or beside the data), in rows and columns. */
  private reserved = { rows: 0, columns: 0 };

  constructor(private readonly host: HTMLElement, private readonly events: GridEvents) {
    this.inner.append(this.head, this.frozenRows, this.body, this.overlay);
    host.append(this.inner);
    host.addEventListener('scroll', () => this.schedule());
    // A taller or wider window shows more rows: draw them.
    new ResizeObserver(() => this.schedule()).observe(host);
    host.addEventListener('keydown', (event) => this.onKey(event));
    host.addEventListener('mousedown', (event) => {
      const cell = (event.target as HTMLElement).closest<HTMLElement>('[data-row]');
      if (!cell) return;
      this.select({ row: Number(cell.dataset.row), column: Number(cell.dataset.column) });
      host.focus({ preventScroll: true });
    });
  }

  get tabName(): string | null {
    return this.tab?.name ?? null;
  }

  get activeCell(): CellAddress {
    return { ...this.active };
  }

  /** Rows and columns drawn: the data plus room to type below and beside it. */
  private get extent(): { rows: number; columns: number } {
    const tab = this.tab;
    return {
      rows: Math.max((tab?.rows ?? 0) + 30, 50, this.active.row + 5, this.reserved.rows + 2),
      columns: Math.max((tab?.columns ?? 0) + 3, 10, this.active.column + 1, this.reserved.columns + 1),
    };
  }

  private width(column: number): number {
    const set = this.widths[column];
    return set ? Math.min(Math.max(set, 40), 400) : DEFAULT_WIDTH;
  }

  /** Left edge and width of a column inside the grid (after the row numbers). */
  columnBox(column: number): { left: number; width: number } {
    let left = ROW_HEADER_WIDTH;
    for (let c = 1; c < column; c++) left += this.width(c);
    return { left, width: this.width(column) };
  }

  /** Puts what floats over the grid (charts, anchored to a column) back over its column after the widths changed. */
  private placeOverlay(): void {
    for (const item of Array.from(this.overlay.children) as HTMLElement[]) {
      const column = Number(item.dataset.column);
      if (column >= 1) item.style.left = `${this.columnBox(column).left + (Number(item.dataset.offsetX) || 0)}px`;
    }
  }

  /** Makes the grid at least this big, so what floats over it can be scrolled to. */
  reserve(rows: number, columns: number): void {
    if (rows === this.reserved.rows && columns === this.reserved.columns) return;
    this.reserved = { rows, columns };
    this.schedule();
  }

  /** The column under a pixel offset from the grid's left edge. */
  columnAt(x: number): number {
    let column = 1;
    for (let left = ROW_HEADER_WIDTH + this.width(1); left <= x; left += this.width(column)) column++;
    return column;
  }

  /** Top of a row inside the grid, below the column letters. */
  rowTop(row: number): number {
    return ROW_HEIGHT * row;
  }

  /** Shows a tab, or the same tab at a newer data version (pages are refetched, old ones shown meanwhile). */
  show(tab: TabView, version: number): void {
    const sameTab = this.tab?.name === tab.name;
    if (!sameTab) {
      this.reserved = { rows: 0, columns: 0 };
      this.pages.clear();
      this.frozen = [];
      this.widths = {};
      this.active = { row: 1, column: 1 };
      this.host.scrollTop = 0;
      this.host.scrollLeft = 0;
      // Busy until the new tab's cells are in: the name changes at once, the cells a fetch later.
      this.host.setAttribute('aria-busy', 'true');
    }
    this.tab = tab;
    this.version = version;
    this.host.setAttribute('aria-label', `Cells of ${tab.name}`);
    this.schedule();
    if (!sameTab) this.announceActive();
  }

  /** The active cell's content, if its page has arrived. */
  cellAt(at: CellAddress): CellView | undefined {
    const tab = this.tab;
    if (!tab || at.row > tab.rows || at.column > tab.columns) return undefined;
    if (at.row <= tab.frozenRows) return this.frozen[at.row - 1]?.[at.column - 1];
    const index = Math.floor((at.row - tab.frozenRows - 1) / PAGE_ROWS);
    const page = this.pages.get(index);
    return page ? page.view.cells[at.row - page.view.from]?.[at.column - 1] : undefined;
  }

  select(at: CellAddress): void {
    // The grid grows to take in the cell (typing far below the data is allowed, as in Sheets).
    this.active = { row: Math.min(Math.max(1, at.row), 1_000_000), column: Math.min(Math.max(1, at.column), 18_278) };
    this.scrollIntoView(this.active);
    this.render();
    this.announceActive();
  }

  private announceActive(): void {
    this.events.onSelect(this.activeCell, this.cellAt(this.active));
  }

  private scrollIntoView(at: CellAddress): void {
    const stickyTop = ROW_HEIGHT * (1 + (this.tab?.frozenRows ?? 0));
    if (at.row > (this.tab?.frozenRows ?? 0)) {
      const top = this.rowTop(at.row);
      if (top < this.host.scrollTop + stickyTop) this.host.scrollTop = top - stickyTop;
      else if (top + ROW_HEIGHT > this.host.scrollTop + this.host.clientHeight) this.host.scrollTop = top + ROW_HEIGHT - this.host.clientHeight;
    }
    const { left, width } = this.columnBox(at.column);
    if (left < this.host.scrollLeft + ROW_HEADER_WIDTH) this.host.scrollLeft = left - ROW_HEADER_WIDTH;
    else if (left + width > this.host.scrollLeft + this.host.clientWidth) this.host.scrollLeft = left + width - this.host.clientWidth;
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.render();
    });
  }

  private visibleRows(): { first: number; last: number } {
    const frozen = this.tab?.frozenRows ?? 0;
    const top = this.host.scrollTop;
    const first = Math.max(frozen + 1, Math.floor(top / ROW_HEIGHT) + 1 - OVERSCAN);
    const last = Math.min(this.extent.rows, Math.ceil((top + this.host.clientHeight) / ROW_HEIGHT) + OVERSCAN);
    return { first, last };
  }

  private render(): void {
    const tab = this.tab;
    if (!tab) return;
    const { rows, columns } = this.extent;
    this.host.setAttribute('aria-rowcount', String(rows + 1));
    this.host.setAttribute('aria-colcount', String(columns + 1));
    const totalWidth = this.columnBox(columns).left + this.width(columns);
    this.inner.style.width = `${totalWidth}px`;
    this.inner.style.height = `${ROW_HEIGHT * (rows + 1)}px`;

    clear(this.head);
    this.head.append(el('div', { class: 'grid-cell head rownum', role: 'columnheader', 'aria-colindex': 1 }, ''));
    for (let c = 1; c <= columns; c++) {
      this.head.append(el('div', { class: 'grid-cell head', role: 'columnheader', 'aria-colindex': c + 1, style: `width:${this.width(c)}px` }, columnLetters(c)));
    }

    clear(this.frozenRows);
    for (let r = 1; r <= tab.frozenRows; r++) this.frozenRows.append(this.rowElement(r, columns));

    const { first, last } = this.visibleRows();
    clear(this.body);
    this.body.style.top = `${this.rowTop(first)}px`;
    for (let r = first; r <= last; r++) this.body.append(this.rowElement(r, columns));
    this.host.setAttribute('aria-activedescendant', this.cellId(this.active));
    if (this.fetchMissing(first, last)) this.host.setAttribute('aria-busy', 'true');
    else this.host.removeAttribute('aria-busy');
  }

  private cellId(at: CellAddress): string {
    return `cell-${at.row}-${at.column}`;
  }

  private rowElement(row: number, columns: number): HTMLElement {
    const line = el('div', { class: 'grid-row', role: 'row', 'aria-rowindex': row + 1 },
      el('div', { class: 'grid-cell rownum', role: 'rowheader', 'aria-colindex': 1 }, row));
    const views = Array.from({ length: columns }, (_, i) => this.cellAt({ row, column: i + 1 }));
    for (let c = 1; c <= columns; c++) {
      const view = views[c - 1];
      const text = view?.text ?? '';
      const classes = ['grid-cell'];
      const numeric = NUMERIC.test(text);
      if (numeric) classes.push('number');
      if (view?.note) classes.push(view.unformatted ? 'unformatted' : 'error');
      if (row === this.active.row && c === this.active.column) classes.push('active');
      // As in Sheets, text runs on over the empty cells to its right (up to the active one).
      const span = text && !numeric && !view?.note ? this.overflowWidth(row, c, views) : 0;
      if (span) classes.push('overflowing');
      line.append(el('div', {
        id: this.cellId({ row, column: c }), class: classes.join(' '), role: 'gridcell', 'aria-colindex': c + 1,
        'data-row': row, 'data-column': c, style: `width:${this.width(c)}px`, title: view?.note,
        'aria-selected': row === this.active.row && c === this.active.column ? 'true' : undefined,
      }, span ? el('span', { class: 'overflow', style: `width:${span}px` }, text) : text));
    }
    return line;
  }

  /** Width for a text that runs on over the empty cells after it (padding and last border left out); 0 when none is empty. */
  private overflowWidth(row: number, column: number, views: (CellView | undefined)[]): number {
    let last = column;
    while (last < views.length && !views[last]?.text && !views[last]?.formula && !(row === this.active.row && last + 1 === this.active.column)) last++;
    if (last === column) return 0;
    let width = 0;
    for (let c = column; c <= last; c++) width += this.width(c);
    return width - 9;
  }

  /**
   * Fetches the pages the visible rows fall in that are missing or older than the data version; true
   * while one of them has not arrived at all (an older version shown meanwhile does not count).
   */
  private fetchMissing(first: number, last: number): boolean {
    const tab = this.tab;
    if (!tab) return false;
    const frozen = tab.frozenRows;
    const pageOf = (row: number) => Math.floor((row - frozen - 1) / PAGE_ROWS);
    const lastData = Math.min(last, tab.rows);
    const indexes: number[] = [];
    if (lastData >= first) for (let i = pageOf(first); i <= pageOf(lastData); i++) indexes.push(i);
    // Every answer carries the frozen rows; with no data row in view, page 0 brings them.
    if (indexes.length === 0 && frozen > 0) indexes.push(0);
    for (const index of indexes) this.fetchPage(tab.name, index);
    return indexes.some((index) => !this.pages.has(index));
  }

  private fetchPage(tabName: string, index: number): void {
    const page = this.pages.get(index);
    const key = index * 1_000_000 + this.version;
    if ((page && page.version >= this.version) || this.loading.has(key)) return;
    this.loading.add(key);
    const version = this.version;
    const from = (this.tab?.frozenRows ?? 0) + 1 + index * PAGE_ROWS;
    getJson<RowsView>(`/api/rows?tab=${encodeURIComponent(tabName)}&from=${from}&count=${PAGE_ROWS}`)
      .then((view) => {
        if (this.tab?.name !== tabName) return;
        this.pages.set(index, { view, version });
        this.frozen = view.frozen;
        const moved = JSON.stringify(view.widths) !== JSON.stringify(this.widths);
        this.widths = view.widths;
        if (moved) this.placeOverlay();
        this.render();
        this.announceActive();
      })
      .catch(() => { /* The next poll or scroll asks again. */ })
      .finally(() => this.loading.delete(key));
  }

  private onKey(event: KeyboardEvent): void {
    const at = this.active;
    const pageRows = Math.max(1, Math.floor(this.host.clientHeight / ROW_HEIGHT) - 2);
    const moves: Record<string, CellAddress> = {
      ArrowUp: { row: at.row - 1, column: at.column },
      ArrowDown: { row: at.row + 1, column: at.column },
      ArrowLeft: { row: at.row, column: at.column - 1 },
      ArrowRight: { row: at.row, column: at.column + 1 },
      PageUp: { row: at.row - pageRows, column: at.column },
      PageDown: { row: at.row + pageRows, column: at.column },
      Home: event.ctrlKey ? { row: 1, column: 1 } : { row: at.row, column: 1 },
      End: event.ctrlKey ? { row: Math.max(1, this.tab?.rows ?? 1), column: Math.max(1, this.tab?.columns ?? 1) } : { row: at.row, column: Math.max(1, this.tab?.columns ?? 1) },
    };
    const move = moves[event.key];
    if (move) {
      event.preventDefault();
      this.select(move);
      return;
    }
    if (event.key === 'Enter' || event.key === 'F2') {
      event.preventDefault();
      this.events.onEdit();
    } else if (event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey) {
      // Typing on a cell starts editing it with that character, as in Sheets.
      event.preventDefault();
      this.events.onEdit(event.key);
    }
  }
}
