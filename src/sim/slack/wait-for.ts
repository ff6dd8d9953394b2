import type { EventEmitter } from 'node:events';
import type { Met, RecordedCall } from './stand-in-types.js';

/**
 * Resolves when `probe` holds: checked at once, after every request the stand-in serves, and
 * every 25 ms (the probe may read state that changes without a Slack call).
 */
export function waitFor<T>(
  events: EventEmitter,
  calls: readonly RecordedCall[],
  probe: () => T extends PromiseLike<unknown> ? never : T,
  timeoutMs: number,
): Promise<Met<T>> {
  return new Promise((resolve, reject) => {
    const check = (): void => {
      const value = probe();
      // A Promise is truthy at once: the wait would end before anything it asks about happened.
      if (typeof (value as { then?: unknown } | null)?.then === 'function') {
        cleanup();
        reject(new TypeError('waitFor: the probe must answer synchronously (it returned a Promise)'));
        return;
      }
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
