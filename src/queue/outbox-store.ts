import type { Redis } from 'ioredis';
import type { OutboxStore, PostRecord } from '../core/outbox-store.js';
import { luaScript } from './lua-script.js';

/** How long a keyed post is remembered: longer than any job's retries. */
const POST_TTL_MS = 7 * 24 * 3600_000;
/** An idle bucket is full again long before this. */
const BUCKET_TTL_MS = 10 * 60_000;

/**
 * The token bucket, in one script so that concurrent processes never both take the last token.
 * Redis's own clock (TIME) is the only clock, so processes on different hosts agree.
 * KEYS: bucket, pause. ARGV: tokens per ms, burst, bucket ttl ms. Returns 0 or ms to wait.
 */
const TAKE = `
local pause = redis.call('PTTL', KEYS[2])
if pause > 0 then return pause end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local perMs = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local b = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(b[1]) or burst
local at = tonumber(b[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - at) * perMs)
local wait = 0
if tokens >= 1 then tokens = tokens - 1 else wait = math.ceil((1 - tokens) / perMs) end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return wait
`;

/** The record of a keyed post, or (none yet) the intent recorded. KEYS: post. ARGV: intent, ttl ms. */
const BEGIN_POST = `
local earlier = redis.call('GET', KEYS[1])
if earlier then return earlier end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return false
`;

/** The outbox's shared state in Redis: token buckets per Slack method (and channel), keyed posts. */
export function createRedisOutboxStore(redis: Redis, prefix: string): OutboxStore {
  const key = (kind: string, id: string) => `${prefix}:outbox:${kind}:${id}`;
  const take = luaScript(redis, TAKE, 2);
  const beginPost = luaScript(redis, BEGIN_POST, 1);
  return {
    async take(bucket, perMinute, burst) {
      const wait = await take(key('bucket', bucket), key('pause', bucket), perMinute / 60_000, burst, BUCKET_TTL_MS);
      return Number(wait);
    },
    async pause(bucket, ms) {
      await redis.set(key('pause', bucket), '1', 'PX', Math.max(1, Math.ceil(ms)));
    },
    async getPost(id) {
      const raw = await redis.get(key('post', id));
      return raw === null ? null : (JSON.parse(raw) as PostRecord);
    },
    async beginPost(id, intent) {
      const earlier = await beginPost(key('post', id), JSON.stringify(intent), POST_TTL_MS);
      return typeof earlier === 'string' ? (JSON.parse(earlier) as PostRecord) : null;
    },
    async putPost(id, record) {
      await redis.set(key('post', id), JSON.stringify(record), 'PX', POST_TTL_MS);
    },
    async deletePost(id) {
      await redis.del(key('post', id));
    },
  };
}
