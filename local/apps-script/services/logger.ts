// Logger and console: what the script logs is recorded in rt.logs (and printed only when asked).
import { enterService, guarded, type Platform } from '../platform';
import { formatString } from './utilities/format-string';

export interface LogEntry {
  time: number;
  user: string;
  source: 'Logger' | 'console';
  level: 'log' | 'info' | 'warn' | 'error';
  message: string;
}

export class LogBook {
  readonly entries: LogEntry[] = [];
  constructor(private readonly print = false) {}

  add(entry: LogEntry): void {
    this.entries.push(entry);
    if (this.print) process.stderr.write(`[${entry.source}.${entry.level}] ${entry.message}\n`);
  }
}

function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof Error || (value && typeof value === 'object' && 'stack' in value && 'message' in value)) return String((value as Error).stack ?? (value as Error).message);
  if (value && typeof value === 'object') {
    try {
      return JSON.stringify(value);
    } catch {
      return String(value);
    }
  }
  return String(value);
}

export function createLogger(platform: Platform, book: LogBook): GoogleAppsScript.Base.Logger {
  const record = (method: string, message: string) => {
    const execution = enterService(platform, 'Logger', method);
    book.add({ time: platform.clock.now(), user: execution.user.email, source: 'Logger', level: 'log', message });
  };
  const logger = {
    log(data: unknown, ...values: unknown[]) {
      record('log', values.length > 0 ? formatString(String(data), values) : textOf(data));
      return self;
    },
    getLog: () => (enterService(platform, 'Logger', 'getLog'), book.entries.filter((e) => e.source === 'Logger').map((e) => e.message).join('\n')),
    clear() {
      enterService(platform, 'Logger', 'clear');
    },
  };
  const self = guarded('Logger', logger) as unknown as GoogleAppsScript.Base.Logger;
  return self;
}

export function createConsole(platform: Platform, book: LogBook): Pick<Console, 'log' | 'info' | 'warn' | 'error'> {
  const at = (level: LogEntry['level']) => (...args: unknown[]) => {
    const execution = enterService(platform, 'console', level);
    book.add({ time: platform.clock.now(), user: execution.user.email, source: 'console', level, message: args.map(textOf).join(' ') });
  };
  return guarded('console', { log: at('log'), info: at('info'), warn: at('warn'), error: at('error') });
}
