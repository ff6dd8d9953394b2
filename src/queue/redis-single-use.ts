import type { Redis } from 'ioredis';
import type { SingleUse } from '../core/confirmation.js';

/** SingleUse over Redis: `SET key 1 NX PX ttl` succeeds for the first caller only, in any process. */
export function createRedisSingleUse(redis: Redis, prefix: string): SingleUse {
  return {
    async claim(id, ttlMs) {
      const reply = await redis.set(`${prefix}:once:${id}`, '1', 'PX', Math.max(1, Math.ceil(ttlMs)), 'NX');
      return reply === 'OK';
    },
  };
}
