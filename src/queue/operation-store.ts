import type { Redis } from 'ioredis';
import type { OperationStore } from '../core/operation-store.js';

export type { OperationStore } from '../core/operation-store.js';

const SESSION_SCRIPT = `
local current = redis.call('GET', KEYS[1])
if current then return {tonumber(current), 0} end
local session = redis.call('INCR', KEYS[2])
redis.call('SET', KEYS[1], session, 'PX', ARGV[1])
return {session, 1}`;

// A lapsed lease is taken back by its session, so a long outage cannot strand the operations.
const REFRESH_SCRIPT = `
local current = redis.call('GET', KEYS[1])
if current and current ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1`;

const STOP_SCRIPT = `
if redis.call('HLEN', KEYS[2]) > 0 then return 0 end
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
return 1`;

const RESERVE_SCRIPT = `
redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2])
return redis.call('GET', KEYS[1])`;

const RELEASE_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
return 1`;

/** The store over an ioredis client the caller owns (and closes). */
export function createOperationStore(redis: Redis, prefix: string): OperationStore {
  const opsKey = (cloud: string) => `${prefix}:ops:${cloud}`;
  const leaseKey = (cloud: string) => `${prefix}:ops-poller:${cloud}`;
  const seqKey = (cloud: string) => `${prefix}:ops-poller-seq:${cloud}`;
  const nameKey = (cloud: string, name: string) => `${prefix}:ops-name:${cloud}:${name}`;
  const parse = (raw: string | null | undefined): unknown => {
    if (raw === null || raw === undefined) return undefined;
    try {
      return JSON.parse(raw) as unknown;
    } catch {
      return undefined;
    }
  };
  return {
    async put(cloud, id, record) {
      // Two commands, not a MULTI: ioredis copies every defined script (BullMQ's, on a shared
      // connection) into each pipeline it builds. The cloud is listed first, so an operation is
      // never stored in a cloud the set lacks (a listed cloud without operations counts 0).
      await redis.sadd(cloudsKey(prefix), cloud);
      await redis.hset(opsKey(cloud), id, JSON.stringify(record));
    },
    async get(cloud, id) {
      return parse(await redis.hget(opsKey(cloud), id));
    },
    async list(cloud) {
      const all = await redis.hvals(opsKey(cloud));
      return all.map(parse).filter((r) => r !== undefined);
    },
    async remove(cloud, id) {
      await redis.hdel(opsKey(cloud), id);
    },
    async writeMany(cloud, { put, remove }) {
      // One HSET of every update and one HDEL of every ended operation, sent together (ioredis
      // writes them back to back), not a MULTI (see put). Updates only rewrite operations already
      // tracked, so their cloud is listed; an HDEL lost in a crash is done again by the next poll.
      const writes: Array<Promise<unknown>> = [];
      if (put.length > 0) writes.push(redis.hset(opsKey(cloud), ...put.flatMap(({ id, record }) => [id, JSON.stringify(record)])));
      if (remove.length > 0) writes.push(redis.hdel(opsKey(cloud), ...remove));
      await Promise.all(writes);
    },
    async pollerSession(cloud, ttlMs) {
      const reply = (await redis.eval(SESSION_SCRIPT, 2, leaseKey(cloud), seqKey(cloud), String(ttlMs))) as [number, number];
      return { session: Number(reply[0]), started: Number(reply[1]) === 1 };
    },
    async refreshPoller(cloud, session, ttlMs) {
      return Number(await redis.eval(REFRESH_SCRIPT, 1, leaseKey(cloud), String(session), String(ttlMs))) === 1;
    },
    async stopPollerIfIdle(cloud, session) {
      return Number(await redis.eval(STOP_SCRIPT, 2, leaseKey(cloud), opsKey(cloud), String(session))) === 1;
    },
    async reserveName(cloud, name, holder, ttlMs) {
      return String(await redis.eval(RESERVE_SCRIPT, 1, nameKey(cloud, name), holder, String(ttlMs)));
    },
    async releaseName(cloud, name, holder) {
      await redis.eval(RELEASE_SCRIPT, 1, nameKey(cloud, name), holder);
    },
  };
}

/** The set of clouds that have had tracked operations, so a metrics scrape needs no SCAN of the keyspace. */
const cloudsKey = (prefix: string) => `${prefix}:ops-clouds`;

/** Tracked operations by cloud, for the metrics scrape: the clouds from their set, then one HLEN each in one round trip. */
export async function countTrackedOperations(redis: Redis, prefix: string): Promise<Record<string, number>> {
  const clouds = await redis.smembers(cloudsKey(prefix));
  const pipeline = redis.pipeline();
  for (const cloud of clouds) pipeline.hlen(`${prefix}:ops:${cloud}`);
  const replies = clouds.length === 0 ? [] : ((await pipeline.exec()) ?? []);
  const counts: Record<string, number> = {};
  clouds.forEach((cloud, i) => {
    const [error, count] = replies[i] ?? [null, 0];
    if (error === null) counts[cloud] = Number(count);
  });
  return counts;
}

/** The clouds that have (or had) tracked operations. */
export function trackedClouds(redis: Redis, prefix: string): Promise<string[]> {
  return redis.smembers(cloudsKey(prefix));
}
