import { z } from 'zod';
import { renderWorkloadActionMessage } from '../src/render/workload-action.js';
import { AnswerState, auditMutation, openKube, postAnswer } from './cluster-access.js';
import { defineJob } from './definition.js';
import { Origin } from './origin.js';

export const SCALABLE_KINDS = ['Deployment', 'StatefulSet', 'ReplicationController'] as const;

export const ScaleData = Origin.extend({
  cluster: z.string().min(1),
  namespace: z.string().min(1),
  kind: z.enum(SCALABLE_KINDS),
  name: z.string().min(1),
  replicas: z.number().int().min(0).max(1000),
}).extend(AnswerState.shape);

/** `/kube scale NAME NS/KIND/OBJ --replicas N` (Murano's scalePodUp/Down); re-authorized here. */
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
    const { api } = await openKube(ctx, data.cloud, data.cluster);
    await auditMutation(ctx, data, { action: 'workload-scale', target, decision: 'started', outcome: `replicas ${data.replicas}` });
    await api.scale(data.namespace, data.kind, data.name, data.replicas);
    await auditMutation(ctx, data, { action: 'workload-scale', target, decision: 'finished', outcome: `replicas ${data.replicas}` });
    const shown = `${data.namespace}/${data.kind.toLowerCase()}/${data.name}`;
    const message = renderWorkloadActionMessage({ cluster: data.cluster, verb: 'scaled', target: shown, detail: `Desired replicas: ${data.replicas}.`, requester: data.user });
    const { threadTs } = await postAnswer(data, ctx, message);
    return { threadTs, replicas: data.replicas };
  },
});
