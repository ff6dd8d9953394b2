import { z } from 'zod';
import { renderWorkloadActionMessage } from '../src/render/workload-action.js';
import { AnswerState, auditMutation, openKube, postAnswer } from './cluster-access.js';
import { defineJob } from './definition.js';
import { Origin } from './origin.js';

export const RestartData = Origin.extend({
  cluster: z.string().min(1),
  namespace: z.string().min(1),
  kind: z.enum(['Pod', 'Deployment']),
  name: z.string().min(1),
}).extend(AnswerState.shape);

/**
 * `/kube restart NAME NS/POD | NS/deployment/OBJ` (Murano's recreatePod / restartContainers):
 * a pod is deleted so its controller recreates it; a Deployment gets a rollout restart.
 */
export const workloadRestart = defineJob({
  name: 'workload-restart',
  data: RestartData,
  async process(data, ctx) {
    const decision = await ctx.access.authorize({ userId: data.user, channelId: data.channel }, 'operator', 'restart');
    const audited = `${data.cluster}:${data.namespace}/${data.kind.toLowerCase()}/${data.name}`;
    if (!decision.allowed) {
      await auditMutation(ctx, data, { action: 'workload-restart', target: audited, decision: 'denied', outcome: 'role' });
      await ctx.slack.postEphemeral(data.channel, data.user, { text: decision.message }, data.threadTs);
      return { denied: true };
    }
    const { api } = await openKube(ctx, data.cloud, data.cluster);
    await auditMutation(ctx, data, { action: 'workload-restart', target: audited, decision: 'started' });
    let target: string;
    let detail: string;
    if (data.kind === 'Pod') {
      await api.deletePod(data.namespace, data.name);
      target = `${data.namespace}/${data.name}`;
      detail = 'The pod was deleted; its controller creates a new one (a bare pod is not recreated).';
    } else {
      await api.restartDeployment(data.namespace, data.name);
      target = `${data.namespace}/deployment/${data.name}`;
      detail = 'Rollout restart started: pods are replaced one by one.';
    }
    await auditMutation(ctx, data, { action: 'workload-restart', target: audited, decision: 'finished' });
    const verb = data.kind === 'Pod' ? 'recreated' : 'restarted';
    const { threadTs } = await postAnswer(data, ctx, renderWorkloadActionMessage({ cluster: data.cluster, verb, target, detail, requester: data.user }));
    return { threadTs, kind: data.kind };
  },
});
