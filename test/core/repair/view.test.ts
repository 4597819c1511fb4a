// The card's view of Fill or repair history: only reports with days to repair, the form's bounds, a repair
// under way in a sentence, and the last finished one.
import { describe, expect, it } from 'vitest';
import { defaultFields, getReport } from '../../../src/core/reports/registry';
import type { ReportConfiguration, ReportId, WriteMode } from '../../../src/core/reports/types';
import { repairViews } from '../../../src/core/repair/view';

const NOW = Date.parse('2026-07-15T12:00:00Z');

function config(id: string, reportId: ReportId, mode: WriteMode = 'update'): ReportConfiguration {
  return {
    id, accountId: '1', loginFlow: 'instagram', reportId, fields: defaultFields(getReport(reportId)), tab: { sheetId: 1, name: id }, mode,
    schedule: { kind: 'off' }, settings: {},
  };
}

describe('repair views', () => {
  it('offers the form to reports with days to repair, with where a repair stands and how the last one went', () => {
    const configs = [config('ai', 'account_insights'), config('mi', 'media_insights'), config('ui', 'user_information'), config('ap', 'account_insights', 'append')];
    const summary = { at: NOW - 1000, status: 'ok' as const, rowsAdded: 2, rowsUpdated: 5, callsUsed: 9, message: 'Re-read 1–7 Jul 2026: 5 rows refreshed, 2 added.' };
    const views = repairViews(configs, {
      jobs: [{ configId: 'mi', owner: 'u', askedAt: NOW, from: '2026-06-01', to: '2026-06-30' }],
      results: new Map([['ai', { from: '2026-07-01', to: '2026-07-07', summary }]]),
    }, NOW, 'UTC');
    expect([...views.keys()]).toEqual(['ai', 'mi']);
    expect(views.get('ai')).toEqual({
      reads: 'days', earliest: '2024-07-15', latest: '2026-07-14', from: '2026-06-15', to: '2026-07-14', keeps: expect.stringContaining('new followers for 30 days'),
      last: { from: '2026-07-01', to: '2026-07-07', at: NOW - 1000, status: 'ok', text: summary.message },
    });
    expect(views.get('mi')!.pending).toEqual({ from: '2026-06-01', to: '2026-06-30', text: 'Repair of 1–30 Jun 2026: starts at the next hourly run.' });
  });
});
