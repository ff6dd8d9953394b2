import type { Redis } from 'ioredis';

/** The key-value calls the tickets module's TicketKv needs (same shape; `queue/` may not import `tickets/`). */
export interface RedisTicketKv {
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ttlMs: number): Promise<void>;
  /** SET NX PX: true when the key was absent and is now set. */
  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>;
  del(key: string): Promise<void>;
  /** A lock held by `owner`: taken when absent, renewed (PX) when `owner` holds it already; false when another holds it. */
  lock(key: string, owner: string, ttlMs: number): Promise<boolean>;
  /** Releases the lock only if `owner` holds it. */
  unlock(key: string, owner: string): Promise<void>;
}

const LOCK = `
local held = redis.call('GET', KEYS[1])
if held and held ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1
`;
const UNLOCK = `
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
return 1
`;

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
    async lock(key, owner, ttlMs) {
      return (await redis.eval(LOCK, 1, k(key), owner, String(Math.max(1, Math.round(ttlMs))))) === 1;
    },
    async unlock(key, owner) {
      await redis.eval(UNLOCK, 1, k(key), owner);
    },
  };
}
