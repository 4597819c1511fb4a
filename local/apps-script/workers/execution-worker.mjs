// One execution of a concurrent run (see host.ts): loads the bundle into its own gas-local context
// whose service globals are handles to the main thread's services, reached synchronously: post a
// request, Atomics.wait until the main thread answers, read the answer off the port.
// Plain JavaScript so that it runs in a worker without a TypeScript loader. Mirrors wire.ts.
import { createRequire } from 'node:module';
import { receiveMessageOnPort, workerData } from 'node:worker_threads';

const { bundleDir, signal, port, roots, functionName, args, startedAt } = workerData;
const flag = new Int32Array(signal);
const HANDLE = Symbol('handle');
/** This execution's own virtual time, as the main thread last reported it. */
let now = startedAt;

function ask(message) {
  Atomics.store(flag, 0, 0);
  port.postMessage(message);
  // Wake on the main thread's signal, but take the answer only once it is really in the port: a
  // wake-up with nothing to read waits again (briefly, so a lost notify cannot hang the run).
  let received;
  for (;;) {
    Atomics.wait(flag, 0, 0, 50);
    received = receiveMessageOnPort(port);
    if (received) break;
  }
  const reply = received.message;
  now = reply.time;
  if ('error' in reply) throw new Error(reply.error);
  return reply.value;
}

const proxies = new Map();
const functionMembers = new Map();

function proxyFor(id) {
  let proxy = proxies.get(id);
  if (proxy) return proxy;
  const known = new Map();
  functionMembers.set(id, known);
  proxy = new Proxy(function () {}, {
    get(_target, prop) {
      if (prop === HANDLE) return id;
      if (typeof prop === 'symbol' || prop === 'then') return undefined;
      if (known.get(prop)) return (...callArgs) => decode(ask({ op: 'call', id, prop, args: callArgs.map(encode) }));
      const member = ask({ op: 'get', id, prop });
      if (member && member.t === 'function') {
        known.set(prop, true);
        return (...callArgs) => decode(ask({ op: 'call', id, prop, args: callArgs.map(encode) }));
      }
      return decode(member);
    },
    set(_target, prop, value) {
      ask({ op: 'set', id, prop: String(prop), value: encode(value) });
      return true;
    },
    apply(_target, _this, callArgs) {
      return decode(ask({ op: 'apply', id, args: callArgs.map(encode) }));
    },
  });
  proxies.set(id, proxy);
  return proxy;
}

function encode(value) {
  if (value === null || value === undefined || typeof value !== 'object') {
    if (typeof value === 'function') {
      if (value[HANDLE] !== undefined) return { t: 'handle', id: value[HANDLE] };
      throw new Error('A function cannot be passed to a service in a concurrent run');
    }
    return value;
  }
  if (Object.prototype.toString.call(value) === '[object Date]') return { t: 'date', v: value.getTime() };
  if (Array.isArray(value)) return { t: 'array', v: value.map(encode) };
  return { t: 'object', v: Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encode(v)])) };
}

function decode(wire) {
  if (wire === null || typeof wire !== 'object') return wire;
  if (wire.t === 'date') return new Date(wire.v);
  if (wire.t === 'array') return wire.v.map(decode);
  if (wire.t === 'object') return Object.fromEntries(Object.entries(wire.v).map(([k, v]) => [k, decode(v)]));
  return proxyFor(wire.id);
}

const VirtualDate = new Proxy(Date, {
  construct: (target, a) => (a.length === 0 ? new target(now) : new target(...a)),
  apply: (target) => new target(now).toString(),
  get: (target, prop, receiver) => (prop === 'now' ? () => now : Reflect.get(target, prop, receiver)),
});

let outcome;
try {
  const globals = { Date: VirtualDate };
  for (const [name, id] of Object.entries(roots)) globals[name] = proxyFor(id);
  const gas = createRequire(import.meta.url)('gas-local');
  const context = gas.require(bundleDir, globals, { filter: (path) => path.endsWith('.js') });
  const fn = context[functionName];
  if (typeof fn !== 'function') throw new Error(`Script function not found: ${functionName}`);
  outcome = { op: 'result', value: encode(fn(...args.map(decode))) };
} catch (error) {
  outcome = { op: 'result', error: error && typeof error === 'object' && 'message' in error ? String(error.message) : String(error) };
}
port.postMessage(outcome);
port.close();
