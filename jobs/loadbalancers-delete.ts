import { z } from 'zod';
import type { ClusterDetail } from '../src/core/cluster.js';
import { ConflictError, NotFoundError } from '../src/core/errors.js';
import { detectDriver } from '../src/core/magnum-driver.js';
import { section } from '../src/render/blocks.js';
import { code, mentionUser } from '../src/render/mrkdwn.js';
import { loadBalancersOnSubnet } from './cluster-delete-preview.js';
import { defineJob, type JobContext } from './definition.js';
import { Origin } from './origin.js';
import { postKey, rescheduleIn } from '../src/core/job.js';
import { jobIdFor } from '../src/core/job-id.js';
import { DELETE_JOB, LOADBALANCERS_DELETE_JOB } from '../src/core/requests/delete-request.js';
import { audit, runMutation } from './mutation.js';

const ACTION = LOADBALANCERS_DELETE_JOB;
/** Octavia usually tears a load balancer down in a minute or two; give up after this. */
const WAIT_LIMIT_MS = 20 * 60_000;

const LbDeleteData = Origin.extend({
  cluster: z.string().min(1),
  uuid: z.string().min(1),
  threadTs: z.string().min(1),
  /** Exactly the load balancers the requester confirmed. */
  loadBalancerIds: z.array(z.string().min(1)).min(1),
  step: z.enum(['delete', 'wait', 'retry']).default('delete'),
  waitStartedAt: z.number().optional(),
  /** A Cluster API cluster stuck DELETE_IN_PROGRESS: its delete goes on by itself, nothing to retry. */
  capi: z.boolean().optional(),
});
type LbDeleteData = z.infer<typeof LbDeleteData>;

/**
 * The documented workaround for the blocked delete (seed 000, known issue 1), confirmed by the
 * requester: cascade-delete the listed load balancers, wait until Octavia has removed them
 * (polling as a step job, no worker slot held), then delete the cluster again.
 */
export const loadbalancersDelete = defineJob({
  name: ACTION,
  data: LbDeleteData,
  async process(data, ctx) {
    return runMutation(ctx, { action: ACTION, target: data.cluster, origin: data }, () => step(data, ctx));
  },
});

/**
 * The button's ids are only a request: delete nothing unless the cluster's delete is still
 * failed and every listed load balancer that still exists has its VIP on the cluster's subnet.
 */
function isClusterApi(cluster: ClusterDetail): boolean {
  return detectDriver({ stackId: cluster.stackId, labels: cluster.labels }).family === 'cluster-api';
}

async function checkStillBlocked(data: LbDeleteData, ctx: JobContext): Promise<boolean> {
  const openstack = ctx.openstack(data.cloud);
  const cluster = await openstack.magnum.getCluster(data.uuid);
  // A Cluster API driver never fails the delete: it stays DELETE_IN_PROGRESS while Cluster API retries.
  const capiStuck = cluster.status === 'DELETE_IN_PROGRESS' && isClusterApi(cluster);
  if (cluster.status !== 'DELETE_FAILED' && !capiStuck) {
    throw new ConflictError(
      `${cluster.name} is ${cluster.status}, not DELETE_FAILED: the load balancers were left alone. Run \`/kube delete ${cluster.name}\` or \`/kube diagnose ${cluster.name}\` for a fresh view.`,
      'no_longer_applies',
    );
  }
  const onSubnet = new Set((await loadBalancersOnSubnet(openstack, cluster)).map((lb) => lb.id));
  const existing = new Set((await openstack.octavia.listLoadBalancers({})).map((lb) => lb.id));
  const foreign = data.loadBalancerIds.filter((id) => existing.has(id) && !onSubnet.has(id));
  if (foreign.length > 0) {
    throw new ConflictError(
      `Not on ${cluster.name}'s subnet, so not deleted: ${foreign.join(', ')}. Nothing was deleted.`,
      'not_on_subnet',
    );
  }
  return capiStuck;
}

async function step(data: LbDeleteData, ctx: JobContext): Promise<unknown> {
  const octavia = ctx.openstack(data.cloud).octavia;
  const mutation = { action: ACTION, target: data.cluster, origin: data };
  const ids = data.loadBalancerIds;
  if (data.step === 'delete') {
    data.capi = await checkStillBlocked(data, ctx);
    await ctx.runtime.updateData(data);
    await audit(ctx, mutation, 'started', `deleting ${ids.join(', ')}`);
    for (const id of ids) {
      try {
        await octavia.deleteLoadBalancer(id, { cascade: true });
      } catch (error) {
        // Already gone, or already being deleted (a retried attempt): both are what we want.
        if (!(error instanceof NotFoundError) && !(error instanceof ConflictError)) throw error;
      }
    }
    const then = data.capi
      ? 'Cluster API deletes the network on its next retry once they are gone'
      : 'the cluster delete is retried once they are gone';
    const text = `:wastebasket: Deleting ${ids.length} load balancer${ids.length === 1 ? '' : 's'} (cascade) for ${code(data.cluster)}; ${then}.`;
    // Keyed: a worker killed after this post and before the step was saved posts it once all the same.
    await ctx.slack.post(data.channel, { text, blocks: [section(text)] }, data.threadTs, { key: postKey(ctx.runtime, 'deleting') });
    return rescheduleIn(ctx.settings.pollIntervalMs, { ...data, step: 'wait', waitStartedAt: ctx.clock.now() });
  }
  if (data.step === 'wait') {
    const remaining = (await octavia.listLoadBalancers({})).filter((lb) => ids.includes(lb.id) && lb.provisioningStatus !== 'DELETED');
    if (remaining.length > 0) {
      if (ctx.clock.now() - (data.waitStartedAt ?? ctx.clock.now()) > WAIT_LIMIT_MS) {
        throw new ConflictError(
          `${remaining.length} load balancer(s) are still not deleted after 20 minutes: ${remaining.map((lb) => lb.id).join(', ')}.`,
        );
      }
      return rescheduleIn(ctx.settings.pollIntervalMs, data);
    }
    Object.assign(data, { step: 'retry' });
    await ctx.runtime.updateData(data);
  }
  if (data.capi) {
    // Nothing to retry: the delete is still under way, and tracked in its own thread if the bot started it.
    await audit(ctx, mutation, 'finished', `${ids.length} deleted; Cluster API finishes the delete`);
    const text = `${mentionUser(data.user)} the load balancers are gone; Cluster API finishes deleting ${code(data.cluster)} on its next retry.`;
    await ctx.slack.post(data.channel, { text, blocks: [section(text)] }, data.threadTs, { key: postKey(ctx.runtime, 'retried') });
    return { retried: false };
  }
  const deleteData = {
    cloud: data.cloud,
    teamId: data.teamId,
    channel: data.channel,
    user: data.user,
    threadTs: data.threadTs,
    cluster: data.cluster,
    uuid: data.uuid,
  };
  await ctx.queue.enqueue(DELETE_JOB, deleteData, { jobId: jobIdFor(DELETE_JOB, 'retry', ctx.runtime.jobId) });
  const text = `${mentionUser(data.user)} the load balancers are gone; deleting ${code(data.cluster)} again.`;
  await ctx.slack.post(data.channel, { text, blocks: [section(text)] }, data.threadTs, { key: postKey(ctx.runtime, 'retried') });
  await audit(ctx, mutation, 'finished', `${ids.length} deleted; cluster delete retried`);
  return { retried: true };
}
