// The page and the sidebar shim, built once at start-up: page/*.ts compiled by esbuild (chart.js
// bundled in), the HTML and CSS read as they are. The sidebar is the HTML showSidebar() produced from
// dist/sidebar.html, with the google.script.run shim put first in <head>, as Google's iframe provides
// google.script before the add-on's own scripts run.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';

const PAGE_DIR = join(import.meta.dirname, 'page');

export interface Assets {
  html: string;
  css: string;
  script: string;
  /** The shim's source; sidebarWithShim puts it in front of the sidebar's own script. */
  shim: string;
}

async function compile(entry: string): Promise<string> {
  const out = await esbuild.build({
    entryPoints: [join(PAGE_DIR, entry)], bundle: true, format: 'iife', write: false, platform: 'browser', target: 'es2020',
    minify: true, legalComments: 'none', logLevel: 'silent',
  });
  return out.outputFiles[0].text;
}

export async function buildAssets(): Promise<Assets> {
  const [script, shim] = await Promise.all([compile('main.ts'), compile('script-run.ts')]);
  return {
    html: readFileSync(join(PAGE_DIR, 'index.html'), 'utf8'),
    css: readFileSync(join(PAGE_DIR, 'playground.css'), 'utf8'),
    script,
    shim,
  };
}

/** Inline <script> text must not close its own element. */
const inlineSafe = (js: string) => js.replace(/<\/script/gi, '<\\/script').replace(/<!--/g, '<\\!--');

export function sidebarWithShim(sidebarHtml: string, shim: string, functionNames: readonly string[]): string {
  const config = `window.__playgroundScriptRun=${JSON.stringify({ functions: functionNames })};`;
  const tags = `<script>${inlineSafe(config)}</script><script>${inlineSafe(shim)}</script>`;
  const head = /<head[^>]*>/i.exec(sidebarHtml);
  if (!head) return `${tags}${sidebarHtml}`;
  const at = head.index + head[0].length;
  return `${sidebarHtml.slice(0, at)}${tags}${sidebarHtml.slice(at)}`;
}
