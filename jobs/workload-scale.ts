import { z } from 'zod';
import { renderWorkloadActionMessage } from '../src/render/workload-action.js';
import { AnswerState, auditMutation, openKube, postAnswer } from './cluster-access.js';
import { defineJob } from './definition.js';
import { Origin } from './origin.js';
import { previewScaleDown } from './scale-down-preview.js';
import { isFinal } from './tracking/lifecycle.js';

export const SCALABLE_KINDS = ['Deployment', 'StatefulSet', 'ReplicationController'] as const;

export const ScaleData = Origin.extend({
  cluster: z.string().min(1),
  namespace: z.string().min(1),
  kind: z.enum(SCALABLE_KINDS),
  name: z.string().min(1),
  replicas: z.number().int().min(0).max(1000),
  /** Scaling to 0 was confirmed with the preview's button (this job's id comes from the confirmation). */
  confirmed: z.boolean().default(false),
  /** The `requested` record is written: a retry writes no second one. */
  audited: z.boolean().default(false),
  /** The scale-to-0 preview was posted: a retry posts no second one. */
  previewTs: z.string().optional(),
}).extend(AnswerState.shape);

/**
 * `/kube scale NAME NS/KIND/OBJ --replicas N` (Murano's scalePodUp/Down); re-authorized here.
 * Scaling to 0 takes the workload down, so it first posts a preview with a single-use Confirm.
 */
export const workloadScale = defineJob({
  name: 'workload-scale',
  data: ScaleData,
  async process(data, ctx) {
    const decision = await ctx.access.authorize({ userId: data.user, channelId: data.channel }, 'operator', 'scale');
    const target = `${data.cluster}:${data.namespace}/${data.kind.toLowerCase()}/${data.name}`;
    if (!decision.allowed) {
      await auditMutation(ctx, data, { action: 'workload-scale', target, decision: 'denied', outcome: 'role' });
      await ctx.slack.postEphemeral(data.channel, data.user, { text: decision.message }, data.threadTs);
      return { denied: true };
    }
    if (data.replicas === 0 && !data.confirmed) {
      const preview = await previewScaleDown(data, ctx, target);
      if (preview) return preview;
    }
    // A confirmed scale's request was recorded with its preview, under this job's id.
    if (!data.confirmed && !data.audited) {
      await auditMutation(ctx, data, { action: 'workload-scale', target, decision: 'requested', outcome: `replicas ${data.replicas}` });
      data.audited = true;
      await ctx.runtime.updateData(data);
    }
    try {
      const { api } = await openKube(ctx, data.cloud, data.cluster);
      await auditMutation(ctx, data, { action: 'workload-scale', target, decision: 'started', outcome: `replicas ${data.replicas}` });
      await api.scale(data.namespace, data.kind, data.name, data.replicas);
    } catch (error) {
      if (isFinal(error, ctx))
        await auditMutation(ctx, data, {
          action: 'workload-scale',
          target,
          decision: 'failed',
          outcome: error instanceof Error ? error.message : 'failed',
        });
      throw error;
    }
    await auditMutation(ctx, data, { action: 'workload-scale', target, decision: 'finished', outcome: `replicas ${data.replicas}` });
    const shown = `${data.namespace}/${data.kind.toLowerCase()}/${data.name}`;
    const message = renderWorkloadActionMessage({
      cluster: data.cluster,
      verb: 'scaled',
      target: shown,
      detail: `Desired replicas: ${data.replicas}.`,
      requester: data.user,
    });
    const { threadTs } = await postAnswer(data, ctx, message);
    return { threadTs, replicas: data.replicas };
  },
});
