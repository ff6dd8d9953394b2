/**
 * Redis restarted without persistence under a tracked create (a private redis-server): the
 * record the poller follows is gone with the data, so no progress or result would ever come.
 * The thread is told, once, that the bot stopped following the create and how to check it.
 */
import { jest } from '@jest/globals';
import { startPrivateRedis, type PrivateRedis } from '../../helpers/private-redis.js';
import { eventually, startLifecycleHarness, type LifecycleHarness } from '../lifecycle/harness.js';

jest.setTimeout(180_000);

const STOPPED = /^I stopped following the create of .gamma.: the bot's Redis restarted without its data/;

describe('a tracked create when Redis restarts without persistence', () => {
  let redis: PrivateRedis;
  let h: LifecycleHarness;

  beforeAll(async () => {
    redis = await startPrivateRedis({ appendOnly: false });
    h = await startLifecycleHarness({ redisUrl: redis.url, rateLimitScale: 50, timing: { lostJobCheckMs: 200 } });
  });

  afterAll(async () => {
    await redis.start();
    await h.stop();
    await redis.stop();
  });

  it('tells its thread once that the bot stopped following it', async () => {
    await h.command('create gamma --template k8s-1.28-no-volume --nodes 1');
    const anchor = await h.waitForMessage(/^Creating gamma: CREATE_IN_PROGRESS/, 60_000);
    await eventually(async () => (await h.trackedOperations()) === 1);
    // Several polls later the workers' watch (every 200 ms) has seen the operation tracked too.
    const polls = h.magnumListCalls();
    await eventually(async () => h.magnumListCalls() >= polls + 5);

    await redis.kill();
    await redis.start();

    const notice = await h.waitForMessage(STOPPED, 60_000);
    expect(notice.threadTs).toBe(anchor.threadTs);
    expect(notice.text).toContain('/kube show gamma');
    expect(h.allMessages().filter((m) => STOPPED.test(m.text))).toHaveLength(1);
    // The bot stopped following the create, not the create itself: Magnum has the cluster, once.
    expect(h.sim.state.clusters.filter((c) => c.name === 'gamma')).toHaveLength(1);
  });
});
