// docs/reports.md is generated from the registry: it must match what `npm run docs` would write.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REPORTS_DOC, reportsDoc } from '../../scripts/reports-doc';
import { REPORTS } from '../../src/core/reports/registry';

describe('docs/reports.md', () => {
  it('is up to date with the registry (run `npm run docs`)', () => {
    expect(readFileSync(REPORTS_DOC, 'utf8')).toBe(reportsDoc());
  });

  it('lists every report with its key, default mode and login flow', () => {
    const doc = reportsDoc();
    for (const r of REPORTS) expect(doc).toContain(`| ${r.title.replace(/\|/g, '\\|')} |`);
    expect(doc).toMatch(/\| Competitors \|.*\| Facebook Login \|/);
    expect(doc).toMatch(/No longer available/);
  });
});
