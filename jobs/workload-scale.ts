import { z } from 'zod';
import { SCALABLE_KINDS, SCALE_JOB, scaleTarget } from '../src/core/requests/scale-request.js';
import { renderWorkloadActionMessage } from '../src/render/workload-action.js';
import { AnswerState, openKube, postAnswer } from './cluster-access.js';
import { defineJob, type JobContext } from './definition.js';
import { Origin } from './origin.js';
import { previewScaleDown } from './scale-down-preview.js';
import { audit, runMutation } from './mutation.js';

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
type ScaleData = z.infer<typeof ScaleData>;

/**
 * `/kube scale NAME NS/KIND/OBJ --replicas N` (Murano's scalePodUp/Down); re-authorized here.
 * Scaling to 0 takes the workload down, so it first posts a preview with a single-use Confirm.
 */
export const workloadScale = defineJob({
  name: SCALE_JOB,
  data: ScaleData,
  async process(data, ctx) {
    const target = scaleTarget(data);
    const mutation = { action: SCALE_JOB, target, origin: data };
    const preview = await runMutation(ctx, mutation, async () => {
      if (data.replicas === 0 && !data.confirmed) {
        const posted = await previewScaleDown(data, ctx, target);
        if (posted) return posted;
      }
      // A confirmed scale's request was recorded with its preview, under this job's id.
      if (!data.confirmed && !data.audited) {
        await audit(ctx, mutation, 'requested', `replicas ${data.replicas}`);
        data.audited = true;
        await ctx.runtime.updateData(data);
      }
      const { api } = await openKube(ctx, data, data.cluster);
      await audit(ctx, mutation, 'started', `replicas ${data.replicas}`);
      await api.scale(data.namespace, data.kind, data.name, data.replicas);
      await audit(ctx, mutation, 'finished', `replicas ${data.replicas}`);
      return null;
    });
    // The answer is posted after the mutation's records: a Slack failure here is no failed scale.
    return preview ?? scaled(data, ctx);
  },
});

async function scaled(data: ScaleData, ctx: JobContext): Promise<unknown> {
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
}
