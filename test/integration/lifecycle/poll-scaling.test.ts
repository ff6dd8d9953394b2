import { randomUUID } from 'node:crypto';
import { loadConfig } from '../../../src/config/load-config.js';
import { createSilentLogger } from '../../../src/logging/logger.js';
import { createOpenStackApi, type ClosableOpenStackApi } from '../../../src/openstack/create-openstack-api.js';
import { createRedisConnection, type RedisConnection } from '../../../src/queue/connection.js';
import { createJobQueue, type BullJobQueue } from '../../../src/queue/job-queue.js';
import { createOperationStore } from '../../../src/queue/operation-store.js';
import { createMemoryAuditLog } from '../../helpers/memory-audit-log.js';
import { createSlackPoster } from '../../../src/slack/slack-poster.js';
import { createWebApiCaller } from '../../../src/slack/web-api-call.js';
import { MAGNUM_CLUSTER_LISTS, startSim, startSlackStandIn, type Sim, type SlackStandIn } from '../../../src/sim/index.js';
import { addClusters } from '../../helpers/sim-clusters.js';
import type { JobContext } from '../../../jobs/definition.js';
import { renderEveryMs } from '../../../jobs/tracking/advance.js';
import { pollCloud } from '../../../jobs/tracking/poller.js';
import { readOperations, type TrackedOperation } from '../../../jobs/tracking/operation.js';
import { MINUTE, REDIS_URL } from './harness.js';
import { TEST_SETTINGS, fakeJobContext } from '../../helpers/job-deps.js';

const CLOUD = 'default';

interface Rig {
  sim: Sim;
  slack: SlackStandIn;
  openstack: ClosableOpenStackApi;
  connection: RedisConnection;
  queue: BullJobQueue;
  prefix: string;
  listCalls: () => number;
  /** Heat and Nova requests: the drivers' progress. */
  progressCalls: () => number;
  ctx: JobContext;
}

async function startRig(): Promise<Rig> {
  const logger = createSilentLogger();
  const sim = await startSim({ seed: true });
  const slack = await startSlackStandIn({ channels: [{ id: 'C1OPS', name: 'ops' }] });
  const config = loadConfig({ SLACK_SIGNING_SECRET: 's', SLACK_BOT_TOKEN: slack.botToken, SLACK_API_URL: slack.apiUrl, ...sim.osEnv });
  const openstack = createOpenStackApi({ credentials: config.openstack, logger, clock: sim.clock });
  const prefix = `test-poll-${randomUUID()}`;
  const connection = createRedisConnection(REDIS_URL, 'producer', logger);
  if (connection.client.status !== 'ready') await new Promise((resolve) => connection.client.once('ready', resolve));
  const queue = createJobQueue({ connection, prefix, logger });
  const operations = createOperationStore(connection.client, prefix);
  const ctx = fakeJobContext(
    {
      slack: createSlackPoster(createWebApiCaller(config.slack, logger)),
      openstack: () => openstack,
      queue,
      access: { authorize: async () => ({ allowed: true, role: 'admin' }), cloudFor: () => CLOUD, kubeconfigAllowed: () => true },
      clock: sim.clock,
      settings: { ...TEST_SETTINGS, pollIntervalMs: 100, diagnostics: config.diagnostics },
      audit: createMemoryAuditLog(),
      operations,
    },
    logger,
    { jobId: 'poll', name: 'operations-poll', updateData: async () => undefined },
  );
  return {
    sim,
    slack,
    openstack,
    connection,
    queue,
    prefix,
    listCalls: () => sim.requests.count(MAGNUM_CLUSTER_LISTS),
    progressCalls: () => sim.requests.count({ service: 'orchestration' }) + sim.requests.count({ service: 'compute' }),
    ctx,
  };
}

