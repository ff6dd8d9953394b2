import type { Clock } from '../../src/core/ports.js';
import type { SingleUse } from '../../src/core/confirmation.js';

/** A SingleUse held in memory, for tests; entries expire by the given clock. Its memory starts when made. */
export function createMemorySingleUse(clock: Clock): SingleUse {
  const expiries = new Map<string, number>();
  const since = clock.now();
  return {
    async claim(id, ttlMs, madeAtMs) {
      const now = clock.now();
      for (const [key, until] of expiries) if (until <= now) expiries.delete(key);
      if (expiries.has(id)) return 'used';
      if (madeAtMs !== undefined && madeAtMs < since) return 'forgotten';
      expiries.set(id, now + ttlMs);
      return 'first';
    },
  };
}
