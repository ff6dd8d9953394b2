import { z } from 'zod';
import type { ClusterDetail, ClusterTemplate } from '../src/core/cluster.js';
import { ConflictError, NotFoundError, UsageError } from '../src/core/errors.js';
import { postKey, rescheduleIn } from '../src/core/job.js';
import { jobIdFor } from '../src/core/job-id.js';
import { CREATE_JOB, OPERATION_LABEL, type CreateSpec } from '../src/core/requests/create-request.js';
import { RECREATE_JOB } from '../src/core/requests/remedy-request.js';
import { dockerVolumeSizeOf, storageDriverOf } from '../src/diagnostics/rules/docker-volume-size-overlay2.js';
import { section } from '../src/render/blocks.js';
import { code } from '../src/render/mrkdwn.js';
import { sameWithoutVolume } from './create-volume.js';
import { defineJob, type JobContext } from './definition.js';
import { Origin } from './origin.js';
import { audit, runMutation } from './mutation.js';

/** Magnum deletes a Heat cluster in minutes; give up waiting after this. */
const WAIT_LIMIT_MS = 60 * 60_000;
/** The label values wait in the held store this long (the delete, then the create's start). */
const HELD_LABELS_MS = 3 * 3600_000;

const RecreateData = Origin.extend({
  cluster: z.string().min(1),
  uuid: z.string().min(1),
  threadTs: z.string().min(1),
  step: z.enum(['delete', 'wait', 'create']).default('delete'),
  /** The create to run once the cluster is gone (label keys only: the values are held under `labelsRef`). */
  spec: z.record(z.string(), z.unknown()).optional(),
  labelsRef: z.string().optional(),
  waitStartedAt: z.number().optional(),
});
type RecreateData = z.infer<typeof RecreateData>;

/** What the new create is: the cluster's spec, without the docker volume; or why the bot cannot. */
export type RecreatePlan = { spec: CreateSpec; template: string; labels: Record<string, string> } | { refusal: string };

/**
 * The cluster's own spec (sizes, flavors, keypair, timeout, the labels it set beyond its
 * template's) without the docker volume: the same template when the volume was the cluster's
 * own (`--docker-volume-size`), else the template that is the same but for the volume (Magnum
 * puts a template's docker_volume_size into every create that sets none, and refuses 0).
 */
export function recreatePlan(cluster: ClusterDetail, template: ClusterTemplate, templates: readonly ClusterTemplate[]): RecreatePlan {
  const size = dockerVolumeSizeOf(cluster, template);
  if (storageDriverOf(template, cluster.labels) !== 'overlay2' || size === null) {
    return {
      refusal: `${cluster.name} has no docker volume on overlay2 (any more): the known issue does not apply, so it was left alone.`,
    };
  }
  let target = template;
  if ((template.dockerVolumeSize ?? 0) > 0) {
    const twin = sameWithoutVolume(template, templates);
    if (twin === undefined) {
      return {
        refusal:
          `Template ${template.name} gives every cluster its ${template.dockerVolumeSize} GB docker volume and no template of the project is the same without it, ` +
          `so ${cluster.name} was left alone (deleting it would not help). Create it from a template without docker_volume_size.`,
      };
    }
    target = twin;
  }
  const labels = Object.fromEntries(
    Object.entries(cluster.labels).filter(([key, value]) => key !== OPERATION_LABEL && template.labels[key] !== value),
  );
  const spec: CreateSpec = {
    cluster: cluster.name,
    template: target.uuid,
    nodes: cluster.nodeCount,
    masters: cluster.masterCount,
    ...(cluster.flavorId === null ? {} : { flavor: cluster.flavorId }),
    ...(cluster.masterFlavorId === null ? {} : { masterFlavor: cluster.masterFlavorId }),
    ...(cluster.keypair === null ? {} : { keypair: cluster.keypair }),
    ...(cluster.createTimeout === null ? {} : { timeout: cluster.createTimeout }),
    labels: Object.fromEntries(Object.keys(labels).map((k) => [k, ''])),
  };
  return { spec, template: target.name, labels };
}

