/// <reference lib="dom" />
// google.script.run and google.script.host for the sidebar, injected before its own script (as Google's
// iframe provides them). Each call goes to the playground server, which runs the bundle's function as
// the document owner. Apps Script's client rules are kept so the sidebar cannot rely on anything kinder:
// runners are immutable, only the script's own functions exist, arguments must be primitives or plain
// objects and arrays of them (a Date, a function or a DOM node fails the call), handlers get
// (value, userObject), and a failure without a handler is only logged.

interface Handlers {
  success?: (value: unknown, userObject?: unknown) => void;
  failure?: (error: Error, userObject?: unknown) => void;
  userObject?: unknown;
}

type Answer = { ok: true; value: unknown } | { ok: false; error: string };

const MESSAGE = 'sheetgram-playground';
const config = (window as unknown as { __playgroundScriptRun?: { functions: string[] } }).__playgroundScriptRun ?? { functions: [] };

class IllegalValue extends Error {}

/** A copy of an argument as Apps Script would send it, or IllegalValue naming the property. */
function legal(value: unknown, path: string): unknown {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map((v, i) => legal(v, String(i)));
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const copy: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) if (v !== undefined) copy[k] = legal(v, k);
    return copy;
  }
  throw new IllegalValue(`Failed due to illegal value in property: ${path}`);
}

function settle(name: string, handlers: Handlers, answer: Answer): void {
  if (answer.ok) {
    handlers.success?.(answer.value, handlers.userObject);
    return;
  }
  const error = new Error(answer.error);
  if (handlers.failure) handlers.failure(error, handlers.userObject);
  else console.error(`Uncaught ScriptError from ${name}: ${answer.error}`);
}

function send(name: string, args: unknown[], handlers: Handlers): void {
  let copied: unknown[];
  try {
    copied = args.map((a, i) => legal(a, String(i)));
  } catch (error) {
    const message = error instanceof IllegalValue ? error.message : String(error);
    setTimeout(() => settle(name, handlers, { ok: false, error: message }), 0);
    return;
  }
  fetch('/api/script-run', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, args: copied }) })
    .then(async (response) => {
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return (await response.json()) as Answer;
    })
    // Apps Script's words when the connection to Google drops.
    .catch((): Answer => ({ ok: false, error: 'NetworkError: Connection failure due to HTTP 0' }))
    .then((answer) => settle(name, handlers, answer));
}

function runner(handlers: Handlers): Record<string, unknown> {
  const target: Record<string, unknown> = {
    withSuccessHandler: (fn: Handlers['success']) => runner({ ...handlers, success: fn }),
    withFailureHandler: (fn: Handlers['failure']) => runner({ ...handlers, failure: fn }),
    withUserObject: (userObject: unknown) => runner({ ...handlers, userObject }),
  };
  for (const name of config.functions) target[name] = (...args: unknown[]) => send(name, args, handlers);
  return Object.freeze(target);
}

const post = (type: string) => window.parent.postMessage({ source: MESSAGE, type }, location.origin);

(window as unknown as { google: unknown }).google = {
  script: {
    run: runner({}),
    host: {
      close: () => post('close'),
      editor: { focus: () => post('focus-editor') },
      origin: 'https://docs.google.com',
      setHeight: () => undefined,
      setWidth: () => undefined,
    },
  },
};
