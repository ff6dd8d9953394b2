import { jest } from '@jest/globals';
import type { ClosableOpenStackApi } from '../../../src/openstack/create-openstack-api.js';
import { simOpenStack } from '../diagnostics/sim-kit.js';
import { MINUTE, startLifecycleHarness, type LifecycleHarness } from './harness.js';

jest.setTimeout(120_000);

/** Issue 12 item 2 for watched clusters: an operation the bot never saw ends, and the follow-up checks run as after its own. */
describe('/kube watch starts follow-up health checks when a watched cluster finishes an operation', () => {
  let h: LifecycleHarness;
  let cli: ClosableOpenStackApi;

  beforeEach(async () => {
    h = await startLifecycleHarness();
    cli = simOpenStack(h.sim);
  });

  afterEach(async () => {
    await cli.close();
    await h.stop();
  });

  /** Polls an async condition (the queue's job data) until it holds. */
  async function until(probe: () => Promise<boolean>, timeoutMs: number): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (!(await probe())) {
      if (Date.now() > end) throw new Error('condition not met in time');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  const watchStatus = async () =>
    (await h.jobs()).find((j) => j.name === 'cluster-watch' && j.state === 'delayed')?.data as { lastStatus?: string } | undefined;

  it('a resize made outside the bot (as with the openstack CLI) ends in one change message with the health checks in its thread', async () => {
    await h.command('watch healthy');
    await h.waitForMessage(/^Watching healthy$/);
    await until(async () => (await watchStatus())?.lastStatus === 'CREATE_COMPLETE', 30_000);

    const cluster = await cli.magnum.getCluster('healthy');
    await cli.magnum.resizeCluster(cluster.uuid, 3);
    await until(async () => (await watchStatus())?.lastStatus === 'UPDATE_IN_PROGRESS', 30_000);
    expect(h.allMessages().filter((m) => /went from/.test(m.text))).toEqual([]);
    h.advance(4 * MINUTE);

    const change = await h.waitForMessage(/^healthy went from UPDATE_IN_PROGRESS to UPDATE_COMPLETE/, 30_000);
    const check = await h.waitForMessage(/^Health check of healthy: /, 30_000);

    expect(check.threadTs).toBe(change.ts);
    expect(JSON.stringify(check.blocks)).toContain('after the change');
    await until(async () => (await h.jobs()).some((j) => j.name === 'cluster-watch' && j.state === 'delayed'), 10_000);
    expect(h.allMessages().filter((m) => /went from/.test(m.text))).toHaveLength(1);
    expect((await h.jobs()).filter((j) => j.name === 'cluster-followup')).toHaveLength(1);
  });
});
