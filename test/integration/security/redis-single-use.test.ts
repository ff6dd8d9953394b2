import { createRedisSingleUse } from '../../../src/queue/redis-single-use.js';
import { createConfirmation } from '../../../src/security/confirmation.js';
import { fakeClock } from '../../unit/security/fakes.js';
import { redisKit } from './redis-kit.js';

describe('redis single use', () => {
  const kit = redisKit();
  afterAll(() => kit.cleanup());

  it('claims an id once only', async () => {
    const once = createRedisSingleUse(kit.redis, kit.prefix);
    expect(await once.claim('a', 60_000)).toEqual(true);
    expect(await once.claim('a', 60_000)).toEqual(false);
    expect(await once.claim('b', 60_000)).toEqual(true);
  });

  it('lets exactly one of many concurrent claims win', async () => {
    const once = createRedisSingleUse(kit.redis, kit.prefix);
    const results = await Promise.all(Array.from({ length: 20 }, () => once.claim('race', 60_000)));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('stores the claim under the prefix with the given expiry', async () => {
    const once = createRedisSingleUse(kit.redis, kit.prefix);
    await once.claim('ttl', 90_000);
    const ttl = await kit.redis.pttl(`${kit.prefix}:once:ttl`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(90_000);
  });

  it('makes a confirmation button single-use across processes', async () => {
    const clock = fakeClock();
    const secret = 'shared-secret-between-web-and-worker';
    const web = createConfirmation({ secret, clock, singleUse: createRedisSingleUse(kit.redis, kit.prefix) });
    const otherWeb = createConfirmation({ secret, clock, singleUse: createRedisSingleUse(kit.redis, kit.prefix) });
    const token = web.issue({
      action: 'cluster-delete',
      params: { cluster: 'dev-a' },
      requester: 'U0ALICE',
      channelId: 'C0A',
      ttlMs: 300_000,
    });
    const clicker = { userId: 'U0ALICE', isAdmin: false };
    const [first, second] = await Promise.all([web.redeem(token, clicker), otherWeb.redeem(token, clicker)]);
    expect([first?.ok, second?.ok].sort()).toEqual([false, true]);
    expect([first, second].find((r) => !r?.ok)).toEqual({ ok: false, reason: 'already_used' });
  });
});
