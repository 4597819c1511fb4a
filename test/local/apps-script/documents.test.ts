// A second spreadsheet in the same script project (rt.addDocument): its own tabs, document
// properties, document cache and document lock, its own triggers that fire in it, while user and
// script state stay shared. A fresh runtime per test.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createRuntime } from '../../../local/apps-script/runtime';

const LIMITS = fileURLToPath(new URL('./fixtures/limits', import.meta.url));
const START = Date.parse('2026-01-05T09:00:00Z');

const runtime = () => createRuntime({ bundleDir: LIMITS, start: START, users: [{ email: 'owner@example.com' }, { email: 'editor@example.com' }] });

describe('a second document', () => {
  it('opens as the active spreadsheet of executions run in it', () => {
    const rt = runtime();
    const second = rt.addDocument({ name: 'Client B' });
    expect(rt.documents.map((d) => d.id)).toEqual([rt.workbook.id, second.id]);
    expect(second.id).not.toBe(rt.workbook.id);
    expect(rt.call('spreadsheetName', [], { document: second.id })).toBe('Client B');
    expect(rt.call('spreadsheetName')).toBe(rt.workbook.name);
    rt.call('appendTo', ['Sheet1', ['only in B']], { document: second.id });
    expect(second.values('Sheet1')).toEqual([['only in B']]);
    expect(rt.workbook.values('Sheet1')).toEqual([]);
    expect(() => rt.call('nothing', [], { document: 'no-such-id' })).toThrow(/Unknown document no-such-id/);
  });

  it('has its own document properties and document cache; script and user properties are shared', () => {
    const rt = runtime();
    const second = rt.addDocument();
    rt.call('setDocumentProperty', ['k', 'first']);
    rt.call('setDocumentProperty', ['k', 'second'], { document: second.id });
    expect(rt.call('getDocumentProperty', ['k'])).toBe('first');
    expect(rt.call('getDocumentProperty', ['k'], { document: second.id })).toBe('second');
    expect(rt.properties.document.get('k')).toBe('first');
    expect(rt.properties.documentStore(second.id).get('k')).toBe('second');
    rt.call('putDocumentCache', ['c', 'in B'], { document: second.id });
    expect(rt.call('getDocumentCache', ['c'])).toBeNull();
    expect(rt.call('getDocumentCache', ['c'], { document: second.id })).toBe('in B');
    rt.call('writeProperty', [1], { document: second.id });
    expect(rt.properties.script.get('x')).toBe('0');
  });

  it('keeps triggers to the document they were created in, and fires them there', () => {
    const rt = runtime();
    const second = rt.addDocument();
    rt.call('createDocumentTrigger', [], { document: second.id });
    expect(rt.call('documentTriggerCount', [], { document: second.id })).toBe(1);
    expect(rt.call('documentTriggerCount')).toBe(0);
    expect(rt.call('triggerCount')).toBe(1);
    // One per document per user: the first document still may have its own.
    rt.call('createDocumentTrigger');
    rt.advance(3_600_000 + 60_000);
    expect(rt.call('documentTicks', [], { document: second.id })).toBe('1');
    expect(rt.call('documentTicks')).toBe('1');
    expect(rt.triggers.all().map((t) => t.documentId).sort()).toEqual([rt.workbook.id, second.id].sort());
  });
});
