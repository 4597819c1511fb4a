// HtmlService: HtmlOutput and templates with <?= ?> (escaped), <?!= ?> (raw) and <? ?> scriptlets.
// Pages come from the bundle folder (dist/<name>.html); scriptlets run in the script's global scope
// through the evaluator the runtime passes in, so they can call the script's functions.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { enterService, guarded, type Platform } from '../platform';

/** Runs compiled template code with `scope` visible as variables; returns the page. */
export type ScriptletEvaluator = (code: string, scope: Record<string, unknown>) => string;

export interface HtmlSettings {
  /** Where createHtmlOutputFromFile/createTemplateFromFile find <name>.html. */
  bundleDir: string;
  evaluate?: ScriptletEvaluator;
}

export const HTML_ERRORS = {
  noFile: (name: string) => `No HTML file named ${name} was found.`,
  unclosedScriptlet: 'Unterminated scriptlet: a "<?" has no matching "?>".',
};

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (value: unknown) => String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]);

/** Turns a template into JavaScript that appends to __out (the template's "code"). */
export function compileTemplate(source: string): string {
  const lines: string[] = [];
  let at = 0;
  while (at < source.length) {
    const open = source.indexOf('<?', at);
    if (open === -1) {
      lines.push(`__out.push(${JSON.stringify(source.slice(at))});`);
      break;
    }
    if (open > at) lines.push(`__out.push(${JSON.stringify(source.slice(at, open))});`);
    const close = source.indexOf('?>', open + 2);
    if (close === -1) throw new Error(HTML_ERRORS.unclosedScriptlet);
    const inner = source.slice(open + 2, close);
    if (inner.startsWith('!=')) lines.push(`__out.push(String(${inner.slice(2).trim()}));`);
    else if (inner.startsWith('=')) lines.push(`__out.push(__escape(${inner.slice(1).trim()}));`);
    else lines.push(inner);
    at = close + 2;
  }
  return lines.join('\n');
}

/** Evaluates outside any script context (used when the runtime gives no evaluator). */
const plainEvaluator: ScriptletEvaluator = (code, scope) => {
  // `with` makes template properties plain variables, as Apps Script does; Function bodies are sloppy.
  const run = new Function('__scope', `with (__scope) { ${code} }`) as (scope: Record<string, unknown>) => void;
  run(scope);
  return (scope.__out as string[]).join('');
};

export function createHtmlService(platform: Platform, settings: HtmlSettings): GoogleAppsScript.HTML.HtmlService {
  const evaluate = settings.evaluate ?? plainEvaluator;
  const enter = (method: string) => enterService(platform, 'HtmlService', method);

  function readPage(name: string): string {
    const file = join(settings.bundleDir, String(name).endsWith('.html') ? String(name) : `${name}.html`);
    if (!existsSync(file)) throw new Error(HTML_ERRORS.noFile(String(name)));
    return readFileSync(file, 'utf8');
  }

  function createOutput(initial: string): GoogleAppsScript.HTML.HtmlOutput {
    const page = { content: initial, title: '', width: 0, height: 0, sandbox: 'IFRAME', xFrame: 'DEFAULT', metaTags: [] as { name: string; content: string }[] };
    const touch = (method: string) => enterService(platform, 'HtmlOutput', method);
    const output = {
      getContent: () => (touch('getContent'), page.content),
      setContent: (content: string) => (touch('setContent'), (page.content = String(content)), self),
      append: (added: string) => (touch('append'), (page.content += String(added)), self),
      appendUntrusted: (added: string) => (touch('appendUntrusted'), (page.content += escapeHtml(added)), self),
      clear: () => (touch('clear'), (page.content = ''), self),
      getTitle: () => (touch('getTitle'), page.title),
      setTitle: (title: string) => (touch('setTitle'), (page.title = String(title)), self),
      getWidth: () => (touch('getWidth'), page.width),
      setWidth: (width: number) => (touch('setWidth'), (page.width = Number(width)), self),
      getHeight: () => (touch('getHeight'), page.height),
      setHeight: (height: number) => (touch('setHeight'), (page.height = Number(height)), self),
      /** Only IFRAME exists; the setting has no effect (reference §3.4). */
      setSandboxMode: (_mode: string) => (touch('setSandboxMode'), self),
      getSandboxMode: () => (touch('getSandboxMode'), page.sandbox),
      setXFrameOptionsMode: (mode: string) => (touch('setXFrameOptionsMode'), (page.xFrame = String(mode)), self),
      getXFrameOptionsMode: () => (touch('getXFrameOptionsMode'), page.xFrame),
      addMetaTag: (name: string, content: string) => (touch('addMetaTag'), page.metaTags.push({ name, content }), self),
      getMetaTags: () => (touch('getMetaTags'), page.metaTags.map((t) => ({ ...t }))),
      asTemplate: () => (touch('asTemplate'), createTemplate(page.content)),
    };
    const self = guarded('HtmlOutput', output) as unknown as GoogleAppsScript.HTML.HtmlOutput;
    return self;
  }

  function createTemplate(source: string): GoogleAppsScript.HTML.HtmlTemplate {
    const methods = new Set(['evaluate', 'getCode', 'getCodeWithComments', 'getRawContent']);
    const template: Record<string, unknown> = {};
    const scopeOf = () => {
      const scope: Record<string, unknown> = {};
      for (const key of Object.keys(template)) if (!methods.has(key)) scope[key] = template[key];
      return scope;
    };
    Object.defineProperties(template, {
      evaluate: {
        value: () => {
          enterService(platform, 'HtmlTemplate', 'evaluate');
          const scope = { ...scopeOf(), __out: [] as string[], __escape: escapeHtml };
          return createOutput(evaluate(compileTemplate(source), scope));
        },
      },
      getCode: { value: () => (enterService(platform, 'HtmlTemplate', 'getCode'), compileTemplate(source)) },
      getCodeWithComments: { value: () => (enterService(platform, 'HtmlTemplate', 'getCodeWithComments'), compileTemplate(source)) },
      getRawContent: { value: () => (enterService(platform, 'HtmlTemplate', 'getRawContent'), source) },
    });
    // Templates take arbitrary properties, so unknown members read as undefined instead of throwing.
    return template as unknown as GoogleAppsScript.HTML.HtmlTemplate;
  }

  const service = {
    SandboxMode: Object.freeze({ IFRAME: 'IFRAME', NATIVE: 'NATIVE', EMULATED: 'EMULATED' }),
    XFrameOptionsMode: Object.freeze({ ALLOWALL: 'ALLOWALL', DEFAULT: 'DEFAULT' }),
    createHtmlOutput: (html?: string) => (enter('createHtmlOutput'), createOutput(html === undefined ? '' : String(html))),
    createHtmlOutputFromFile: (name: string) => (enter('createHtmlOutputFromFile'), createOutput(readPage(name))),
    createTemplate: (html: string) => (enter('createTemplate'), createTemplate(String(html))),
    createTemplateFromFile: (name: string) => (enter('createTemplateFromFile'), createTemplate(readPage(name))),
  };
  return guarded('HtmlService', service) as unknown as GoogleAppsScript.HTML.HtmlService;
}

