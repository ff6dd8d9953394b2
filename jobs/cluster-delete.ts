import { z } from 'zod';
import { NotFoundError } from '../src/core/errors.js';
import { DELETE_JOB } from '../src/core/requests/delete-request.js';
import { renderProgress } from '../src/render/progress.js';
import { defineJob, type JobContext } from './definition.js';
import { Origin } from './origin.js';
import { audit, runMutation } from './mutation.js';
import { track, trackedElsewhere } from './tracking/poller.js';
import { postKey } from '../src/core/job.js';

const ACTION = DELETE_JOB;

export const DeleteData = Origin.extend({
  cluster: z.string().min(1),
  /** The UUID the requester confirmed: the delete goes to it, not to whatever has the name now. */
  uuid: z.string().min(1),
  threadTs: z.string().min(1),
  requested: z.boolean().default(false),
  /**
   * Saved just before Magnum's DELETE is sent: an attempt run again after a kill between the two
   * (or after Magnum accepted but before `requested` was saved) that finds the cluster gone knows
   * the delete was its own, and reports it deleted rather than "already gone".
   */
  sending: z.boolean().default(false),
  initialStatus: z.string().optional(),
  anchorTs: z.string().optional(),
});
type DeleteData = z.infer<typeof DeleteData>;

/** `/kube delete NAME`, second half (after Confirm, or after the load balancer cleanup): delete once, then track. */
export const clusterDelete = defineJob({
  name: ACTION,
  data: DeleteData,
  async process(data, ctx) {
    return runMutation(ctx, { action: ACTION, target: data.cluster, origin: data, refusal: `delete ${data.cluster}` }, () =>
      deleteAndTrack(data, ctx),
    );
  },
});

async function deleteAndTrack(data: DeleteData, ctx: JobContext): Promise<unknown> {
  const magnum = ctx.openstack(data.cloud).magnum;
  const mutation = { action: ACTION, target: data.cluster, origin: data };
  if (!data.requested) {
    let status: string;
    try {
      status = (await magnum.getCluster(data.uuid)).status;
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      if (data.sending) return finishGone(data, ctx);
      await ctx.slack.post(data.channel, { text: `${data.cluster} (${data.uuid}) is already gone: nothing to delete.` }, data.threadTs, {
        key: postKey(ctx.runtime, 'gone'),
      });
      await audit(ctx, mutation, 'finished', 'already gone');
      return { gone: true };
    }
    await audit(ctx, mutation, 'started', `uuid ${data.uuid}, was ${status}`);
    if (status !== 'DELETE_IN_PROGRESS') {
      data.sending = true;
      await ctx.runtime.updateData(data);
      await magnum.deleteCluster(data.uuid);
    }
    Object.assign(data, { requested: true, initialStatus: status });
    await ctx.runtime.updateData(data);
  }
  return announceAndTrack(data, ctx);
}

/**
 * This job's own delete, sent by an attempt that died before it saved so, has already finished:
 * tracked like any other, the poller finds the cluster gone at its next look and posts the result.
 */
async function finishGone(data: DeleteData, ctx: JobContext): Promise<unknown> {
  Object.assign(data, { requested: true, initialStatus: 'DELETE_IN_PROGRESS' });
  await ctx.runtime.updateData(data);
  return announceAndTrack(data, ctx);
}

async function announceAndTrack(data: DeleteData, ctx: JobContext): Promise<unknown> {
  const jobId = ctx.runtime.jobId;
  const startedAt = ctx.clock.now();
  const other = data.anchorTs === undefined ? await trackedElsewhere(ctx, data.cloud, data.uuid, 'delete', jobId) : undefined;
  if (other) {
    await ctx.slack.post(
      data.channel,
      { text: `${data.cluster} is already being deleted; its progress is tracked in this channel.` },
      data.threadTs,
      { key: postKey(ctx.runtime, 'tracked-elsewhere') },
    );
    return { alreadyTracked: other.id };
  }
  if (data.anchorTs === undefined) {
    const view = {
      kind: 'delete',
      cluster: data.cluster,
      user: data.user,
      status: 'DELETE_IN_PROGRESS',
      startedAt,
      now: startedAt,
      usualMin: null,
    } as const;
    data.anchorTs = (await ctx.slack.post(data.channel, renderProgress(view), data.threadTs, { key: postKey(ctx.runtime, 'anchor') })).ts;
    await ctx.runtime.updateData(data);
  }
  await track(ctx, {
    id: jobId,
    kind: 'delete',
    cloud: data.cloud,
    teamId: data.teamId,
    channel: data.channel,
    user: data.user,
    threadTs: data.threadTs,
    anchorTs: data.anchorTs,
    cluster: data.cluster,
    clusterUuid: data.uuid,
    startedAt,
    progressed: false,
    missing: 0,
    lastStatus: 'DELETE_IN_PROGRESS',
    lastRenderedAt: startedAt,
    ...(data.initialStatus === undefined ? {} : { initialStatus: data.initialStatus }),
  });
  return { uuid: data.uuid };
}
