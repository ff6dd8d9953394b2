import { deleteKeysWithPrefix } from '../../../src/queue/delete-prefix.js';
/** Shared set-up for the queue integration tests: unique prefixes, cleanup, polling, redis-servers. */
import { randomUUID } from 'node:crypto';
import { createSilentLogger } from '../../../src/logging/logger.js';
import { createRedisConnection, type RedisConnection } from '../../../src/queue/connection.js';
import { startPrivateRedis, type PrivateRedis } from '../../helpers/private-redis.js';

export const REDIS_URL = 'redis://127.0.0.1:6379';
export const silentLogger = createSilentLogger();

export function uniquePrefix(): string {
  return `test-${randomUUID()}`;
}

/** Deletes every key under the prefix (what `Queue.obliterate` does for one queue). */
export async function deletePrefix(url: string, prefix: string): Promise<void> {
  const connection = createRedisConnection(url, 'worker', silentLogger);
  try {
    await deleteKeysWithPrefix(connection, prefix);
  } finally {
    await connection.close();
  }
}

/** Polls until `check` holds; the jest timeout bounds the wait. */
export async function eventually(check: () => boolean | Promise<boolean>, pollMs = 25): Promise<void> {
  for (;;) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

/** A promise plus its resolve, for "the processor has reached this point". */
export function signal<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/**
 * A redis-server of the suite's own without persistence (its traffic and command counts are the
 * suite's only), with a producer connection: started before the suite's tests, stopped after.
 */
export function privateRedisForSuite(): { redis: () => PrivateRedis; producer: () => RedisConnection } {
  let redis: PrivateRedis | undefined;
  let producer: RedisConnection | undefined;
  beforeAll(async () => {
    redis = await startPrivateRedis({ appendOnly: false });
    const connection = createRedisConnection(redis.url, 'producer', silentLogger);
    producer = connection;
    await eventually(() => connection.client.status === 'ready');
  });
  afterAll(async () => {
    await producer?.close();
    await redis?.stop();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the private redis-server is started in beforeAll');
    return value;
  };
  return { redis: () => started(redis), producer: () => started(producer) };
}
