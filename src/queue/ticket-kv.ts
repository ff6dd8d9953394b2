import type { Redis } from 'ioredis';

/** The key-value calls the tickets module's TicketKv needs (same shape; `queue/` may not import `tickets/`). */
export interface RedisTicketKv {
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ttlMs: number): Promise<void>;
  /** SET NX PX: true when the key was absent and is now set. */
  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>;
  del(key: string): Promise<void>;
}

/**
 * Adapts an ioredis client to the tickets module's TicketKv (SET PX, SET NX PX, DEL); also the
 * watch store. `keyPrefix` is put before every key (e.g. the queue prefix plus `:`).
 */
export function createRedisTicketKv(redis: Redis, keyPrefix = ''): RedisTicketKv {
  const k = (key: string) => `${keyPrefix}${key}`;
  return {
    get: (key) => redis.get(k(key)),
    async set(key, value, ttlMs) {
      await redis.set(k(key), value, 'PX', Math.max(1, Math.round(ttlMs)));
    },
    async setIfAbsent(key, value, ttlMs) {
      return (await redis.set(k(key), value, 'PX', Math.max(1, Math.round(ttlMs)), 'NX')) === 'OK';
    },
    async del(key) {
      await redis.del(k(key));
    },
  };
}
