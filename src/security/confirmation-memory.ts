import type { Clock } from '../core/ports.js';
import type { SingleUse } from '../core/confirmation.js';

/** A SingleUse held in memory (unit tests, single-process demo); entries expire by the given clock. */
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
