/** The outbox's state in Redis: token buckets every process shares, pauses, keyed posts. */
import { createRedisOutboxStore } from '../../../src/queue/outbox-store.js';
import { redisKit } from '../security/redis-kit.js';

describe('the Redis outbox store', () => {
  const kit = redisKit();

  afterAll(async () => {
    await kit.cleanup();
  });

  it('shares one token bucket between processes: the burst, then the time to the next token', async () => {
    const one = createRedisOutboxStore(kit.redis, kit.prefix);
    const other = createRedisOutboxStore(kit.redis, kit.prefix);

    const waits = [await one.take('chat.update', 60, 3), await other.take('chat.update', 60, 3), await one.take('chat.update', 60, 3)];
    const next = await other.take('chat.update', 60, 3);
    const elsewhere = await other.take('chat.postMessage:C1', 60, 3);

    expect(waits).toEqual([0, 0, 0]);
    // 60 a minute: one token a second.
    expect(next).toBeGreaterThan(900);
    expect(next).toBeLessThanOrEqual(1000);
    expect(elsewhere).toBe(0);
  });

  it('holds a paused bucket for Retry-After', async () => {
    const store = createRedisOutboxStore(kit.redis, kit.prefix);
    await store.pause('chat.postMessage:C2', 30_000);

    const wait = await store.take('chat.postMessage:C2', 6000, 10);

    expect(wait).toBeGreaterThan(29_000);
  });

  it('keeps keyed posts until forgotten', async () => {
    const store = createRedisOutboxStore(kit.redis, kit.prefix);
    await store.putPost('job-1@1/thread', { state: 'sending', channel: 'C1', since: 5 });
    await store.putPost('job-1@1/thread', { state: 'sent', channel: 'C1', ts: '1.000001', since: 5 });

    expect(await store.getPost('job-1@1/thread')).toEqual({ state: 'sent', channel: 'C1', ts: '1.000001', since: 5 });
    await store.deletePost('job-1@1/thread');
    expect(await store.getPost('job-1@1/thread')).toBeNull();
  });

  it('begins a keyed post in one step: the intent recorded when the key is new, the earlier record (untouched) when not', async () => {
    const one = createRedisOutboxStore(kit.redis, kit.prefix);
    const other = createRedisOutboxStore(kit.redis, kit.prefix);
    const intent = { state: 'sending' as const, channel: 'C1', since: 7 };

    expect(await one.beginPost('job-2@1/thread', intent)).toBeNull();
    expect(await other.beginPost('job-2@1/thread', { ...intent, since: 8 })).toEqual(intent);
    await one.putPost('job-2@1/thread', { ...intent, state: 'sent', ts: '2.000002' });
    expect(await other.beginPost('job-2@1/thread', { ...intent, since: 9 })).toEqual({ ...intent, state: 'sent', ts: '2.000002' });
    expect(await one.getPost('job-2@1/thread')).toEqual({ ...intent, state: 'sent', ts: '2.000002' });
  });
});