/** Adds 1,000 Heat-driver clusters in CREATE_IN_PROGRESS to the sim and tracks the first `n` as creates. */
async function trackCreates(rig: Rig, n: number): Promise<void> {
  const now = rig.sim.clock.now();
  const anchor = await rig.ctx.slack.post('C1OPS', { text: 'anchor' });
  const clusters = addClusters(rig.sim.state, 1_000, 'bulk-', now);
  for (const [i, cluster] of clusters.slice(0, n).entries()) {
    const op: TrackedOperation = {
      id: `op-${i}`,
      kind: 'create',
      cloud: CLOUD,
      teamId: 'T0STANDIN',
      channel: 'C1OPS',
      user: 'U1ALICE',
      threadTs: anchor.ts,
      anchorTs: anchor.ts,
      cluster: cluster.name,
      clusterUuid: cluster.uuid,
      startedAt: now,
      progressed: true,
      missing: 0,
      lastStatus: 'CREATE_IN_PROGRESS',
      // Last rendered long enough ago to be due at the first poll however many are tracked.
      lastRenderedAt: now - renderEveryMs(n),
    };
    await rig.ctx.operations.put(CLOUD, op.id, op);
  }
}

/** Magnum list calls and Heat/Nova calls made by each of `polls` polls, stepping the clock one minute between them. */
async function callsPerPoll(rig: Rig, polls: number): Promise<{ lists: number[]; progress: number[] }> {
  const lists: number[] = [];
  const progress: number[] = [];
  for (let i = 0; i < polls; i += 1) {
    const [listsBefore, progressBefore] = [rig.listCalls(), rig.progressCalls()];
    await pollCloud(CLOUD, rig.ctx);
    lists.push(rig.listCalls() - listsBefore);
    progress.push(rig.progressCalls() - progressBefore);
    rig.sim.clock.advance(MINUTE);
  }
  return { lists, progress };
}

async function stopRig(rig: Rig): Promise<void> {
  await rig.queue.close();
  let cursor = '0';
  do {
    const [next, keys] = await rig.connection.client.scan(cursor, 'MATCH', `${rig.prefix}:*`, 'COUNT', 500);
    if (keys.length > 0) await rig.connection.client.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  await rig.connection.close();
  await rig.openstack.close();
  await rig.slack.close();
  await rig.sim.close();
}

describe('polling tracked operations', () => {
  it('makes one Magnum list and one Heat stack list per cloud and interval, whether it tracks 1 operation or 1,000', async () => {
    const one = await startRig();
    const many = await startRig();
    try {
      await trackCreates(one, 1);
      await trackCreates(many, 1_000);

      const forOne = await callsPerPoll(one, 3);
      const forMany = await callsPerPoll(many, 3);

      // The same cloud (1,000 clusters) either way: only the number of tracked operations differs.
      expect(forOne.lists).toEqual([1, 1, 1]);
      expect(forMany.lists).toEqual([1, 1, 1]);
      // Each poll renders with the drivers' progress from one Heat stack list, not a read per operation.
      // One message is edited each minute; of 1,000 all due, each poll renders its budget (23: the
      // share of one 30 s step of the ~22 min chat.update's tier needs for all of them).
      expect(forOne.progress).toEqual([1, 1, 1]);
      expect(forMany.progress).toEqual([1, 1, 1]);
      const ops = readOperations(await many.ctx.operations.list(CLOUD));
      expect(ops).toHaveLength(1_000);
      const rendered = ops.filter((op) => op.lastRenderedAt !== undefined && op.lastRenderedAt > many.sim.clock.now() - 4 * MINUTE);
      expect(rendered).toHaveLength(3 * 23);
      expect(rendered.filter((op) => op.driver !== 'heat' || op.heat === undefined || op.heat.total === 0)).toEqual([]);
      // Their edits of the one shared progress message were coalesced by the outbox, not sent 2,000 times.
      expect(many.slack.callsTo('chat.update').length).toBeLessThan(100);
    } finally {
      await stopRig(one);
      await stopRig(many);
    }
  }, 240_000);
});
