// docs/getting-started.md must stay true: every picture it (and the README) shows exists, is small, says
// in its alt text what it shows and is taken by scripts/screenshots.ts; every link leads somewhere; and
// every name it puts in bold or in code is the sidebar's own wording (or a formula, a file, a command).
// test/browser/getting-started.test.ts walks the same steps in the playground and checks what it shows.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPORTS } from '../../src/core/reports/registry';
import { docImages, docLinks, quotedPhrases, sidebarWording } from './getting-started-support';

const DOC = 'docs/getting-started.md';
const doc = readFileSync(DOC, 'utf8');
const readme = readFileSync('README.md', 'utf8');
const script = readFileSync('scripts/screenshots.ts', 'utf8');
const wording = sidebarWording();
const MAX_IMAGE_BYTES = 300 * 1024;

describe('docs/getting-started.md', () => {
  const images = [...docImages(doc, 'docs'), ...docImages(readme, '.')];

  it('shows pictures that exist, are PNGs under 300 KB and that scripts/screenshots.ts takes', () => {
    expect(images.filter((i) => i.source === 'docs').length).toBeGreaterThanOrEqual(12);
    for (const image of images) {
      expect(existsSync(image.path), `${image.path} is linked but missing`).toBe(true);
      const bytes = readFileSync(image.path);
      expect(bytes.subarray(1, 4).toString('latin1'), `${image.path} is not a PNG`).toBe('PNG');
      expect(statSync(image.path).size, `${image.path} is larger than 300 KB`).toBeLessThanOrEqual(MAX_IMAGE_BYTES);
      const name = image.path.split('/').pop() as string;
      expect(script, `scripts/screenshots.ts does not take ${name}`).toContain(`'${name}'`);
    }
  });

  it('says in each picture\'s alt text what it shows, a different sentence for each', () => {
    const shown = images.filter((i) => i.alt !== null);
    for (const image of shown) expect((image.alt ?? '').split(/\s+/).length, `alt text of ${image.path}: "${image.alt}"`).toBeGreaterThanOrEqual(6);
    const alts = shown.map((i) => i.alt);
    expect(new Set(alts).size).toBe(alts.length);
  });

  it('shows every picture the script takes, and no getting-started picture is left unlinked', () => {
    const taken = [...script.matchAll(/'([\w-]+\.png)'/g)].map((m) => m[1]);
    expect(taken.length).toBeGreaterThanOrEqual(12);
    const linked = new Set(images.map((i) => i.path.split('/').pop()));
    for (const name of taken) expect(linked.has(name), `${name} is taken by the script but shown nowhere`).toBe(true);
    for (const file of readdirSync('docs/images').filter((f) => f.startsWith('getting-started-'))) {
      expect(linked.has(file), `docs/images/${file} is shown nowhere`).toBe(true);
    }
  });

  it('links only to files that exist', () => {
    for (const link of docLinks(doc)) {
      const path = normalize(join('docs', link.split('#')[0]));
      expect(existsSync(path), `${link} (${path})`).toBe(true);
    }
    expect(doc).toMatch(/\(reports\.md\)/);
    expect(doc).toMatch(/\(functions\.md\)/);
    expect(doc).toMatch(/\(deploy\.md\)/);
  });

  it('is linked from the top of the README', () => {
    const top = readme.split('\n## ')[0];
    expect(top).toContain('New here? Start with [docs/getting-started.md](docs/getting-started.md)');
  });

  it('puts in bold only names the sidebar, the menu or the report registry shows, word for word', () => {
    const bold = quotedPhrases(doc).filter((q) => q.kind === 'bold');
    expect(bold.length).toBeGreaterThan(40);
    const missing = bold.filter((q) => !wording.hasStatic(q.text)).map((q) => q.text);
    expect(missing).toEqual([]);
  });

  it('quotes in code only formulas that exist, files, commands and sentences the sidebar can write', () => {
    const code = quotedPhrases(doc).filter((q) => q.kind === 'code');
    const functions = readFileSync('src/gas/custom-functions.ts', 'utf8');
    const scripts = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts;
    const wrong: string[] = [];
    for (const { text } of code) {
      if (text.startsWith('=')) {
        const names = text.match(/IG_[A-Z_]+/g) ?? [];
        if (!names.length || names.some((n) => !functions.includes(`export function ${n}(`))) wrong.push(text);
      } else if (/^npm (start|run \S+)$/.test(text)) {
        const name = text === 'npm start' ? 'start' : text.slice('npm run '.length);
        if (!scripts[name]) wrong.push(text);
      } else if (!wording.hasStatic(text) && !wording.matchesTemplate(text)) {
        wrong.push(text);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('names every report it lists as the registry titles it', () => {
    const titles = new Set(REPORTS.map((r) => r.title));
    const rows = [...doc.matchAll(/^\| \*\*([^*]+)\*\* \|/gm)].map((m) => m[1]);
    const reportRows = rows.filter((r) => r !== 'Instagram Login' && r !== 'Facebook Login');
    expect(reportRows.length).toBeGreaterThanOrEqual(5);
    for (const title of reportRows) expect(titles.has(title), title).toBe(true);
    expect(doc).toContain(`lists all ${['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'][REPORTS.length]}`);
  });

  it('catches a name the sidebar does not show (the check can fail)', () => {
    expect(wording.hasStatic('Run now')).toBe(true);
    expect(wording.hasStatic('Run it now please')).toBe(false);
    expect(wording.matchesTemplate('Saved: User\'s Information into tab "Posts".')).toBe(true);
    expect(wording.matchesTemplate('Stored: User\'s Information in tab "Posts".')).toBe(false);
    expect(quotedPhrases('Click **Run now**, then see `Next run: 11 Jul, 07:00`.')).toEqual([
      { kind: 'bold', text: 'Run now' }, { kind: 'code', text: 'Next run: 11 Jul, 07:00' },
    ]);
    expect(dirname(DOC)).toBe('docs');
  });
});
