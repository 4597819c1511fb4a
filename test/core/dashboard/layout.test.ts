// The dashboard plan: formulas over the tabs' columns found by header (wherever a person moved them),
// charts over whole columns or chart-data blocks, and a note where data is missing.
import { describe, expect, it } from 'vitest';
import { planDashboard, type SourceTab } from '../../../src/core/dashboard/layout';

const UI: SourceTab = { reportId: 'user_information', sheet: "User's Information", header: ['Run date', 'Account ID', 'Followers'], rows: 12 };
const AI: SourceTab = { reportId: 'account_insights', sheet: 'Account Insights', header: ['Date', 'Provisional', 'Reach', 'Views'], rows: 30 };
const MI: SourceTab = {
  reportId: 'media_insights', sheet: 'Media Insights', header: ['Media ID', 'Posted at', 'Media type', 'Product type', 'Permalink', 'Reach', 'Total interactions'], rows: 300,
};

describe('planDashboard', () => {
  it('writes headline formulas over the right columns, with quoted sheet names', () => {
    const plan = planDashboard({ username: 'sunny', tabs: [UI, MI] });
    const formulas = plan.cells.filter((c) => c.formula).map((c) => c.formula!);
    expect(formulas[0]).toBe(`=IFERROR(INDEX(SORT(FILTER({'User''s Information'!A2:A,'User''s Information'!C2:C},'User''s Information'!A2:A<>""),1,FALSE),1,2),"")`);
    expect(formulas.join('\n')).toContain(`AVERAGEIFS('Media Insights'!F2:F,'Media Insights'!B2:B,">="&(TODAY()-30))`);
    expect(plan.cells.find((c) => c.value === 'Followers now')).toMatchObject({ row: 4, column: 1 });
    // The open-ended range's blank rows must not count as a date long ago.
    expect(formulas[1]).toContain(`'User''s Information'!A2:A<>"",'User''s Information'!A2:A<=TODAY()-7`);
  });

  it('follows a column a person moved', () => {
    const moved = { ...UI, header: ['Followers', 'Run date'] };
    const plan = planDashboard({ username: 'sunny', tabs: [moved] });
    expect(plan.charts.find((c) => c.key === 'followers')!.ranges).toEqual(["'User''s Information'!B:B", "'User''s Information'!A:A"]);
  });

  it('draws charts over whole columns, so appended rows show up, and over chart-data blocks', () => {
    const plan = planDashboard({ username: 'sunny', tabs: [UI, AI, MI] });
    const byKey = Object.fromEntries(plan.charts.map((c) => [c.key, c]));
    expect(byKey.followers).toMatchObject({ type: 'LINE', ranges: ["'User''s Information'!A:A", "'User''s Information'!C:C"] });
    expect(byKey.reach.ranges).toEqual(["'Account Insights'!A:A", "'Account Insights'!C:C", "'Account Insights'!D:D"]);
    expect(byKey.top_posts.type).toBe('TABLE');
    const block = plan.cells.find((c) => c.formula?.includes('SORTN('))!;
    expect(block.formula).toMatch(/^=IFERROR\(SORTN\(FILTER\(\{'Media Insights'!E2:E,'Media Insights'!B2:B,'Media Insights'!G2:G\},'Media Insights'!B2:B>=TODAY\(\)-30/);
    expect(byKey.top_posts.ranges[0]).toMatch(/^[A-Z]+2:[A-Z]+48$/);
  });

  it('leaves a short note in place of a chart whose report is missing or too young', () => {
    const plan = planDashboard({ username: 'sunny', tabs: [{ ...UI, rows: 1 }] });
    const notes = Object.fromEntries(plan.notes.map((n) => [n.key, n.text]));
    expect(notes.followers).toMatch(/needs at least 2 days of history/);
    expect(notes.reach).toBe('Daily reach: Add the Account Insights report for @sunny in the sidebar to see this.');
    expect(notes.country).toMatch(/Audience Demographics/);
    expect(plan.charts).toEqual([]);
    // The note is written where the chart would be.
    expect(plan.cells.some((c) => typeof c.value === 'string' && c.value.startsWith('Followers over time: needs'))).toBe(true);
  });
});
