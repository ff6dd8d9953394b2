import type { Redis } from 'ioredis';
import type { ClaimResult, SingleUse } from '../core/confirmation.js';
import { luaScript } from './lua-script.js';

/**
 * One round trip: the store's memory start (`since`, set once, kept without expiry) and the
 * claim. A Redis restarted without persistence has lost both the claims and `since`: the first
 * call after it sets `since` to now, so anything made before then is `forgotten`, not `first`.
 */
const CLAIM = `
local since = tonumber(redis.call('GET', KEYS[1]))
if not since then
  since = tonumber(ARGV[1])
  redis.call('SET', KEYS[1], ARGV[1])
end
if ARGV[2] ~= '' and tonumber(ARGV[2]) < since then
  if redis.call('EXISTS', KEYS[2]) == 1 then return 'used' end
  return 'forgotten'
end
if redis.call('SET', KEYS[2], '1', 'PX', ARGV[3], 'NX') then return 'first' end
return 'used'
`;

export interface RedisSingleUse extends SingleUse {
  /** Records the memory's start when none is recorded (a fresh Redis): call once at startup. */
  start(): Promise<void>;
}

/**
 * SingleUse over Redis: `SET key 1 NX PX ttl` succeeds for the first caller only, in any process.
 * With `madeAtMs`, a claim on something older than the memory's start is `forgotten`.
 */
export function createRedisSingleUse(redis: Redis, prefix: string, options: { now?: () => number; scope?: string } = {}): RedisSingleUse {
  const now = options.now ?? Date.now;
  // One memory start per clock: confirmations are stamped by the bot's clock, signatures by Slack's.
  const sinceKey = `${prefix}:once-since:${options.scope ?? 'default'}`;
  const claim = luaScript(redis, CLAIM, 2);
  return {
    async start() {
      await redis.set(sinceKey, String(now()), 'NX');
    },
    async claim(id, ttlMs, madeAtMs) {
      const reply = await claim(
        sinceKey,
        `${prefix}:once:${id}`,
        String(now()),
        madeAtMs === undefined ? '' : String(Math.floor(madeAtMs)),
        String(Math.max(1, Math.ceil(ttlMs))),
      );
      return reply as ClaimResult;
    },
  };
}
