// The layers' boundaries: core is pure and imports neither the Apps Script boundary (gas) nor the
// browser (ui); the sidebar imports only the neutral contract; and the words both sides share are
// defined once, in src/contract, so the sidebar and the server cannot drift apart.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(__dirname, '../../src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return e.name.endsWith('.ts') ? [path] : [];
  });
}

/** Every relative module a file imports or re-exports, resolved to a path under src (without extension). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:import|export)\s[^'";]*?from\s+'([^']+)'/g)].map((m) => m[1]);
  return specifiers.filter((s) => s.startsWith('.')).map((s) => relative(SRC, resolve(file, '..', s)));
}

function layerOf(path: string): string {
  return path.split(/[\\/]/)[0];
}

describe('the layers of src', () => {
  it('core imports only core and the contract', () => {
    const crossing = sources(join(SRC, 'core')).flatMap((f) => importsOf(f).filter((p) => !['core', 'contract'].includes(layerOf(p))).map((p) => `${relative(SRC, f)} -> ${p}`));
    expect(crossing).toEqual([]);
  });

  it('the sidebar imports only itself and the contract', () => {
    const crossing = sources(join(SRC, 'ui')).flatMap((f) => importsOf(f).filter((p) => !['ui', 'contract'].includes(layerOf(p))).map((p) => `${relative(SRC, f)} -> ${p}`));
    expect(crossing).toEqual([]);
  });

  it('the contract is types only and imports nothing', () => {
    for (const file of sources(join(SRC, 'contract'))) {
      const text = readFileSync(file, 'utf8');
      expect(importsOf(file), file).toEqual([]);
      // No runtime values: only types and interfaces are exported.
      expect(text.match(/^export\s+(?:const|let|var|function|class|enum)\b/m), file).toBeNull();
    }
  });

  it('defines LoginFlow, WriteMode and Schedule once, in the contract', () => {
    for (const name of ['LoginFlow', 'WriteMode', 'Schedule']) {
      const definitions = sources(SRC).filter((f) => new RegExp(`^export\\s+(?:type|interface)\\s+${name}\\b`, 'm').test(readFileSync(f, 'utf8')));
      expect(definitions.map((f) => relative(SRC, f)), name).toEqual(['contract/sidebar.ts']);
    }
  });
});
