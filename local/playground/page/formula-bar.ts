/// <reference lib="dom" />
// The formula bar: the active cell's address (type another and press Enter to go there) and its
// content (a formula shows as its text). Editing a cell happens here, as a person types into Sheets:
// Enter writes it through the Workbook's person-facing typeInto, Escape leaves the cell as it was.
import { postJson, type CellView } from './api';
import { byId, say } from './dom';
import { a1Of, parseA1, type CellAddress, type Grid } from './grid';

export interface FormulaBar {
  /** The grid's active cell moved or its content arrived. */
  show(at: CellAddress, cell: CellView | undefined): void;
  /** Start editing, optionally replacing the content with a first typed character. */
  edit(initial?: string): void;
}

export function attachFormulaBar(grid: Grid, gridElement: HTMLElement, written: () => void): FormulaBar {
  const address = byId<HTMLInputElement>('cell-address');
  const input = byId<HTMLInputElement>('cell-input');
  let editing = false;
  let shown = '';

  const backToGrid = () => {
    editing = false;
    gridElement.focus({ preventScroll: true });
  };

  address.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    const at = parseA1(address.value);
    if (!at) {
      say(`"${address.value}" is not a cell address; type one like B2.`, true);
      return;
    }
    grid.select(at);
    backToGrid();
  });
  address.addEventListener('blur', () => { address.value = a1Of(grid.activeCell); });

  input.addEventListener('focus', () => { editing = true; });
  input.addEventListener('blur', () => {
    if (editing) input.value = shown;
    editing = false;
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      input.value = shown;
      backToGrid();
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const at = grid.activeCell;
      const tab = grid.tabName;
      if (!tab) return;
      const text = input.value;
      postJson('/api/cell', { tab, a1: a1Of(at), text })
        .then(() => {
          shown = text;
          say(`${tab}!${a1Of(at)} set to ${text === '' ? 'empty' : text}.`);
          backToGrid();
          grid.select({ row: at.row + 1, column: at.column });
          written();
        })
        .catch((error: unknown) => say(error instanceof Error ? error.message : String(error), true));
    }
  });

  return {
    show(at, cell) {
      // A redraw while someone types an address must not take it back (blur puts the active cell there).
      if (document.activeElement !== address) address.value = a1Of(at);
      shown = cell?.formula ?? cell?.text ?? '';
      if (!editing) input.value = shown;
    },
    edit(initial) {
      editing = true;
      if (initial !== undefined) input.value = initial;
      input.focus();
      input.setSelectionRange(input.value.length, input.value.length);
    },
  };
}
