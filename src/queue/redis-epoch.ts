import { randomUUID } from 'node:crypto';
import type { ChainableCommander, Redis } from 'ioredis';
import { replyAt, type Replies } from './reply-at.js';

/**
 * The marker in Redis (`PREFIX:epoch`): a random value set once, which lives as long as Redis
 * keeps its data. Another value means a Redis that lost its data (restarted without persistence).
 */
export interface RedisEpoch {
  /** Asks Redis (one round trip), setting the marker when there is none. */
  current(): Promise<string>;
  /**
   * The marker as this connection last read it, asked again only when the connection is another
   * one than then (every restart of Redis drops it) or none was read yet: free on the way to a
   * queued job, which goes over the same connection.
   */
  remembered(): Promise<string>;
}

const epochKey = (prefix: string) => `${prefix}:epoch`;

/** Adds to a transaction (MULTI, any Redis version): set the marker when there is none, then read it; two replies. */
export function askEpoch(tx: ChainableCommander, prefix: string): ChainableCommander {
  return tx.set(epochKey(prefix), randomUUID(), 'NX').get(epochKey(prefix));
}

/** The marker from the replies of a transaction whose `at`-th command began `askEpoch`. */
export function epochFrom(replies: Replies, at = 0): string {
  const value = replyAt(replies, at + 1);
  if (typeof value !== 'string') throw new Error('epoch marker vanished');
  return value;
}

/** The marker over a connection the caller owns. */
export function redisEpoch(client: Redis, prefix: string): RedisEpoch {
  let last: { stream: unknown; value: string } | undefined;
  async function current(): Promise<string> {
    const stream = client.stream;
    const value = epochFrom(await askEpoch(client.multi(), prefix).exec());
    // Remembered only if answered on the connection it was asked on (a reconnect in between may be another Redis).
    if (client.stream === stream) last = { stream, value };
    return value;
  }
  return {
    current,
    async remembered() {
      if (last !== undefined && last.stream === client.stream && client.status === 'ready') return last.value;
      return current();
    },
  };
}
