// What the getting-started tests read: the pictures, links and quoted names of a Markdown page, and the
// wording the sidebar can show, from its sources (the sidebar, the server's sentences, the menu, the
// dashboards, the log and the report registry).
import { readFileSync, readdirSync } from 'node:fs';
import { join, normalize } from 'node:path';

export interface DocImage {
  /** Path from the repository's root. */
  path: string;
  /** The alt text, or null for a plain link to a picture. */
  alt: string | null;
  /** 'docs' for docs/getting-started.md, '.' for the README. */
  source: string;
}

/** Every picture shown (![alt](x.png)) or linked ([text](x.png)) in a page that lives in folder `base`. */
export function docImages(markdown: string, base: string): DocImage[] {
  const shown = [...markdown.matchAll(/!\[([^\]]*)\]\(([^)\s]+\.png)\)/g)].map((m) => ({ path: normalize(join(base, m[2])), alt: m[1].trim(), source: base }));
  const linked = [...markdown.matchAll(/(?<!!)\[[^\]]*\]\(([^)\s]+\.png)\)/g)].map((m) => ({ path: normalize(join(base, m[1])), alt: null, source: base }));
  return [...shown, ...linked];
}

/** Links to other files of the repository (not pictures, not web addresses). */
export function docLinks(markdown: string): string[] {
  return [...markdown.matchAll(/(?<!!)\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1]).filter((l) => !/^[a-z]+:/.test(l) && !l.endsWith('.png') && !l.startsWith('#'));
}

export interface Quoted {
  kind: 'bold' | 'code';
  text: string;
}

/** The names a page puts in **bold** and in `code`, in order, whitespace collapsed (code blocks left out). */
export function quotedPhrases(markdown: string): Quoted[] {
  const prose = markdown.replace(/^```[\s\S]*?^```/gm, '');
  const found: Array<Quoted & { at: number }> = [];
  for (const m of prose.matchAll(/`([^`]+)`/g)) found.push({ kind: 'code', text: m[1], at: m.index ?? 0 });
  // Bold outside code spans.
  const withoutCode = prose.replace(/`[^`]+`/g, (span) => ' '.repeat(span.length));
  for (const m of withoutCode.matchAll(/\*\*([^*]+)\*\*/g)) found.push({ kind: 'bold', text: m[1], at: m.index ?? 0 });
  return found.sort((a, b) => a.at - b.at).map(({ kind, text }) => ({ kind, text: text.replace(/\s+/g, ' ').trim() }));
}

/** What Google Sheets itself shows around an add-on, which no source of Sheetgram's spells out. */
const GOOGLE_SHEETS = ['Extensions'];

/** The sources whose strings the sidebar, its menu and the tabs it makes show. */
const WORDING_SOURCES = [
  'src/ui/sidebar', 'src/ui/pages', 'src/core/sidebar', 'src/core/accounts', 'src/core/dashboard', 'src/core/reports/catalog',
  'src/gas/menu.ts', 'src/gas/dashboard.ts', 'src/core/run/run-log.ts', 'src/core/reports/registry.ts',
];

function filesOf(path: string): string[] {
  if (/\.(ts|html)$/.test(path)) return [path];
  return readdirSync(path, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? filesOf(join(path, entry.name)) : /\.(ts|html)$/.test(entry.name) ? [join(path, entry.name)] : []));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A template literal's placeholders, nested braces included. */
const PLACEHOLDER = /\$\{(?:[^{}]|\{(?:[^{}]|\{[^{}]*\})*\})*\}/g;

/** A value the sidebar fills in: a day and an hour ("11 Jul, 07:00"), a count, a date. */
const VALUE = /^(\d{1,2} [A-Z][a-z]{2}(, \d{2}:\d{2})?|\d[\d,.]*|\d{4}-\d{2}-\d{2})$/;

export interface Wording {
  /** Whether the text is spelled out, word for word, in one of the sources' strings. */
  hasStatic(text: string): boolean;
  /**
   * Whether the text is a sentence the sources build: it matches a template literal (with at least six
   * characters of its own) where the placeholders hold anything, with at most a spelled-out piece before
   * or after it; or it is a spelled-out label followed by ": " and a value ("Next run: 11 Jul, 07:00").
   */
  matchesTemplate(text: string): boolean;
}

export function sidebarWording(): Wording {
  const sources = WORDING_SOURCES.flatMap(filesOf).map((file) => readFileSync(file, 'utf8'));
  // The strings as a person reads them: quotes unescaped, line continuations joined.
  const corpus = `${sources.join('\n').replace(/\\(['"`])/g, '$1')}\n${GOOGLE_SHEETS.join('\n')}`;
  const templates = sources.flatMap((source) => [...source.matchAll(/`((?:[^`\\]|\\.)*)`/g)].map((m) => m[1].replace(/\\(['"`])/g, '$1')))
    .filter((t) => t.includes('${'))
    .map((t) => {
      const parts = t.split(PLACEHOLDER);
      const body = parts.map(escapeRegExp).join('[\\s\\S]+?');
      return { whole: new RegExp(`^${body}$`), regex: new RegExp(body), own: parts.join('').trim().length };
    })
    .filter((t) => t.own >= 6);
  const hasStatic = (text: string) => text.length > 0 && corpus.includes(text);
  /** A piece around a template's match: nothing, punctuation, or spelled-out words. */
  const fine = (piece: string) => {
    const words = piece.replace(/^[\s.,:;·]+|[\s.,:;·]+$/g, '');
    return words === '' || hasStatic(words);
  };
  return {
    hasStatic,
    matchesTemplate(text) {
      const labelled = /^(.+?): (.+)$/.exec(text);
      if (labelled && hasStatic(labelled[1]) && VALUE.test(labelled[2])) return true;
      return templates.some(({ whole, regex }) => {
        if (whole.test(text)) return true;
        const m = regex.exec(text);
        return m !== null && fine(text.slice(0, m.index)) && fine(text.slice(m.index + m[0].length));
      });
    },
  };
}
