// Time for the core: the execution's clock and Utilities.sleep (the only way to wait in Apps Script).
import type { Clock } from '../../core/ports';

export const appsScriptClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => Utilities.sleep(Math.max(0, Math.round(ms))),
};
