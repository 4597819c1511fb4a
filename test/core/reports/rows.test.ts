// Records to rows: values worked out from a timestamp (the weekday and hour a post went out) are on the
// spreadsheet's clock, and a value Meta did not give stays empty.
import { describe, expect, it } from 'vitest';
import { getReport } from '../../../src/core/reports/registry';
import { toRow } from '../../../src/core/reports/rows';

const MEDIA = getReport('media_insights');
const fields = ['posted_weekday', 'posted_hour'].map((id) => MEDIA.fields.find((f) => f.id === id)!);

describe('weekday and hour posted', () => {
  it('are those of the spreadsheet\'s time zone', () => {
    // Monday 22:30 UTC is Tuesday 00:30 in Berlin and Monday 18:30 in New York.
    const record = { timestamp: '2026-07-06T22:30:00+0000' };
    expect(toRow(record, fields, 'Europe/Berlin')).toEqual(['Tuesday', 0]);
    expect(toRow(record, fields, 'America/New_York')).toEqual(['Monday', 18]);
  });

  it('are empty without a timestamp or with one that is not', () => {
    expect(toRow({}, fields, 'Europe/Berlin')).toEqual([undefined, undefined]);
    expect(toRow({ timestamp: 'yesterday' }, fields, 'Europe/Berlin')).toEqual([undefined, undefined]);
  });
});
