/**
 * Redis restarted under the bot while jobs wait for a worker (a private redis-server): without
 * persistence the waiting jobs are gone, and each requester is told that their request was lost
 * and to run it again, once; with append-only persistence nothing is lost and nobody is told so.
 */
import { jest } from '@jest/globals';
import { startPrivateRedis, type PrivateRedis } from '../../helpers/private-redis.js';
import { CHANNEL, OPERATOR, VIEWER, eventually, startLifecycleHarness, type LifecycleHarness } from '../lifecycle/harness.js';

jest.setTimeout(180_000);

const LOST = /was lost before it ran: the bot's Redis restarted without its data/;
const LIST_RESULT = /^\d+ clusters/;
const RETRY_LATER = /^Cannot queue the request right now, try again in a minute\./;
const PODS_RESULT = /^Pods of healthy/;

describe.each([
  ['without persistence', false],
  ['with append-only persistence', true],
] as const)('jobs waiting when Redis restarts %s', (_name, appendOnly) => {
  let redis: PrivateRedis;
  let h: LifecycleHarness;

  beforeAll(async () => {
    redis = await startPrivateRedis({ appendOnly });
    // The web tier only: the jobs wait in Redis until a worker starts after the restart.
    h = await startLifecycleHarness({ redisUrl: redis.url, worker: false, rateLimitScale: 50, timing: { lostJobCheckMs: 200 } });
  });

  afterAll(async () => {
    await redis.start();
    await h.stop();
    await redis.stop();
  });

  const lostNotices = () => h.slack.ephemerals(CHANNEL).filter((e) => LOST.test(e.text));
  const results = (match: RegExp) => h.allMessages().filter((m) => match.test(m.text)).length;

  it(appendOnly ? 'keeps every job and tells nobody it was lost' : 'tells each requester, once, that their request was lost', async () => {
    await h.command('list', OPERATOR);
    await h.command('list', VIEWER);
    await h.command('pods healthy', OPERATOR);
    // The ack can come before the job is queued: wait until all three are.
    await eventually(async () => (await h.jobs()).length === 3);

    await redis.kill();
    await redis.start();

    if (appendOnly) {
      await h.startWorker();
      await h.slack.waitFor(() => results(LIST_RESULT) === 2 && results(PODS_RESULT) === 1, 60_000);
      // Every kept job ran once; by then the watch has seen each of them start and forgotten it.
      await eventually(async () => (await h.jobs()).filter((j) => j.state === 'completed').length === 3);
      expect(lostNotices()).toEqual([]);
      return;
    }

    await h.slack.waitFor(() => lostNotices().length >= 3, 60_000);
    // The web tier takes commands again; a worker runs only what was asked after the restart.
    await h.startWorker();
    const refusals = () => h.slack.ephemerals(CHANNEL).filter((e) => RETRY_LATER.test(e.text)).length;
    for (let accepted = false; !accepted;) {
      const before = refusals();
      await h.command('list', OPERATOR);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      accepted = refusals() === before;
    }
    await h.slack.waitFor(() => results(LIST_RESULT) === 1, 60_000);
    await eventually(async () => (await h.jobs()).every((j) => j.state === 'completed'));

    const notices = lostNotices();
    expect(notices.map((e) => e.user).sort()).toEqual([OPERATOR, OPERATOR, VIEWER].sort());
    expect(notices.filter((e) => /`cluster-pods` of `healthy`/.test(e.text))).toHaveLength(1);
    expect(notices.filter((e) => /`cluster-list`/.test(e.text))).toHaveLength(2);
    expect(results(LIST_RESULT)).toBe(1);
    expect(results(PODS_RESULT)).toBe(0);
  });
});
