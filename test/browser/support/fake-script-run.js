// A scripted stand-in for google.script.run, injected into the page before the sidebar's own script.
// It keeps Apps Script's rules so the sidebar cannot rely on anything kinder: immutable runner builders,
// calls only to the server functions that exist, arguments and results copied, Dates/functions/DOM
// nodes refused, at most 10 calls out at once (the 11th waits), no handler = logged to the console.
// Plain browser JavaScript on purpose: it is injected as text by page.addInitScript.
/* global window */
(function () {
  const MAX_CONCURRENT = 10;

  window.__installFakeScriptRun = function install(script) {
    const answers = script.answers;
    const calls = [];
    const held = {};
    const queue = [];
    let out = 0;
    window.__calls = calls;
    window.__maxConcurrent = 0;
    window.__pending = () => out + queue.length;

    /** Apps Script refuses anything that is not a primitive or a plain object/array of them. */
    function copyLegal(value, path) {
      if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
      if (value === undefined) return null;
      if (Array.isArray(value)) return value.map((v, i) => copyLegal(v, i));
      if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
        const copy = {};
        for (const key of Object.keys(value)) if (value[key] !== undefined) copy[key] = copyLegal(value[key], key);
        return copy;
      }
      throw new Error('Failed due to illegal value in property: ' + path);
    }

    function nextAnswer(name) {
      const list = answers[name];
      if (!list || list.length === 0) return { error: 'ScriptError: no scripted answer for ' + name };
      return list.length > 1 ? list.shift() : list[0];
    }

    function settle(answer, handlers, name) {
      const fail = (message) => {
        const error = new Error(message);
        if (handlers.failure) handlers.failure(error, handlers.userObject);
        else console.log('Uncaught failure from ' + name + ': ' + message);
      };
      if ('error' in answer) return fail(answer.error);
      const value = JSON.parse(JSON.stringify(answer.value === undefined ? null : answer.value));
      if (handlers.success) handlers.success(value, handlers.userObject);
    }

    function startCall(name, args, handlers) {
      out += 1;
      window.__maxConcurrent = Math.max(window.__maxConcurrent, out);
      const finish = (answer) => {
        out -= 1;
        settle(answer, handlers, name);
        const next = queue.shift();
        if (next) next();
      };
      let copied;
      try {
        copied = args.map((a, i) => copyLegal(a, String(i)));
      } catch (error) {
        calls.push({ name, args: null, refused: String(error.message) });
        setTimeout(() => finish({ error: error.message }), 0);
        return;
      }
      calls.push({ name, args: copied });
      const answer = nextAnswer(name);
      if ('hold' in answer) {
        held[answer.hold] = finish;
        return;
      }
      setTimeout(() => finish(answer), answer.delayMs || 0);
    }

    function runner(handlers) {
      const target = {
        withSuccessHandler: (fn) => runner({ ...handlers, success: fn }),
        withFailureHandler: (fn) => runner({ ...handlers, failure: fn }),
        withUserObject: (obj) => runner({ ...handlers, userObject: obj }),
      };
      for (const name of script.serverFunctions) {
        target[name] = (...args) => {
          if (out < MAX_CONCURRENT) startCall(name, args, handlers);
          else queue.push(() => startCall(name, args, handlers));
        };
      }
      return Object.freeze(target);
    }

    /** Lets a held call answer: release('run', {value: ...}) or release('run', {error: '...'}). */
    window.__release = (key, answer) => {
      const finish = held[key];
      if (!finish) throw new Error('nothing held under ' + key);
      delete held[key];
      finish(answer);
    };
    /** Replaces the answers of a server function while the page runs (the last answer repeats). */
    window.__setAnswers = (name, list) => {
      answers[name] = list.slice();
    };

    window.google = { script: { run: runner({}), host: { close() {}, editor: { focus() {} }, origin: 'https://docs.google.com' } } };
  };
})();
