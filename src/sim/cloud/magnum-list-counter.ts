import type { Logger } from '../../core/ports.js';

const LIST_PATH = /^\/container-infra\/v1\/clusters(\/detail)?$/;

/**
 * A logger for `startSim` that counts Magnum cluster-list requests (the sim logs each request
 * at debug level with its method and path): how tests and benchmarks show that polling makes
 * one list call per cloud and interval.
 */
export function createMagnumListCounter(): { logger: Logger; count(): number } {
  let calls = 0;
  const logger: Logger = {
    debug: (meta) => {
      const m = meta as { method?: string; path?: string };
      if (m.method === 'GET' && LIST_PATH.test(m.path ?? '')) calls += 1;
    },
    info: () => undefined,
    warn: () => undefined,
    error: () => undefined,
    child: () => logger,
  };
  return { logger, count: () => calls };
}
