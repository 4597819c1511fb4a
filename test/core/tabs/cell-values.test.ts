// Cell values: ids as text, formula escapes, the 50,000-character cut, empty versus zero.
import { describe, expect, it } from 'vitest';
import { MAX_CELL_CHARS, safeText, toCell } from '../../../src/core/tabs/cell-values';

describe('cell values', () => {
  it('keeps ids as text and numbers as numbers', () => {
    expect(toCell('17841405793187218', 'id')).toBe('17841405793187218');
    expect(toCell('42', 'integer')).toBe(42);
    expect(toCell(0, 'integer')).toBe(0);
    expect(toCell(undefined, 'integer')).toBe('');
    expect(toCell('n/a', 'number')).toBe('');
  });

  it('escapes every formula trigger', () => {
    for (const t of ['=1+1', '+1 for this', '-5 stars', '@someone', "'quoted"]) expect(safeText(t)).toBe(`'${t}`);
    expect(safeText('plain')).toBe('plain');
  });

  it('cuts long text to the cell limit with the number of characters cut', () => {
    const out = safeText('y'.repeat(70_000));
    expect(out.length).toBe(MAX_CELL_CHARS);
    const kept = out.indexOf('…');
    const cut = Number(/(\d+) characters\]$/.exec(out)![1]);
    expect(kept + cut).toBe(70_000);
  });

  it('keeps dates and booleans typed', () => {
    const d = new Date('2026-01-01T00:00:00Z');
    expect(toCell(d, 'datetime')).toBe(d);
    expect(toCell('2026-01-01', 'date')).toBe('');
    expect(toCell(false, 'boolean')).toBe(false);
  });
});
