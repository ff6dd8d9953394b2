import { NotFoundError } from '../../src/core/errors.js';
import type { ClusterDetail } from '../../src/core/cluster.js';
import type { ClusterSnapshot } from '../../src/core/snapshot.js';
import { blockingObjects, subnetConflictReason } from '../../src/diagnostics/rules/delete-blocked-by-loadbalancers.js';
import { renderCreateComplete, renderOperationFailed } from '../../src/render/create-result.js';
import { renderDeleteBlocked, renderDeleteComplete, renderLoadBalancerOffer } from '../../src/render/delete-result.js';
import { renderProgress } from '../../src/render/progress.js';
import { renderResizeComplete } from '../../src/render/resize-result.js';
import { renderUpgradeComplete } from '../../src/render/upgrade-messages.js';
import type { JobContext } from '../definition.js';
import { allHeatResources, failedHeatResources } from './heat-progress.js';
import { jobIdFor } from '../../src/core/job-id.js';
import { LOADBALANCERS_DELETE_JOB, type LoadBalancersConfirmation } from '../../src/core/requests/delete-request.js';
import { audit } from '../mutation.js';
import { FOLLOWUP_JOB } from '../cluster-followup.js';
import { usualWindow, type TrackedOperation } from './operation.js';

const ACTION = { create: 'cluster-create', delete: 'cluster-delete', resize: 'cluster-resize', upgrade: 'cluster-upgrade' } as const;

/** The diagnosis job, and why it runs. */
const DIAGNOSE_JOB = 'cluster-diagnose';
type DiagnoseReason = 'create-failed' | 'delete-failed' | 'upgrade-failed' | 'manual' | 'stalled';

/** Writes one audit record of the tracked operation, under the operation's id. */
function recordOf(ctx: JobContext, op: TrackedOperation) {
  const mutation = { action: ACTION[op.kind], target: op.cluster, origin: op };
  return (decision: 'finished' | 'failed', outcome: string) => audit(ctx, mutation, decision, outcome, op.id);
}
const VERB = { create: 'creating', delete: 'deleting', resize: 'resizing', upgrade: 'upgrading' } as const;
const SUBNET_IN_REASON = /subnet ([0-9a-f-]{36})/i;

/** Ends a tracked operation: the anchor says finished, the result is a new thread message, the audit says how. */
export async function finalizeOperation(op: TrackedOperation, status: string, ctx: JobContext): Promise<void> {
  const now = ctx.clock.now();
  const anchor = { channel: op.channel, ts: op.anchorTs };
  // The anchor's last edit (chat.update) and the result (chat.postMessage) go out side by side: with
  // many operations ending at once, results do not wait behind the edits, which Slack allows far fewer of.
  await Promise.all([
    ctx.slack.update(anchor, renderProgress({ ...progressOf(op, status, now), finished: true })),
    announceResult(op, status, ctx, now),
  ]);
}

