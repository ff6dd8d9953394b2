import { NotFoundError } from '../src/core/errors.js';
import type { KubeState, KWorkload } from '../src/core/kube-state.js';
import { renderScaleDownPreview } from '../src/render/scale-preview.js';
import { openKube, postAnswer } from './cluster-access.js';
import type { JobContext } from './definition.js';
import type { Origin } from './origin.js';
import { jobIdFor } from '../src/core/job-id.js';
import { SCALE_JOB, type ScaleConfirmation } from '../src/core/requests/scale-request.js';
import { audit } from './mutation.js';
import { issueOnce } from './confirmation-once.js';

export interface ScaleDownRequest extends Origin {
  cluster: string;
  namespace: string;
  kind: 'Deployment' | 'StatefulSet' | 'ReplicationController';
  name: string;
  answerTs?: string | undefined;
  previewTs?: string | undefined;
}

/**
 * Scaling to 0 takes the workload down: post a preview (replicas now, the pods that go) with a
 * single-use Confirm instead of scaling. Null when nothing would go down (already at 0). The
 * confirmed scale is a new job whose id comes from the confirmation; its `requested` record is
 * written here, under that id.
 */
export async function previewScaleDown(
  data: ScaleDownRequest,
  ctx: JobContext,
  target: string,
): Promise<{ awaiting: 'confirmation'; previewTs: string } | null> {
  if (data.previewTs !== undefined) return { awaiting: 'confirmation', previewTs: data.previewTs };
  const { api } = await openKube(ctx, data, data.cluster);
  const { state, problems } = await api.readState({ namespace: data.namespace });
  const workload = state.workloads.find((w) => w.kind === data.kind && w.namespace === data.namespace && w.name === data.name);
  const shown = `${data.namespace}/${data.kind.toLowerCase()}/${data.name}`;
  // Not listed although the lists failed: ask anyway rather than guess.
  if (!workload && problems.length === 0) throw new NotFoundError(`${shown} was not found on ${data.cluster}: nothing was scaled.`);
  if (workload?.desired === 0) return null;
  const ttlMs = ctx.settings.confirmTtlMs;
  const params: ScaleConfirmation = { cluster: data.cluster, namespace: data.namespace, kind: data.kind, name: data.name };
  const { token, claim } = await issueOnce(ctx, {
    action: SCALE_JOB,
    params,
    requester: data.user,
    channelId: data.channel,
    ttlMs,
  });
  const preview = renderScaleDownPreview({
    cluster: data.cluster,
    target: shown,
    current: workload ? { desired: workload.desired, ready: workload.ready } : null,
    pods: workload ? podsOf(state, workload) : [],
    user: data.user,
    token,
    expiresInMs: ttlMs,
  });
  const { ts, threadTs } = await postAnswer(data, ctx, preview);
  data.previewTs = ts;
  await ctx.runtime.updateData(data);
  const from = workload ? String(workload.desired) : 'unknown';
  const where = { ...data, threadTs };
  await audit(
    ctx,
    { action: SCALE_JOB, target, origin: where },
    'requested',
    `replicas ${from} to 0: preview`,
    jobIdFor(SCALE_JOB, claim.id),
  );
  return { awaiting: 'confirmation', previewTs: ts };
}

/** The workload's pods, through its ReplicaSets for a Deployment. */
function podsOf(state: KubeState, workload: KWorkload): string[] {
  const owners = new Set([`${workload.kind}/${workload.name}`]);
  if (workload.kind === 'Deployment') {
    for (const rs of state.workloads) {
      if (
        rs.kind === 'ReplicaSet' &&
        rs.namespace === workload.namespace &&
        rs.owner?.kind === 'Deployment' &&
        rs.owner.name === workload.name
      )
        owners.add(`ReplicaSet/${rs.name}`);
    }
  }
  return state.pods
    .filter((p) => p.namespace === workload.namespace && p.owner !== null && owners.has(`${p.owner.kind}/${p.owner.name}`))
    .map((p) => p.name)
    .sort();
}
