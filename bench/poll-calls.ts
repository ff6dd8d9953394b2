/**
 * Poll cost against tracked operations: one poll of a cloud with 1,000 Heat-driver clusters
 * while N of them are tracked creates. Counts Magnum list requests and Heat/Nova requests (the
 * drivers' progress) at the simulated cloud (the design promise: one each per cloud and
 * interval, whatever N) and times the poll, with anchors due for an edit and not due (all due:
 * each poll still renders at most its budget of edits, about 23 with hundreds tracked).
 */
import type { OperationStore, TrackedOperation } from '../jobs/tracking/operation.js';
import { renderEveryMs } from '../jobs/tracking/advance.js';
import { pollCloud } from '../jobs/tracking/poller.js';
import { loadConfig } from '../src/config/load-config.js';
import type { SlackPoster } from '../src/core/ports.js';
import { createSilentLogger } from '../src/logging/logger.js';
import { createOpenStackApi } from '../src/openstack/create-openstack-api.js';
import { createMemoryAuditLog } from '../test/helpers/memory-audit-log.js';
import { MAGNUM_CLUSTER_LISTS, startSim } from '../src/sim/index.js';
import { addClusters } from '../test/helpers/sim-clusters.js';
import { targetLine } from './targets.js';
import { TEST_SETTINGS, fakeJobContext } from '../test/helpers/job-deps.js';

const CLUSTERS = 1_000;
const TRACKED = [1, 10, 100, 1_000];
const MINUTE = 60_000;

function memoryStore(): OperationStore {
  const ops = new Map<string, unknown>();
  return {
    put: async (_c, id, record) => void ops.set(id, record),
    get: async (_c, id) => ops.get(id),
    list: async () => [...ops.values()],
    remove: async (_c, id) => void ops.delete(id),
    writeMany: async (_c, { put, remove }) => {
      for (const { id, record } of put) ops.set(id, record);
      for (const id of remove) ops.delete(id);
    },
    pollerSession: async () => ({ session: 1, started: true }),
    refreshPoller: async () => true,
    stopPollerIfIdle: async () => ops.size === 0,
    reserveName: async (_c, _n, holder) => holder,
    releaseName: async () => undefined,
  };
}

const logger = createSilentLogger();
const sim = await startSim();
const listCalls = (): number => sim.requests.count(MAGNUM_CLUSTER_LISTS);
const progressCalls = (): number => sim.requests.count({ service: 'orchestration' }) + sim.requests.count({ service: 'compute' });
const config = loadConfig({ SLACK_SIGNING_SECRET: 's', SLACK_BOT_TOKEN: 'xoxb-bench', ...sim.osEnv });
const openstack = createOpenStackApi({ credentials: config.openstack, logger, clock: sim.clock });
const uuids = addClusters(sim.state, CLUSTERS, 'bench-', sim.clock.now()).map((c) => c.uuid);
// Slack is not what is measured here: edits are counted, not sent.
let edits = 0;
const slack: SlackPoster = {
  post: async (channel) => ({ channel, ts: '1.1' }),
  update: async () => void (edits += 1),
  postEphemeral: async () => undefined,
  uploadSnippet: async () => undefined,
};

console.log(`clusters in the cloud: ${CLUSTERS}`);
console.log(
  'tracked  list calls/poll (not due)  list calls/poll (all due)  Heat+Nova calls/poll (all due)  poll ms (all due)  anchor edits',
);
/** Magnum list calls of the all-due poll at each N, in TRACKED's order. */
const allDueLists: number[] = [];
for (const n of TRACKED) {
  const operations = memoryStore();
  const now = sim.clock.now();
  for (let i = 0; i < n; i += 1) {
    const op: TrackedOperation = {
      id: `op-${i}`,
      kind: 'create',
      cloud: 'default',
      teamId: 'T',
      channel: 'C',
      user: 'U',
      threadTs: '1.1',
      anchorTs: '1.2',
      cluster: `bench-${i}`,
      clusterUuid: uuids[i] ?? '',
      startedAt: now,
      progressed: true,
      missing: 0,
      lastStatus: 'CREATE_IN_PROGRESS',
      // Due half a minute from now at the spacing N tracked messages get (renderEveryMs): not due at the first poll, due a minute later.
      lastRenderedAt: now - renderEveryMs(n) + MINUTE / 2,
    };
    await operations.put('default', op.id, op);
  }
  const ctx = fakeJobContext(
    {
      slack,
      openstack: () => openstack,
      queue: {
        enqueue: async (_n: string, _d: object, o: { jobId: string }) => ({ jobId: o.jobId, created: true }),
        enqueueMany: async () => undefined,
      },
      access: {
        authorize: async () => ({ allowed: true as const, role: 'admin' as const }),
        cloudFor: () => 'default',
        kubeconfigAllowed: () => true,
      },
      clock: sim.clock,
      settings: { ...TEST_SETTINGS, pollIntervalMs: 15_000, diagnostics: config.diagnostics },
      audit: createMemoryAuditLog(),
      operations,
    },
    logger,
    { jobId: 'bench', name: 'operations-poll', updateData: async () => undefined },
  );
  let before = listCalls();
  await pollCloud('default', ctx);
  const notDue = listCalls() - before;
  sim.clock.advance(MINUTE);
  before = listCalls();
  const progressBefore = progressCalls();
  edits = 0;
  const started = performance.now();
  await pollCloud('default', ctx);
  const ms = performance.now() - started;
  allDueLists.push(listCalls() - before);
  console.log(
    `${String(n).padStart(7)}  ${String(notDue).padStart(26)}  ${String(listCalls() - before).padStart(25)}  ${String(progressCalls() - progressBefore).padStart(30)}  ${ms.toFixed(0).padStart(17)}  ${String(edits).padStart(12)}`,
  );
}
const [fewest, most] = [allDueLists[0] ?? Number.NaN, allDueLists.at(-1) ?? Number.NaN];
console.log(targetLine(`Magnum lists per poll, ${TRACKED.at(-1)} tracked / ${TRACKED[0]}`, most / fewest, { atMost: 1 }));
await openstack.close();
await sim.close();