/**
 * The "recreate without the docker volume" remedy of the overlay2 + docker_volume_size known
 * issue (Catalyst: not recoverable, create the cluster again), confirmed by the requester:
 * plans the create first (nothing is deleted when there is no template without the volume),
 * deletes the cluster, waits for Magnum to remove it (a step job, no worker slot held), then
 * hands the create to `cluster-create` under a deterministic id, in the same thread.
 */
export const clusterRecreate = defineJob({
  name: RECREATE_JOB,
  data: RecreateData,
  async process(data, ctx) {
    return runMutation(ctx, { action: RECREATE_JOB, target: data.cluster, origin: data }, () => step(data, ctx));
  },
});

async function step(data: RecreateData, ctx: JobContext): Promise<unknown> {
  const magnum = ctx.openstack(data.cloud).magnum;
  const mutation = { action: RECREATE_JOB, target: data.cluster, origin: data };
  if (data.step === 'delete') {
    const cluster = await magnum.getCluster(data.uuid);
    if (cluster.status.endsWith('_IN_PROGRESS')) {
      throw new ConflictError(
        `${cluster.name} is ${cluster.status}: it was left alone. Try again once that has finished.`,
        'no_longer_applies',
      );
    }
    const template = await magnum.getTemplate(cluster.clusterTemplateId);
    const plan = recreatePlan(cluster, template, (template.dockerVolumeSize ?? 0) > 0 ? await magnum.listTemplates() : []);
    if ('refusal' in plan) throw new UsageError(`${plan.refusal} Nothing was deleted.`);
    const labelsRef = Object.keys(plan.labels).length > 0 ? `recreate-labels:${ctx.runtime.jobId}` : undefined;
    if (labelsRef !== undefined) await ctx.held.set(labelsRef, JSON.stringify(plan.labels), HELD_LABELS_MS);
    Object.assign(data, { spec: plan.spec, ...(labelsRef === undefined ? {} : { labelsRef }) });
    await ctx.runtime.updateData(data);
    await audit(
      ctx,
      mutation,
      'started',
      `deleting ${cluster.name}; then creating it from template ${plan.template} without the docker volume`,
    );
    try {
      await magnum.deleteCluster(data.uuid);
    } catch (error) {
      // Gone already, or already deleting (a retried attempt): both are what we want.
      if (!(error instanceof NotFoundError) && !(error instanceof ConflictError)) throw error;
    }
    const text = `:recycle: Deleting ${code(cluster.name)}; once Magnum has removed it, it is created again from template ${code(plan.template)} without the docker volume.`;
    await ctx.slack.post(data.channel, { text, blocks: [section(text)] }, data.threadTs, { key: postKey(ctx.runtime, 'deleting') });
    return rescheduleIn(ctx.settings.pollIntervalMs, { ...data, step: 'wait', waitStartedAt: ctx.clock.now() });
  }
  if (data.step === 'wait') {
    const status = await magnum.getCluster(data.uuid).then(
      (c) => c.status,
      (error: unknown) => {
        if (error instanceof NotFoundError) return null;
        throw error;
      },
    );
    if (status === 'DELETE_FAILED') {
      throw new ConflictError(
        `The delete of ${data.cluster} failed (DELETE_FAILED), so it was not created again. \`/kube diagnose ${data.cluster}\` says why (often a load balancer added after creation).`,
      );
    }
    if (status !== null) {
      if (ctx.clock.now() - (data.waitStartedAt ?? ctx.clock.now()) > WAIT_LIMIT_MS) {
        throw new ConflictError(`${data.cluster} is still ${status} after 60 minutes, so it was not created again.`);
      }
      return rescheduleIn(ctx.settings.pollIntervalMs, data);
    }
    Object.assign(data, { step: 'create' });
    await ctx.runtime.updateData(data);
  }
  const createData = {
    cloud: data.cloud,
    teamId: data.teamId,
    channel: data.channel,
    user: data.user,
    threadTs: data.threadTs,
    spec: data.spec,
    confirmed: true,
    ...(data.labelsRef === undefined ? {} : { labelsRef: data.labelsRef }),
  };
  await ctx.queue.enqueue(CREATE_JOB, createData, { jobId: jobIdFor(CREATE_JOB, 'recreate', ctx.runtime.jobId) });
  await audit(ctx, mutation, 'finished', `${data.cluster} deleted; create without the docker volume started`);
  return { recreating: data.cluster };
}
