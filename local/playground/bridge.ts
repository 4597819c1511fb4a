// The server half of google.script.run: the sidebar's shim posts {name, args}; we run that global of
// the real bundle as the document owner, as Apps Script does for a sidebar, and answer what the
// sidebar's handlers would get: the value, copied under Apps Script's rules, or the error's message.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GOOGLE_ERRORS } from '../apps-script/platform';
import type { Runtime } from '../apps-script/runtime';

/** What the shim gets back: the success handler's value, or the failure handler's Error message. */
export type ScriptRunAnswer = { ok: true; value: unknown } | { ok: false; error: string };

/**
 * The functions google.script.run offers: every top-level function of Code.js (the build writes one
 * stub per export at column 0) except private ones, whose names end in an underscore.
 */
export function serverFunctionNames(bundleDir: string): string[] {
  const code = readFileSync(join(bundleDir, 'Code.js'), 'utf8');
  return [...code.matchAll(/^function ([A-Za-z_$][\w$]*)\s*\(/gm)].map((m) => m[1]).filter((name) => !name.endsWith('_'));
}

/** A plain object of any realm: its prototype is null or some realm's Object.prototype. */
function isPlainObject(v: object): boolean {
  const proto = Object.getPrototypeOf(v) as object | null;
  return proto === null || Object.getPrototypeOf(proto) === null;
}

/**
 * A return value as the client receives it. Primitives, plain objects and arrays pass (undefined
 * members dropped, as in JSON); Apps Script answers null for a value holding a Date, a function or
 * any other object, which is what the sidebar would see in Sheets. Values come from the bundle's vm
 * realm, so plain objects are told by their prototype chain, not instanceof.
 */
export function clientValue(value: unknown): { value: unknown; refused?: string } {
  const refuse = (path: string): never => {
    throw new RefusedValue(path);
  };
  const copy = (v: unknown, path: string): unknown => {
    if (v === undefined || v === null) return null;
    if (typeof v === 'number') return Number.isFinite(v) ? v : null;
    if (typeof v === 'string' || typeof v === 'boolean') return v;
    if (Array.isArray(v)) return v.map((item, i) => copy(item, `${path}[${i}]`));
    if (typeof v === 'object' && isPlainObject(v)) {
      const out: Record<string, unknown> = {};
      for (const [k, item] of Object.entries(v as Record<string, unknown>)) if (item !== undefined) out[k] = copy(item, path ? `${path}.${k}` : k);
      return out;
    }
    return refuse(path || '(the value)');
  };
  try {
    return { value: copy(value, '') };
  } catch (error) {
    if (error instanceof RefusedValue) return { value: null, refused: error.path };
    throw error;
  }
}

class RefusedValue extends Error {
  constructor(readonly path: string) {
    super(path);
  }
}

export function runServerFunction(rt: Runtime, names: readonly string[], name: unknown, args: unknown): ScriptRunAnswer {
  const fn = String(name);
  // Only the script's own functions: the vm's globals also hold Function, eval and the services.
  if (!names.includes(fn)) return { ok: false, error: GOOGLE_ERRORS.noSuchFunction(fn) };
  const list = Array.isArray(args) ? args : [];
  try {
    const raw: unknown = rt.call(fn, list);
    const { value, refused } = clientValue(raw);
    if (refused) console.warn(`playground: ${fn} returned a value Apps Script cannot send (at ${refused}); the sidebar receives null`);
    return { ok: true, value };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, error: message };
  }
}
