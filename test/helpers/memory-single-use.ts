import type { Clock } from '../../src/core/ports.js';
import type { SingleUse } from '../../src/core/confirmation.js';

/** A SingleUse held in memory, for tests; entries expire by the given clock. */
export function createMemorySingleUse(clock: Clock): SingleUse {
  const expiries = new Map<string, number>();
  return {
    async claim(id, ttlMs) {
      const now = clock.now();
      for (const [key, until] of expiries) if (until <= now) expiries.delete(key);
      if (expiries.has(id)) return false;
      expiries.set(id, now + ttlMs);
      return true;
    },
  };
}
