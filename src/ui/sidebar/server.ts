// Promises over google.script.run, typed by the RPC contract. A failure handler is always set (without
// one, Apps Script only logs to the console and the sidebar would wait forever).
import type { SidebarServer } from '../../contract/sidebar';
import { busy } from './busy';

type Name = keyof SidebarServer;
type Result<K extends Name> = ReturnType<SidebarServer[K]>;

function send<K extends Name>(name: K, args: unknown[]): Promise<Result<K>> {
  return new Promise<Result<K>>((resolve, reject) => {
    const runner = google.script.run
      .withSuccessHandler((value: Result<K>) => resolve(value))
      .withFailureHandler((error: Error) => reject(error));
    runner[name](...(args as google.script.Parameter[]));
  });
}

/** A server call the user is waiting for: the spinner shows until it settles. */
export function call<K extends Name>(name: K, ...args: Parameters<SidebarServer[K]>): Promise<Result<K>> {
  const done = busy.start();
  return send(name, args).finally(done);
}

/** Background polling: no spinner, so progress updates do not make the page flicker. */
export function quietCall<K extends Name>(name: K, ...args: Parameters<SidebarServer[K]>): Promise<Result<K>> {
  return send(name, args);
}
