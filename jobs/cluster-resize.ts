import { z } from 'zod';
import type { ClusterDetail, Nodegroup } from '../src/core/cluster.js';
import { ConflictError, UpstreamError, UsageError } from '../src/core/errors.js';
import { RESIZE_JOB } from '../src/core/requests/resize-request.js';
import { renderRequested } from '../src/render/create-request.js';
import { renderProgress } from '../src/render/progress.js';
import { defineJob, type JobContext } from './definition.js';
import { Origin, ensureThread } from './origin.js';
import { previewShrink } from './resize-shrink-preview.js';
import { checkResizeQuotas } from './create-quota.js';
import { audit, runMutation } from './mutation.js';
import { track, updateOperation } from './tracking/poller.js';
import { postKey } from '../src/core/job.js';

const ACTION = RESIZE_JOB;

const ResizeData = Origin.extend({
  cluster: z.string().min(1),
  nodes: z.number().int().min(0),
  nodegroup: z.string().optional(),
  uuid: z.string().optional(),
  requested: z.boolean().default(false),
  initialStatus: z.string().optional(),
  anchorTs: z.string().optional(),
  /** The node count the requester saw in the shrink preview and confirmed (set by the Confirm button). */
  confirmedFrom: z.number().int().min(0).optional(),
  /** The shrink preview was posted: a retry posts no second one. */
  previewTs: z.string().optional(),
});
type ResizeData = z.infer<typeof ResizeData>;

/**
 * `/kube resize NAME --nodes N`: bounds from the nodegroup, Magnum's resize action (1.7+), tracked.
 * Removing nodes evicts their pods, so a shrink first posts a preview with a single-use Confirm;
 * adding nodes is refused with the numbers when they do not fit in the project's quotas.
 */
export const clusterResize = defineJob({
  name: ACTION,
  data: ResizeData,
  async process(data, ctx) {
    return runMutation(ctx, { action: ACTION, target: data.cluster, origin: data, refusal: `resize ${data.cluster}` }, async () => {
      const threadTs = await ensureThread(data, ctx, () => renderRequested('Resize', data.cluster, data.user, `to ${data.nodes} nodes`));
      return resizeAndTrack(data, threadTs, ctx);
    });
  },
});

async function resizeAndTrack(data: ResizeData, threadTs: string, ctx: JobContext): Promise<unknown> {
  const magnum = ctx.openstack(data.cloud).magnum;
  const where = { ...data, threadTs };
  const mutation = { action: ACTION, target: data.cluster, origin: where };
  if (data.previewTs !== undefined) return { awaiting: 'confirmation', previewTs: data.previewTs };
  if (!data.requested) {
    const cluster = await magnum.getCluster(data.uuid ?? data.cluster);
    const group = await nodegroupFor(ctx, data, cluster);
    const groupName = group?.name ?? 'default-worker';
    const current = group?.nodeCount ?? cluster.nodeCount;
    if (data.nodes < current && data.confirmedFrom === undefined) {
      const shrink = { cluster, nodegroup: data.nodegroup, groupName, from: current, to: data.nodes };
      return previewShrink(ctx, where, shrink, async (previewTs) => {
        data.previewTs = previewTs;
        await ctx.runtime.updateData(data);
      });
    }
    if (data.confirmedFrom !== undefined && data.nodes < current && current > data.confirmedFrom) {
      // More nodes would go than the requester agreed to remove.
      throw new ConflictError(
        `${groupName} of ${data.cluster} now has ${current} nodes, not the ${data.confirmedFrom} shown when the resize was confirmed: nothing was changed. Run the resize again to see what it removes.`,
        'resize_changed',
      );
    }
    // A confirmed shrink's request was recorded with its preview, under this job's id.
    if (data.confirmedFrom === undefined) {
      await audit(ctx, mutation, 'requested', `${groupName} to ${data.nodes} nodes`);
    }
    // A retry after a crash finds its own resize under way: adopt it instead of asking again.
    const ownUnderWay = cluster.status === 'UPDATE_IN_PROGRESS' && current === data.nodes;
    if (!ownUnderWay && current === data.nodes) {
      await ctx.slack.post(
        data.channel,
        { text: `${data.cluster} already has ${data.nodes} nodes in ${group?.name ?? 'its worker group'}: nothing to do.` },
        threadTs,
        { key: postKey(ctx.runtime, 'unchanged') },
      );
      await audit(ctx, mutation, 'finished', 'no change');
      return { unchanged: true };
    }
    if (!ownUnderWay && data.nodes > current) {
      const added = data.nodes - current;
      await checkResizeQuotas(ctx, data.cloud, { cluster, groupFlavor: group?.flavorId ?? null, added, groupName });
    }
    await audit(ctx, mutation, 'started', `uuid ${cluster.uuid}`);
    if (!ownUnderWay) await magnum.resizeCluster(cluster.uuid, data.nodes, data.nodegroup);
    Object.assign(data, { uuid: cluster.uuid, requested: true, initialStatus: cluster.status });
    await ctx.runtime.updateData(data);
  }
  const startedAt = ctx.clock.now();
  if (data.anchorTs === undefined) {
    const view = {
      kind: 'resize',
      cluster: data.cluster,
      user: data.user,
      status: 'UPDATE_IN_PROGRESS',
      startedAt,
      now: startedAt,
      usualMin: null,
      targetNodes: data.nodes,
    } as const;
    data.anchorTs = (await ctx.slack.post(data.channel, renderProgress(view), threadTs, { key: postKey(ctx.runtime, 'anchor') })).ts;
    await ctx.runtime.updateData(data);
  }
  await track(ctx, {
    ...updateOperation(ctx, data, { kind: 'resize', threadTs, anchorTs: data.anchorTs, clusterUuid: data.uuid as string, startedAt }),
    targetNodes: data.nodes,
    ...(data.initialStatus === undefined ? {} : { initialStatus: data.initialStatus }),
  });
  return { uuid: data.uuid };
}

/** The nodegroup to resize, with its bounds checked; undefined when the cloud has no nodegroup API (< 1.9). */
async function nodegroupFor(ctx: JobContext, data: ResizeData, cluster: ClusterDetail): Promise<Nodegroup | undefined> {
  let groups: Nodegroup[];
  try {
    groups = await ctx.openstack(data.cloud).magnum.listNodegroups(cluster.uuid);
  } catch (error) {
    if (error instanceof UpstreamError && error.code === 'microversion_unsupported') return undefined;
    throw error;
  }
  const group =
    data.nodegroup === undefined
      ? (groups.find((g) => g.role !== 'master' && g.isDefault) ?? groups.find((g) => g.name === 'default-worker'))
      : groups.find((g) => g.name === data.nodegroup || g.uuid === data.nodegroup);
  if (!group) {
    const names = groups.map((g) => `\`${g.name}\``).join(', ');
    throw new UsageError(`${cluster.name} has no nodegroup \`${data.nodegroup ?? 'default-worker'}\`. Nodegroups: ${names || 'none'}.`);
  }
  if (group.role === 'master') throw new UsageError(`\`${group.name}\` is the master nodegroup: Magnum resizes worker nodegroups only.`);
  const max = group.maxNodeCount;
  if (data.nodes < group.minNodeCount || (max !== null && data.nodes > max)) {
    throw new UsageError(`${group.name} takes ${group.minNodeCount} to ${max ?? 'any number of'} nodes; ${data.nodes} is out of bounds.`);
  }
  return group;
}
