import { z } from 'zod';
import { ConflictError, NotFoundError } from '../src/core/errors.js';
import type { KJob, KPod, KubeState } from '../src/core/kube-state.js';
import { BOOTSTRAP_JOB_DELETE_JOB } from '../src/core/requests/remedy-request.js';
import { renderWorkloadActionMessage } from '../src/render/workload-action.js';
import { AnswerState, openKube, postAnswer } from './cluster-access.js';
import { defineJob } from './definition.js';
import { Origin } from './origin.js';
import { audit, runMutation } from './mutation.js';

const BootstrapJobDeleteData = Origin.extend({
  cluster: z.string().min(1),
  namespace: z.string().min(1),
  job: z.string().min(1),
  claim: z.string().min(1),
  /** Set once the delete was sent: a retry that finds the job gone counts it done. */
  deleteSent: z.boolean().optional(),
}).extend(AnswerState.shape);
type BootstrapJobDeleteData = z.infer<typeof BootstrapJobDeleteData>;

/**
 * The "delete the finished bootstrap job" remedy (Kolla-Kubernetes known issue 1), confirmed by
 * the requester in the diagnosis thread: deletes the Job with its pods (background propagation,
 * as `kubectl delete job` does), so the volume its pod held is released for the waiting pod.
 * The button is only a request: nothing is deleted unless the job is still finished and one of
 * its pods still mounts the PVC.
 */
export const bootstrapJobDelete = defineJob({
  name: BOOTSTRAP_JOB_DELETE_JOB,
  data: BootstrapJobDeleteData,
  async process(data, ctx) {
    const mutation = { action: BOOTSTRAP_JOB_DELETE_JOB, target: `${data.cluster}:${data.namespace}/job/${data.job}`, origin: data };
    const detail = await runMutation(ctx, mutation, async () => {
      const { api } = await openKube(ctx, data, data.cluster);
      const { state } = await api.readState({ namespace: data.namespace });
      const job = state.jobs.find((j) => j.namespace === data.namespace && j.name === data.job);
      if (job === undefined && data.deleteSent) return deletedText(data);
      checkStillApplies(state, job, data);
      await audit(ctx, mutation, 'started', `deleting job ${data.namespace}/${data.job}`);
      data.deleteSent = true;
      await ctx.runtime.updateData(data);
      try {
        await api.deleteJob(data.namespace, data.job);
      } catch (error) {
        // Deleted between the read and the delete (by an earlier attempt of this job): done all the same.
        if (!(error instanceof NotFoundError)) throw error;
      }
      await audit(ctx, mutation, 'finished', `job ${data.namespace}/${data.job} deleted`);
      return deletedText(data);
    });
    const message = renderWorkloadActionMessage({
      cluster: data.cluster,
      verb: 'deleted',
      target: `${data.namespace}/job/${data.job}`,
      detail,
      requester: data.user,
    });
    const { threadTs } = await postAnswer(data, ctx, message);
    return { threadTs, job: data.job };
  },
});

function deletedText(data: BootstrapJobDeleteData): string {
  return `The finished job and its pod are deleted, which releases PVC ${data.claim}: the pod waiting for it can now mount it (check with \`/kube pods ${data.cluster} -n ${data.namespace}\`).`;
}

function podsOfJob(state: KubeState, data: BootstrapJobDeleteData): KPod[] {
  return state.pods.filter((p) => p.namespace === data.namespace && p.owner?.kind === 'Job' && p.owner.name === data.job);
}

/** Refuses unless the job exists, has finished, and a pod of it still mounts the PVC. */
function checkStillApplies(state: KubeState, job: KJob | undefined, data: BootstrapJobDeleteData): void {
  const fresh = `Run \`/kube diagnose ${data.cluster}\` for a fresh view.`;
  if (job === undefined)
    throw new NotFoundError(`Job ${data.namespace}/${data.job} was not found on ${data.cluster}: nothing was deleted. ${fresh}`);
  if (job.active > 0 || (job.succeeded === 0 && job.failed === 0 && job.completionTime === null)) {
    throw new ConflictError(`Job ${data.namespace}/${data.job} is still running, so it was left alone. ${fresh}`, 'no_longer_applies');
  }
  const holds = podsOfJob(state, data).some((p) => p.volumes.some((v) => v.pvcClaimName === data.claim));
  if (!holds) {
    throw new ConflictError(
      `No pod of job ${data.namespace}/${data.job} mounts PVC ${data.claim} any more, so the job was left alone. ${fresh}`,
      'no_longer_applies',
    );
  }
}