/** The result in the thread, the audit record, the follow-ups or the diagnosis. */
async function announceResult(op: TrackedOperation, status: string, ctx: JobContext, now: number): Promise<void> {
  const elapsedMs = now - op.startedAt;
  // Each result is a keyed post: a finalize run again (a poll that failed after it, a restart) does not post it twice.
  const once = (what: string) => ({ key: `${op.id}/${what}` });
  const record = recordOf(ctx, op);
  // The name is free again for a later create (a failed one must be deleted first anyway).
  if (op.kind === 'create') await ctx.operations.releaseName(op.cloud, op.cluster, op.id);

  if (status === 'DELETE_COMPLETE') {
    await record('finished', 'DELETE_COMPLETE');
    await ctx.slack.post(op.channel, renderDeleteComplete(op.cluster, { user: op.user, elapsedMs }), op.threadTs, once('result'));
    return;
  }
  const cluster = await detailOrNull(ctx, op);
  if (cluster === null) {
    await record('failed', 'cluster disappeared');
    await ctx.slack.post(
      op.channel,
      { text: `${op.cluster} is gone: it was deleted while the bot tracked it.` },
      op.threadTs,
      once('result'),
    );
    return;
  }
  if (status === 'CREATE_COMPLETE') {
    await record('finished', 'CREATE_COMPLETE');
    await enqueueFollowup(ctx, op, 'create', now);
    await ctx.slack.post(op.channel, renderCreateComplete(cluster, { user: op.user, elapsedMs }), op.threadTs, once('result'));
    return;
  }
  if (status === 'UPDATE_COMPLETE' && op.kind === 'upgrade') {
    const version = cluster.coeVersion ?? op.targetVersion ?? '?';
    await record('finished', `UPDATE_COMPLETE, Kubernetes ${version}`);
    await enqueueFollowup(ctx, op, 'upgrade', now);
    await ctx.slack.post(op.channel, renderUpgradeComplete(op.cluster, { user: op.user, version, elapsedMs }), op.threadTs, once('result'));
    return;
  }
  if (status === 'UPDATE_COMPLETE') {
    await record('finished', `UPDATE_COMPLETE, ${cluster.nodeCount} nodes`);
    await enqueueFollowup(ctx, op, 'resize', now);
    await ctx.slack.post(
      op.channel,
      renderResizeComplete(op.cluster, { user: op.user, nodes: cluster.nodeCount, elapsedMs }),
      op.threadTs,
      once('result'),
    );
    return;
  }
  if (status === 'DELETE_FAILED' && (await offerLoadBalancerCleanup(ctx, op, cluster))) return;
  const openstack = ctx.openstack(op.cloud);
  const failedResources = await failedHeatResources(openstack.heat, cluster.stackId);
  const reason: DiagnoseReason =
    op.kind === 'create' ? 'create-failed' : op.kind === 'delete' ? 'delete-failed' : op.kind === 'upgrade' ? 'upgrade-failed' : 'manual';
  const diagnosisQueued = await enqueueDiagnosis(ctx, op, reason);
  await record('failed', `${status}: ${cluster.statusReason ?? ''}`);
  await ctx.slack.post(
    op.channel,
    renderOperationFailed(cluster, { user: op.user, verb: capitalize(VERB[op.kind]), elapsedMs, failedResources, diagnosisQueued }),
    op.threadTs,
    once('result'),
  );
}

/** The progress view of an operation at a status. */
export function progressOf(op: TrackedOperation, status: string, now: number) {
  return {
    kind: op.kind,
    cluster: op.cluster,
    user: op.user,
    status,
    startedAt: op.startedAt,
    now,
    usualMin: op.usualMin ?? usualWindow(op.kind, op.driver),
    heat: op.heat,
    driver: op.driver,
    driverName: op.driverName,
    capi: op.capi,
    targetNodes: op.targetNodes,
    targetVersion: op.targetVersion,
  };
}

async function detailOrNull(ctx: JobContext, op: TrackedOperation): Promise<ClusterDetail | null> {
  try {
    return await ctx.openstack(op.cloud).magnum.getCluster(op.clusterUuid);
  } catch (error) {
    if (error instanceof NotFoundError) return null;
    throw error;
  }
}

/** Where a job enqueued for a tracked operation answers: the operation's own thread. */
function originOf(op: TrackedOperation) {
  return { cloud: op.cloud, teamId: op.teamId, channel: op.channel, user: op.user, threadTs: op.threadTs, cluster: op.cluster };
}

/** Enqueues a job once per id; false (and a warning) when the queue refused. */
async function enqueueOnce(
  ctx: JobContext,
  name: string,
  data: object,
  jobId: string,
  options: { background?: boolean } = {},
): Promise<boolean> {
  try {
    await ctx.queue.enqueue(name, data, { jobId, ...options });
    return true;
  } catch (error) {
    ctx.log.warn({ err: error, job: name }, 'could not enqueue a job after the operation');
    return false;
  }
}

/**
 * Starts the follow-up health checks of a finished create or resize: one job per operation
 * (deterministic id), so a finish that runs twice, or a crash after this, starts it once. They
 * are background jobs: a thousand of them queued when a thousand creates end together never
 * hold back the next poll, a finish or a user's command.
 */
