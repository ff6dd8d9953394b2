import { LogLevel, type Logger as BoltLogger } from '@slack/web-api';
import type { Logger } from '../core/ports.js';

/**
 * Bolt and the WebClient log with `(...msg)`; our logger wants `(meta, msg)`. The level is
 * decided by our logger (pino), so `setLevel` only records what Bolt asked for.
 */
export function toBoltLogger(logger: Logger): BoltLogger {
  let level: LogLevel = LogLevel.INFO;
  const log = logger.child({ lib: 'bolt' });
  const join = (parts: unknown[]): string => parts.map((part) => (part instanceof Error ? part.message : String(part))).join(' ');
  return {
    debug: (...msg: unknown[]) => log.debug({}, join(msg)),
    info: (...msg: unknown[]) => log.info({}, join(msg)),
    warn: (...msg: unknown[]) => log.warn({}, join(msg)),
    error: (...msg: unknown[]) => log.error({}, join(msg)),
    setLevel: (next: LogLevel) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}
