/**
 * Redis killed and started again under the bot (a private redis-server): while it is down the
 * web tier tells each user to try again and starts nothing; once it is back the same bot takes
 * commands again by itself; with append-only persistence every job accepted before the crash is
 * still there and runs once.
 */
import { jest } from '@jest/globals';
import { startPrivateRedis, type PrivateRedis } from '../../helpers/private-redis.js';
import { CHANNEL, eventually, startLifecycleHarness, type LifecycleHarness } from '../lifecycle/harness.js';

jest.setTimeout(180_000);

const LIST_RESULT = /^\d+ clusters/;
const RETRY_LATER = /^Cannot queue the request right now, try again in a minute\./;
const ACCEPTED_BEFORE_CRASH = 3;

describe.each([
  ['with append-only persistence', true],
  ['without persistence', false],
] as const)('Redis restarted %s', (_name, appendOnly) => {
  let redis: PrivateRedis;
  let h: LifecycleHarness;

  beforeAll(async () => {
    redis = await startPrivateRedis({ appendOnly });
    // The web tier only: jobs wait in Redis until a worker starts after the restart.
    h = await startLifecycleHarness({ redisUrl: redis.url, worker: false, rateLimitScale: 50 });
  });

  afterAll(async () => {
    await redis.start();
    await h.stop();
    await redis.stop();
  });

  const ephemerals = () => h.slack.ephemerals(CHANNEL).map((e) => e.text);
  const listJobs = async () => (await h.jobs()).filter((j) => j.name === 'cluster-list');

  it('tells users to retry while it is down, recovers by itself, and keeps what persistence kept', async () => {
    for (let i = 0; i < ACCEPTED_BEFORE_CRASH; i += 1) await h.command('list');
    // The ack can come before the job is queued: wait until all are.
    await eventually(async () => (await listJobs()).length === ACCEPTED_BEFORE_CRASH);

    await redis.kill();
    const refusedBefore = ephemerals().filter((t) => RETRY_LATER.test(t)).length;
    await h.command('list');
    await h.slack.waitFor(() => ephemerals().filter((t) => RETRY_LATER.test(t)).length > refusedBefore, 30_000);

    await redis.start();
    // The same bot, not restarted, takes commands again once its connections are back.
    let accepted = false;
    for (let tries = 0; tries < 60 && !accepted; tries += 1) {
      const refused = ephemerals().filter((t) => RETRY_LATER.test(t)).length;
      await h.command('list');
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      accepted = ephemerals().filter((t) => RETRY_LATER.test(t)).length === refused;
    }
    expect(accepted).toBe(true);

    const kept = appendOnly ? ACCEPTED_BEFORE_CRASH : 0;
    expect(await listJobs()).toHaveLength(kept + 1);
    await h.startWorker();
    await h.slack.waitFor(() => h.allMessages().filter((m) => LIST_RESULT.test(m.text)).length >= kept + 1, 60_000);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    // Each job accepted (and kept) ran once: no duplicate, none lost.
    expect(h.allMessages().filter((m) => LIST_RESULT.test(m.text))).toHaveLength(kept + 1);
  });
});
