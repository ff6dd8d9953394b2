import type { Clock, Logger } from '../../../src/core/ports.js';

/** A clock the test moves by hand. */
export function fakeClock(start = Date.UTC(2026, 10, 21, 12, 0, 0)): Clock & { advance(ms: number): void } {
  let now = start;
  return { now: () => now, advance: (ms) => void (now += ms) };
}

export interface LogLine {
  level: 'debug' | 'info' | 'warn' | 'error';
  meta: object;
  msg: string;
}

/** A Logger that keeps every line for assertions. */
export function recordingLogger(lines: LogLine[] = []): Logger & { lines: LogLine[] } {
  const at = (level: LogLine['level']) => (meta: object, msg: string) => void lines.push({ level, meta, msg });
  const logger = { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error'), child: () => logger };
  return logger;
}
