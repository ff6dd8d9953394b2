import { createRedisSingleUse } from '../../../src/queue/redis-single-use.js';
import { createConfirmation } from '../../../src/security/confirmation.js';
import { fakeClock } from '../../unit/security/fakes.js';
import { redisKit } from './redis-kit.js';

describe('redis single use', () => {
  const kit = redisKit();
  afterAll(() => kit.cleanup());

  it('claims an id once only', async () => {
    const once = createRedisSingleUse(kit.redis, kit.prefix);
    expect(await once.claim('a', 60_000)).toEqual('first');
    expect(await once.claim('a', 60_000)).toEqual('used');
    expect(await once.claim('b', 60_000)).toEqual('first');
  });

  it('lets exactly one of many concurrent claims win', async () => {
    const once = createRedisSingleUse(kit.redis, kit.prefix);
    const results = await Promise.all(Array.from({ length: 20 }, () => once.claim('race', 60_000)));
    expect(results.filter((r) => r === 'first')).toHaveLength(1);
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
    const options = { now: () => clock.now(), scope: 'confirmations' };
    const web = createConfirmation({ secret, clock, singleUse: createRedisSingleUse(kit.redis, kit.prefix, options) });
    const otherWeb = createConfirmation({ secret, clock, singleUse: createRedisSingleUse(kit.redis, kit.prefix, options) });
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

  it('after Redis restarted without persistence, refuses a confirmation made before it instead of taking it as unused', async () => {
    const clock = fakeClock();
    const prefix = `${kit.prefix}-restart`;
    const singleUse = createRedisSingleUse(kit.redis, prefix, { now: () => clock.now() });
    await singleUse.start();
    const confirmations = createConfirmation({ secret: 'shared-secret-between-web-and-worker', clock, singleUse });
    const request = { action: 'cluster-delete', params: { cluster: 'dev-a' }, requester: 'U0ALICE', channelId: 'C0A', ttlMs: 300_000 };
    const clicker = { userId: 'U0ALICE', isAdmin: false };
    const used = confirmations.issue(request);
    const unused = confirmations.issue(request);
    expect((await confirmations.redeem(used, clicker)).ok).toBe(true);

    clock.advance(1_000);
    await kit.redis.del(...(await kit.redis.keys(`${prefix}:*`)));
    await singleUse.start();
    const after = confirmations.issue(request);

    expect(await confirmations.redeem(used, clicker)).toEqual({ ok: false, reason: 'forgotten' });
    expect(await confirmations.redeem(unused, clicker)).toEqual({ ok: false, reason: 'forgotten' });
    expect((await confirmations.redeem(after, clicker)).ok).toBe(true);
  });
});
