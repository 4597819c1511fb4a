// HtmlService: outputs, files from the bundle folder, templates and their scriptlets.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileTemplate, createHtmlService } from '../../../../local/apps-script/services/html';
import { newPlatform, runAs } from '../support';

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'html-'));
  writeFileSync(join(dir, 'sidebar.html'), '<h1>Sheetgram</h1>');
  writeFileSync(join(dir, 'list.html'), '<ul><? items.forEach(function (i) { ?><li><?= i ?></li><? }) ?></ul>');
  const platform = newPlatform();
  return { platform, html: createHtmlService(platform, { bundleDir: dir }) };
}

describe('HtmlService', () => {
  it('builds outputs with title, size and appended content', () => {
    const { platform, html } = setup();
    runAs(platform, () => {
      const out = html.createHtmlOutput('<p>a</p>').setTitle('T').setWidth(300).setHeight(200).append('<b>b</b>').appendUntrusted('<i>');
      out.setSandboxMode(html.SandboxMode.IFRAME).setXFrameOptionsMode(html.XFrameOptionsMode.ALLOWALL);
      expect([out.getContent(), out.getTitle(), out.getWidth(), out.getHeight()]).toEqual(['<p>a</p><b>b</b>&lt;i&gt;', 'T', 300, 200]);
    });
  });

  it('reads pages from the bundle folder and says when one is missing', () => {
    const { platform, html } = setup();
    runAs(platform, () => {
      expect(html.createHtmlOutputFromFile('sidebar').getContent()).toBe('<h1>Sheetgram</h1>');
      expect(() => html.createHtmlOutputFromFile('nope')).toThrow('No HTML file named nope was found.');
    });
  });

  it('evaluates templates: escaped, raw and code scriptlets with template properties', () => {
    const { platform, html } = setup();
    runAs(platform, () => {
      const t = html.createTemplateFromFile('list') as GoogleAppsScript.HTML.HtmlTemplate & { items: string[] };
      t.items = ['<a>', 'b&c'];
      expect(t.evaluate().getContent()).toBe('<ul><li>&lt;a&gt;</li><li>b&amp;c</li></ul>');
      const raw = html.createTemplate('<?!= x ?>|<?= x ?>') as GoogleAppsScript.HTML.HtmlTemplate & { x: string };
      raw.x = '<br>';
      expect(raw.evaluate().getContent()).toBe('<br>|&lt;br&gt;');
    });
    expect(() => compileTemplate('<? open')).toThrow(/Unterminated/);
  });

  it('is refused in NONE mode and allowed in custom functions', () => {
    const { platform, html } = setup();
    expect(() => runAs(platform, () => html.createHtmlOutput('x'), { authMode: 'NONE' })).toThrow(/permission to call HtmlService/);
    expect(runAs(platform, () => html.createHtmlOutput('x').getContent(), { authMode: 'CUSTOM_FUNCTION' })).toBe('x');
  });
});
