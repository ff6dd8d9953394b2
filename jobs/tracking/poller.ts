import { z } from 'zod';
import type { ClusterSummary } from '../../src/core/cluster.js';
import { defineJob, type JobContext } from '../definition.js';
import { advanceOperation, renderCadence } from './advance.js';
import { finishJob } from './finish-job.js';
import { rescheduleIn } from '../../src/core/job.js';
import { jobIdFor } from '../../src/core/job-id.js';
import { readOperations, type TrackedOperation } from './operation.js';
import { pollProgress } from './poll-progress.js';

export const POLL_JOB = 'operations-poll';
/** Operations advanced at once within one poll (a stall report, a capi detail read; the list calls are shared). */
const PARALLEL = 8;

const PollData = z.object({ cloud: z.string().min(1), session: z.number().int() });

/** The poller lease outlives a few missed polls, so a dead chain is replaced by the next kick. */
function leaseMs(ctx: JobContext): number {
  return Math.max(10 * ctx.settings.pollIntervalMs, 120_000);
}

/** Makes sure a poller runs for the cloud (one chain per cloud, however many operations ask). */
export async function kickPoller(ctx: JobContext, cloud: string): Promise<void> {
  const { session } = await ctx.operations.pollerSession(cloud, leaseMs(ctx));
  await ctx.queue.enqueue(
    POLL_JOB,
    { cloud, session },
    { jobId: jobIdFor(POLL_JOB, cloud, String(session)), delayMs: ctx.settings.pollIntervalMs },
  );
}

/**
 * One poll of a cloud: one Magnum list call (and at most one Heat and one Nova list) advances
 * every tracked operation of that cloud. Progress edits are queued in the outbox and ended
 * operations handed to their finish jobs, so a poll lasts about as long as its reads and two
 * Redis round trips however many operations end in it.
 * Returns how many operations are still tracked.
 */
export async function pollCloud(cloud: string, ctx: JobContext): Promise<number> {
  const store = ctx.operations;
  const ops = readOperations(await store.list(cloud));
  if (ops.length === 0) return 0;
  const openstack = ctx.openstack(cloud);
  const clusters = await openstack.magnum.listClusters();
  const byUuid = new Map<string, ClusterSummary>(clusters.map((c) => [c.uuid, c]));
  // The drivers' progress too is read once per poll (Heat's stack list, Nova's server list), not per operation.
  const progress = pollProgress(openstack, ctx.log);
  const cadence = renderCadence(ops.length);
  // The longest unrendered first, so a spent render budget leaves the most recently rendered waiting.
  const ordered = [...ops].sort((a, b) => (a.lastRenderedAt ?? 0) - (b.lastRenderedAt ?? 0));
  const finished: Array<{ op: TrackedOperation; status: string }> = [];
  const updated: TrackedOperation[] = [];
  await forEachLimited(ordered, PARALLEL, async (op: TrackedOperation) => {
    try {
      const result = await advanceOperation(op, byUuid.get(op.clusterUuid), ctx, progress, cadence);
      if (result.kind === 'finished') finished.push(result);
      else if (result.kind === 'updated') updated.push(result.op);
    } catch (error) {
      // One operation's trouble (Heat down, a stall report refused) must not stall the others: next poll retries it.
      ctx.log.warn({ err: error, op: op.id }, 'could not advance a tracked operation');
    }
  });
  // The ended operations go to their finish jobs first, in one bulk add, and leave the tracked set
  // after, with every update, in one round trip: a crash between the two only adds the same jobs again.
  await ctx.queue.enqueueMany(finished.map(({ op, status }) => finishJob(op, status)));
  await store.writeMany(cloud, { put: updated.map((op) => ({ id: op.id, record: op })), remove: finished.map(({ op }) => op.id) });
  return ops.length - finished.length;
}

/** The per-cloud poll chain: a step job that reschedules itself while operations are tracked. */
export const operationsPoll = defineJob({
  name: POLL_JOB,
  data: PollData,
  async process(data, ctx) {
    const store = ctx.operations;
    if (!(await store.refreshPoller(data.cloud, data.session, leaseMs(ctx)))) {
      ctx.log.info({ cloud: data.cloud, session: data.session }, 'poller superseded by a newer session');
      return { stopped: 'superseded' };
    }
    let remaining: number;
    try {
      remaining = await pollCloud(data.cloud, ctx);
    } catch (error) {
      // Magnum unreachable: keep the chain alive and try again next interval.
      ctx.log.warn({ err: error, cloud: data.cloud }, 'poll failed; retrying next interval');
      return rescheduleIn(ctx.settings.pollIntervalMs, data);
    }
    if (remaining === 0 && (await store.stopPollerIfIdle(data.cloud, data.session))) return { stopped: 'idle' };
    return rescheduleIn(ctx.settings.pollIntervalMs, data);
  },
});

async function forEachLimited<T>(items: readonly T[], limit: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await run(item);
    }
  });
  await Promise.all(lanes);
}

/** What a tracked resize or upgrade starts with: the job's id, origin and thread, UPDATE_IN_PROGRESS not yet seen. */
export function updateOperation(
  ctx: JobContext,
  origin: { cloud: string; teamId: string; channel: string; user: string; cluster: string },
  start: { kind: 'resize' | 'upgrade'; threadTs: string; anchorTs: string; clusterUuid: string; startedAt: number },
): TrackedOperation {
  const { cloud, teamId, channel, user, cluster } = origin;
  return {
    id: ctx.runtime.jobId,
    ...{ cloud, teamId, channel, user, cluster },
    ...start,
    progressed: false,
    missing: 0,
    lastStatus: 'UPDATE_IN_PROGRESS',
    lastRenderedAt: start.startedAt,
  };
}

/** Starts tracking an operation (idempotent by id) and makes sure the cloud's poller runs. */
export async function track(ctx: JobContext, op: TrackedOperation): Promise<void> {
  const store = ctx.operations;
  const existing = await store.get(op.cloud, op.id);
  if (existing === undefined) await store.put(op.cloud, op.id, op);
  await kickPoller(ctx, op.cloud);
}

/** Another tracked operation of that kind on that cluster, if any (a second delete need not be tracked twice). */
export async function trackedElsewhere(
  ctx: JobContext,
  cloud: string,
  clusterUuid: string,
  kind: TrackedOperation['kind'],
  id: string,
): Promise<TrackedOperation | undefined> {
  const ops = readOperations(await ctx.operations.list(cloud));
  return ops.find((op) => op.clusterUuid === clusterUuid && op.kind === kind && op.id !== id);
}
