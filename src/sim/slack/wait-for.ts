import type { EventEmitter } from 'node:events';
import type { Met, RecordedCall } from './stand-in-types.js';

/**
 * Resolves when `probe` holds: checked at once, after every request the stand-in serves, and
 * every 25 ms (the probe may read state that changes without a Slack call).
 */
export function waitFor<T>(events: EventEmitter, calls: readonly RecordedCall[], probe: () => T, timeoutMs: number): Promise<Met<T>> {
  return new Promise((resolve, reject) => {
    const check = (): void => {
      const value = probe();
      if (value === undefined || value === null || value === false) return;
      cleanup();
      resolve(value as Met<T>);
    };
    const poll = setInterval(check, 25);
    const timer = setTimeout(() => {
      cleanup();
      const last =
        calls
          .slice(-8)
          .map((c) => c.method)
          .join(', ') || 'none';
      reject(new Error(`waitFor: condition not met within ${timeoutMs} ms (last calls: ${last})`));
    }, timeoutMs);
    const cleanup = (): void => {
      clearInterval(poll);
      clearTimeout(timer);
      events.off('call', check);
    };
    events.on('call', check);
    check();
  });
}
