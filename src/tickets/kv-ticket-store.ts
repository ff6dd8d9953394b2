import { z } from 'zod';
import { parseStored } from '../core/parse-stored.js';
import { TICKET_SINK_NAMES, type StoredTicket, type TicketStore } from './types.js';

/** The few key-value calls a TicketStore needs; `queue/` adapts ioredis to it (SET PX, SET NX PX, DEL). */
export interface TicketKv {
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ttlMs: number): Promise<void>;
  /** SET NX PX: true when the key was absent and is now set. */
  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>;
  del(key: string): Promise<void>;
  /** A lock held by `owner`: taken when absent, renewed when `owner` holds it already; false when another holds it. */
  lock(key: string, owner: string, ttlMs: number): Promise<boolean>;
  /** Releases the lock only if `owner` holds it. */
  unlock(key: string, owner: string): Promise<void>;
}

const Stored = z.object({
  ref: z.object({ sink: z.enum(TICKET_SINK_NAMES), id: z.string(), url: z.string().optional(), display: z.string() }),
  bundleDigest: z.string(),
  sourceKey: z.string().optional(),
  at: z.number(),
});

/** A thread's ticket is kept this long after its last attach (a support case's life, roughly). */
export const TICKET_REF_TTL_MS = 90 * 24 * 3600 * 1000;

/** A TicketStore over a key-value store (Redis in production): JSON values, SET NX locks. */
export function createKvTicketStore(kv: TicketKv, prefix = 'tickets'): TicketStore {
  const refKey = (threadKey: string) => `${prefix}:ref:${threadKey}`;
  const lockKey = (threadKey: string) => `${prefix}:lock:${threadKey}`;
  return {
    async get(threadKey) {
      return (parseStored(Stored, await kv.get(refKey(threadKey))) as StoredTicket | undefined) ?? null;
    },
    async set(threadKey, value) {
      await kv.set(refKey(threadKey), JSON.stringify(value), TICKET_REF_TTL_MS);
    },
    tryLock: (threadKey, ttlMs, owner) => kv.lock(lockKey(threadKey), owner, ttlMs),
    unlock: (threadKey, owner) => kv.unlock(lockKey(threadKey), owner),
  };
}
