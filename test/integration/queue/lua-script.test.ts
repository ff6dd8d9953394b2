/**
 * The scripts on a request's path (the replay guard's claim, the outbox's token and keyed-post
 * intent) go to Redis as EVALSHA, their text only when Redis does not have them: on a
 * redis-server of the test's own, counted with INFO commandstats, and again after SCRIPT FLUSH.
 */
import { Redis } from 'ioredis';
import { createRedisOutboxStore } from '../../../src/queue/outbox-store.js';
import { createRedisSingleUse } from '../../../src/queue/redis-single-use.js';
import { startPrivateRedis, type PrivateRedis } from '../../helpers/private-redis.js';

/** How many EVAL and EVALSHA calls the server has answered so far. */
async function scriptCalls(redis: Redis): Promise<{ eval: number; evalsha: number }> {
  const stats = await redis.info('commandstats');
  const calls = (name: string) => Number(new RegExp(`^cmdstat_${name}:calls=(\\d+)`, 'm').exec(stats)?.[1] ?? 0);
  return { eval: calls('eval'), evalsha: calls('evalsha') };
}

describe('the request path scripts', () => {
  let server: PrivateRedis;
  let redis: Redis;

  beforeAll(async () => {
    server = await startPrivateRedis({ appendOnly: false });
    redis = new Redis(server.url);
  });

  afterAll(async () => {
    redis.disconnect();
    await server.stop();
  });

  it('are sent by their SHA1, and as text again only after Redis forgot them', async () => {
    const guard = createRedisSingleUse(redis, 'lua');
    const outbox = createRedisOutboxStore(redis, 'lua');
    const intent = { state: 'sending' as const, channel: 'C1', since: 1 };

    const run = async (n: number) => {
      expect(await guard.claim(`sig-${n}`, 60_000)).toBe('first');
      expect(await outbox.take('chat.postMessage:C1', 60, 10)).toBe(0);
      expect(await outbox.beginPost(`post-${n}`, intent)).toBeNull();
    };
    for (let n = 0; n < 5; n += 1) await run(n);
    const warm = await scriptCalls(redis);
    await redis.script('FLUSH');
    for (let n = 5; n < 10; n += 1) await run(n);
    const after = await scriptCalls(redis);

    // Each script's first call on the connection: EVAL; the others: EVALSHA alone. After the flush,
    // each script's first EVALSHA is refused (NOSCRIPT) and followed by one EVAL.
    expect(warm).toEqual({ eval: 3, evalsha: 12 });
    expect(after).toEqual({ eval: 6, evalsha: 27 });
    expect(await guard.claim('sig-0', 60_000)).toBe('used');
    expect(await outbox.beginPost('post-0', intent)).toEqual(intent);
  });
});
