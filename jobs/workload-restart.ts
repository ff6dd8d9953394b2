import { z } from 'zod';
import { ConflictError, NotFoundError } from '../src/core/errors.js';
import type { KubeApi } from '../src/core/ports.js';
import { renderWorkloadActionMessage } from '../src/render/workload-action.js';
import { AnswerState, openKube, postAnswer } from './cluster-access.js';
import { defineJob } from './definition.js';
import { Origin } from './origin.js';
import { audit, runMutation } from './mutation.js';

const RESTART_JOB = 'workload-restart';

export const RestartData = Origin.extend({
  cluster: z.string().min(1),
  namespace: z.string().min(1),
  kind: z.enum(['Pod', 'Deployment']),
  name: z.string().min(1),
}).extend(AnswerState.shape);

/**
 * `/kube restart NAME NS/POD | NS/deployment/OBJ` (Murano's recreatePod / restartContainers):
 * a pod is deleted so its controller recreates it; a Deployment gets a rollout restart. A pod
 * without a controller is not deleted: nothing would recreate it, so that is not a restart.
 */
export const workloadRestart = defineJob({
  name: RESTART_JOB,
  data: RestartData,
  async process(data, ctx) {
    const mutation = {
      action: RESTART_JOB,
      target: `${data.cluster}:${data.namespace}/${data.kind.toLowerCase()}/${data.name}`,
      origin: data,
    };
    const { target, detail } = await runMutation(ctx, mutation, async () => {
      const { api } = await openKube(ctx, data.cloud, data.cluster);
      const owner = data.kind === 'Pod' ? await controllerOf(api, data.namespace, data.name, data.cluster) : null;
      await audit(ctx, mutation, 'started');
      const done =
        owner !== null
          ? await api.deletePod(data.namespace, data.name).then(() => ({
              target: `${data.namespace}/${data.name}`,
              detail: `The pod was deleted; its ${owner.kind} ${owner.name} creates a new one.`,
            }))
          : await api.restartDeployment(data.namespace, data.name).then(() => ({
              target: `${data.namespace}/deployment/${data.name}`,
              detail: 'Rollout restart started: pods are replaced one by one.',
            }));
      await audit(ctx, mutation, 'finished');
      return done;
    });
    const verb = data.kind === 'Pod' ? 'recreated' : 'restarted';
    const { threadTs } = await postAnswer(
      data,
      ctx,
      renderWorkloadActionMessage({ cluster: data.cluster, verb, target, detail, requester: data.user }),
    );
    return { threadTs, kind: data.kind };
  },
});

/** The pod's controller; refuses a missing pod and a bare one (deleting it would not restart it). */
async function controllerOf(api: KubeApi, namespace: string, name: string, cluster: string): Promise<{ kind: string; name: string }> {
  const { state } = await api.readState({ namespace });
  const pod = state.pods.find((p) => p.namespace === namespace && p.name === name);
  if (!pod) throw new NotFoundError(`Pod ${namespace}/${name} was not found on ${cluster}. See \`/kube pods ${cluster} -n ${namespace}\`.`);
  if (pod.owner === null) {
    throw new ConflictError(
      `Pod ${namespace}/${name} has no controller: deleting it would not bring it back, so it was left alone. Restart its Deployment instead, or delete it with kubectl if that is what you want.`,
      'bare_pod',
    );
  }
  return pod.owner;
}
