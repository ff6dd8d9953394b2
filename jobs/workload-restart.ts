import { z } from 'zod';
import { ConflictError, NotFoundError } from '../src/core/errors.js';
import type { KPod } from '../src/core/kube-state.js';
import type { KubeApi } from '../src/core/ports.js';
import { renderWorkloadActionMessage } from '../src/render/workload-action.js';
import { AnswerState, openKube, postAnswer } from './cluster-access.js';
import { defineJob, type JobContext } from './definition.js';
import { Origin } from './origin.js';
import { audit, runMutation } from './mutation.js';

const RESTART_JOB = 'workload-restart';

export const RestartData = Origin.extend({
  cluster: z.string().min(1),
  namespace: z.string().min(1),
  kind: z.enum(['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicationController']),
  name: z.string().min(1),
  /** The uid of the pod this job deletes, recorded before the delete: a retry that finds it gone is done. */
  podUid: z.string().optional(),
  /** The rollout's `restartedAt`, recorded before the patch: a retry sets the same value, which rolls nothing more. */
  restartedAt: z.string().optional(),
  /** A ReplicationController's pods (uids) this job deletes, recorded before the first delete: a retry deletes only those left. */
  podUids: z.array(z.string()).max(500).optional(),
}).extend(AnswerState.shape);

/**
 * `/kube restart NAME NS/POD | NS/KIND/OBJ` (Murano's recreatePod / restartContainers): a pod is
 * deleted so its controller recreates it; a Deployment, StatefulSet or DaemonSet gets a rollout
 * restart; a ReplicationController (Murano's apps), which has no rollout, gets each of its pods
 * deleted and recreated. A pod without a controller is not deleted: nothing would recreate it.
 */
export const workloadRestart = defineJob({
  name: RESTART_JOB,
  data: RestartData,
  async process(data, ctx) {
    const mutation = restartMutation(data);
    const { target, detail } = await runMutation(ctx, mutation, async () => {
      const { api } = await openKube(ctx, data, data.cluster);
      const done =
        data.kind === 'Pod'
          ? await recreatePod(api, data, ctx)
          : data.kind === 'ReplicationController'
            ? await recreateControllerPods(api, data, ctx)
            : await rolloutRestart(api, { ...data, kind: data.kind }, ctx);
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

type RestartData = z.infer<typeof RestartData>;
type Done = { target: string; detail: string };

/**
 * Deletes the pod so its controller recreates it. The pod's uid is saved in the job's data
 * before the delete: a retry (a kill, or a Slack error after the delete) that finds no pod of
 * that uid (gone, or already recreated under the same name) counts the restart as done.
 */
async function recreatePod(api: KubeApi, data: RestartData, ctx: JobContext): Promise<Done> {
  const { state } = await api.readState({ namespace: data.namespace });
  const pod = state.pods.find((p) => p.namespace === data.namespace && p.name === data.name);
  const target = `${data.namespace}/${data.name}`;
  if (data.podUid !== undefined && pod?.uid !== data.podUid) {
    return { target, detail: 'The pod was deleted (by an earlier attempt of this restart); its controller creates a new one.' };
  }
  const owner = controllerOf(pod, data.namespace, data.name, data.cluster);
  await audit(ctx, restartMutation(data), 'started');
  if (data.podUid === undefined && pod) {
    data.podUid = pod.uid;
    await ctx.runtime.updateData(data);
  }
  try {
    await api.deletePod(data.namespace, data.name);
  } catch (error) {
    // Deleted between the read and the delete (by this restart's earlier attempt, or its controller): done all the same.
    if (!(error instanceof NotFoundError)) throw error;
  }
  return { target, detail: `The pod was deleted; its ${owner.kind} ${owner.name} creates a new one.` };
}

/** A rollout restart whose `restartedAt` is saved in the job's data first, so a retry sets the same value. */
async function rolloutRestart(
  api: KubeApi,
  data: RestartData & { kind: 'Deployment' | 'StatefulSet' | 'DaemonSet' },
  ctx: JobContext,
): Promise<Done> {
  await audit(ctx, restartMutation(data), 'started');
  if (data.restartedAt === undefined) {
    data.restartedAt = new Date(ctx.runtime.enqueuedAt ?? ctx.clock.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
    await ctx.runtime.updateData(data);
  }
  await api.restartWorkload(data.namespace, data.kind, data.name, data.restartedAt);
  const how = data.kind === 'StatefulSet' ? 'one by one, highest ordinal first' : data.kind === 'DaemonSet' ? 'node by node' : 'one by one';
  return {
    target: `${data.namespace}/${data.kind.toLowerCase()}/${data.name}`,
    detail: `Rollout restart started: pods are replaced ${how}.`,
  };
}

/**
 * A ReplicationController has no rollout (kubectl cannot restart one): its pods are deleted and
 * it creates new ones. The uids are saved before the first delete; a retry deletes only the
 * saved pods still there, so no pod the controller made since is deleted again.
 */
async function recreateControllerPods(api: KubeApi, data: RestartData, ctx: JobContext): Promise<Done> {
  const { state } = await api.readState({ namespace: data.namespace });
  const target = `${data.namespace}/replicationcontroller/${data.name}`;
  const owned = state.pods.filter(
    (p) => p.namespace === data.namespace && p.owner?.kind === 'ReplicationController' && p.owner.name === data.name,
  );
  if (data.podUids === undefined) {
    if (!state.workloads.some((w) => w.kind === 'ReplicationController' && w.namespace === data.namespace && w.name === data.name)) {
      throw new NotFoundError(
        `ReplicationController ${data.namespace}/${data.name} was not found on ${data.cluster}. See \`/kube pods ${data.cluster} -n ${data.namespace}\`.`,
      );
    }
    await audit(ctx, restartMutation(data), 'started');
    data.podUids = owned.map((p) => p.uid);
    await ctx.runtime.updateData(data);
  }
  const saved = new Set(data.podUids);
  for (const pod of owned.filter((p) => saved.has(p.uid))) {
    try {
      await api.deletePod(pod.namespace, pod.name);
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
    }
  }
  const count = data.podUids.length;
  const detail =
    count === 0
      ? 'It has no pods to recreate (0 replicas?): nothing was deleted.'
      : `${count} pod${count === 1 ? ' was' : 's were'} deleted; the ReplicationController creates new ones.`;
  return { target, detail };
}

function restartMutation(data: RestartData) {
  return { action: RESTART_JOB, target: `${data.cluster}:${data.namespace}/${data.kind.toLowerCase()}/${data.name}`, origin: data };
}

/** The pod's controller; refuses a missing pod and a bare one (deleting it would not restart it). */
function controllerOf(pod: KPod | undefined, namespace: string, name: string, cluster: string): { kind: string; name: string } {
  if (!pod) throw new NotFoundError(`Pod ${namespace}/${name} was not found on ${cluster}. See \`/kube pods ${cluster} -n ${namespace}\`.`);
  if (pod.owner === null) {
    throw new ConflictError(
      `Pod ${namespace}/${name} has no controller: deleting it would not bring it back, so it was left alone. Restart its Deployment instead, or delete it with kubectl if that is what you want.`,
      'bare_pod',
    );
  }
  return pod.owner;
}
