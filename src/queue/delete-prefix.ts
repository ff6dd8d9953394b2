import type { RedisConnection } from './connection.js';
import { withDeadline } from '../core/deadline.js';
import { QueueUnavailableError } from '../core/errors.js';

const READY_WAIT_MS = 2_000;

/** Deletes every key under `prefix:` (a demo's or a test's queue, audit log and stores). */
export async function deleteKeysWithPrefix(connection: RedisConnection, prefix: string): Promise<number> {
  const client = connection.client;
  if (client.status !== 'ready') {
    await withDeadline(new Promise((resolve) => client.once('ready', resolve)), READY_WAIT_MS, () => new QueueUnavailableError());
  }
  let cursor = '0';
  let deleted = 0;
  do {
    const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
    if (keys.length > 0) deleted += await client.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  return deleted;
}
