import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import vm from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: plain ESM build script without types
import { build } from '../../esbuild.config.mjs';

const fixtures = 'test/build/fixtures';
let out: string;
let code: string;

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'sheetgram-build-'));
  await build({ entry: `${fixtures}/gas/entry.ts`, out, gasDir: `${fixtures}/gas`, pagesDir: `${fixtures}/pages` });
  code = readFileSync(join(out, 'Code.js'), 'utf8');
});

describe('npm run build', () => {
  it('starts with a generated-file banner', () => {
    expect(code.split('\n')[0]).toMatch(/^\/\/ Generated .* do not edit/);
  });

  it('declares one top-level function per export that delegates to the bundle', () => {
    const context = vm.createContext({});
    vm.runInContext(code, context);
    expect(Object.keys(context).sort()).toEqual(['DOUBLE', 'Sheetgram', 'helperForSidebar', 'onOpen']);
    expect(context.DOUBLE(21)).toBe(42);
    expect(context.onOpen()).toBe('menu');
    expect(code).toMatch(/^function DOUBLE\(value, _unused\) \{/m);
    expect(code).toMatch(/^function helperForSidebar\(request, done\) \{/m);
  });

  it('keeps a @customfunction JSDoc on its stub and no other JSDoc', () => {
    const stubAt = code.lastIndexOf('function DOUBLE(value');
    const before = code.slice(0, stubAt);
    const doc = before.slice(before.lastIndexOf('/**'));
    expect(doc).toContain('@customfunction');
    expect(doc).toContain('@param {number} value The number to double.');
    expect(code.slice(code.indexOf('})();'))).not.toContain('its JSDoc must not travel');
  });

  it('emits a classic script: no module syntax, no Node built-ins, no timers', () => {
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
    expect(code).not.toMatch(/\brequire\(/);
    expect(code).not.toMatch(/\bsetTimeout\(/);
  });

  it('copies the manifest and inlines page scripts without letting them close the script tag', () => {
    expect(JSON.parse(readFileSync(join(out, 'appsscript.json'), 'utf8')).runtimeVersion).toBe('V8');
    const html = readFileSync(join(out, 'panel.html'), 'utf8');
    expect(html).toContain('<script>');
    expect(html.match(/<\/script>/gi)).toHaveLength(1);
    expect(html).not.toContain('inline:script');
  });
});