async function enqueueFollowup(
  ctx: JobContext,
  op: TrackedOperation,
  after: 'create' | 'resize' | 'upgrade',
  endedAt: number,
): Promise<void> {
  await enqueueOnce(ctx, FOLLOWUP_JOB, { ...originOf(op), after, endedAt }, jobIdFor(FOLLOWUP_JOB, op.id), { background: true });
}

/** Enqueues the diagnosis job once per operation and reason; false when the queue refused. */
export function enqueueDiagnosis(ctx: JobContext, op: TrackedOperation, reason: DiagnoseReason): Promise<boolean> {
  return enqueueOnce(ctx, DIAGNOSE_JOB, { ...originOf(op), reason }, jobIdFor(DIAGNOSE_JOB, reason, op.id));
}

/**
 * The known delete failure: the Heat private_subnet Conflict. Lists the load balancers Magnum
 * does not delete and offers a confirmed "delete them and retry". False when it is not that case.
 */
async function offerLoadBalancerCleanup(ctx: JobContext, op: TrackedOperation, cluster: ClusterDetail): Promise<boolean> {
  const openstack = ctx.openstack(op.cloud);
  const heatResources = await allHeatResources(openstack.heat, cluster.stackId);
  const snapshot = snapshotOf(cluster, heatResources, null, ctx.clock.now());
  const reason = subnetConflictReason(snapshot);
  if (reason === null) return false;
  const subnetId =
    cluster.fixedSubnet ?? SUBNET_IN_REASON.exec(reason)?.[1] ?? heatResources.find((r) => r.name === 'private_subnet')?.physicalId ?? null;
  const loadBalancers = subnetId === null ? [] : await openstack.octavia.listLoadBalancers({ vipSubnetId: subnetId });
  const blocking = blockingObjects({ ...snapshot, subnetId, loadBalancers }).loadBalancers;
  const ids = fitIds(blocking.map((lb) => lb.id));
  const shown = blocking.filter((lb) => ids.includes(lb.id));
  const ttlMs = ctx.settings.confirmTtlMs;
  const params: LoadBalancersConfirmation = { cluster: cluster.name, uuid: cluster.uuid, loadBalancerIds: ids, threadTs: op.threadTs };
  const token =
    shown.length === 0
      ? null
      : ctx.confirmations.issueWithClaim({ action: LOADBALANCERS_DELETE_JOB, params, requester: op.user, channelId: op.channel, ttlMs })
          .token;
  await recordOf(ctx, op)('failed', `DELETE_FAILED: blocked by ${blocking.length} load balancer(s) on subnet ${subnetId ?? '?'}`);
  await ctx.slack.post(op.channel, renderDeleteBlocked(cluster, { user: op.user, reason, loadBalancers: blocking }), op.threadTs, {
    key: `${op.id}/result`,
  });
  if (token !== null) {
    const offer = renderLoadBalancerOffer(cluster, { user: op.user, count: shown.length, token, expiresInMs: ttlMs });
    await ctx.slack.post(op.channel, offer, op.threadTs, { key: `${op.id}/offer` });
  }
  return true;
}

/** Load balancer ids that fit a confirmation button (256 characters of ids; Slack caps a button's value at 2,000). */
function fitIds(ids: readonly string[]): string[] {
  const kept: string[] = [];
  for (const id of ids) {
    if ([...kept, id].join(',').length > 256) break;
    kept.push(id);
  }
  return kept;
}

function snapshotOf(
  cluster: ClusterDetail,
  heatResources: ClusterSnapshot['heatResources'],
  subnetId: string | null,
  now: number,
): ClusterSnapshot {
  return {
    name: cluster.name,
    collectedAt: now,
    cluster,
    template: null,
    nodegroups: [],
    stack: null,
    heatResources,
    subnetId,
    loadBalancers: [],
    ports: [],
    kube: null,
    problems: [],
  };
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
