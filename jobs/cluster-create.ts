import { z } from 'zod';
import type { ClusterTemplate } from '../src/core/cluster.js';
import { ConflictError, NotFoundError, UsageError } from '../src/core/errors.js';
import { preflightDockerVolumeOverlay2 } from '../src/diagnostics/rules/docker-volume-size-overlay2.js';
import { createCommandLine, renderCreateRequested } from '../src/render/create-request.js';
import { renderCreatePreflight, renderCreatePreflightChoice } from '../src/render/create-preflight.js';
import { renderProgress } from '../src/render/progress.js';
import { defineJob, type JobContext } from './definition.js';
import { Origin, ensureThread } from './origin.js';
import { audit, isFinal, lifecycleOf, recheck } from './tracking/lifecycle.js';
import { USUAL_WINDOW_MIN } from './tracking/operation.js';
import { track } from './tracking/poller.js';
import { classifyRefusal } from './tracking/refusals.js';

/** The label holding the operation id on clusters the bot creates (a retry adopts its own cluster). */
export const OPERATION_LABEL = 'kube_chatops_op';
const ACTION = 'cluster-create';
const NAME_RESERVATION_MS = 3 * 3600_000;

export const CreateSpecData = z.object({
  cluster: z.string().min(1),
  template: z.string().optional(),
  nodes: z.number().int().min(1).optional(),
  masters: z.number().int().min(1).optional(),
  flavor: z.string().optional(),
  masterFlavor: z.string().optional(),
  keypair: z.string().optional(),
  labels: z.record(z.string(), z.string()).default({}),
  dockerVolumeSize: z.number().int().min(1).optional(),
  timeout: z.number().int().min(1).optional(),
});
export type CreateSpecData = z.infer<typeof CreateSpecData>;

const CreateData = Origin.extend({
  spec: CreateSpecData,
  /** The pre-flight was answered (or the request came from a confirmation button). */
  confirmed: z.boolean().default(false),
  audited: z.boolean().default(false),
  uuid: z.string().optional(),
  anchorTs: z.string().optional(),
});
type CreateData = z.infer<typeof CreateData>;

/**
 * `/kube create`: re-authorize, pre-flight, create once (name reserved, existing name refused,
 * a retry adopts the cluster labelled with its operation id), then hand over to the poller.
 */
export const clusterCreate = defineJob({
  name: ACTION,
  data: CreateData,
  async process(data, ctx) {
    const opId = ctx.runtime.jobId;
    const origin = { channel: data.channel, user: data.user, cloud: data.cloud, threadTs: data.threadTs };
    await recheck(ctx, origin, ACTION, data.spec.cluster, opId);
    const threadTs = await ensureThread(data, ctx, () => renderCreateRequested(data.spec, data.user));
    const where = { ...origin, threadTs };
    if (!data.audited) {
      await audit(ctx, where, { action: ACTION, target: data.spec.cluster, decision: 'requested', jobId: opId, outcome: createCommandLine(data.spec) });
      await save(ctx, data, { audited: true });
    }
    try {
      return await createAndTrack(data, threadTs, ctx);
    } catch (thrown) {
      const error = classifyRefusal(thrown, `create ${data.spec.cluster}`);
      if (isFinal(error, ctx)) {
        await lifecycleOf(ctx).operations.releaseName(data.cloud, data.spec.cluster, opId);
        const outcome = error instanceof Error ? error.message : 'failed';
        await audit(ctx, where, { action: ACTION, target: data.spec.cluster, decision: 'failed', jobId: opId, outcome });
      }
      throw error;
    }
  },
});

async function createAndTrack(data: CreateData, threadTs: string, ctx: JobContext): Promise<unknown> {
  const opId = ctx.runtime.jobId;
  const lifecycle = lifecycleOf(ctx);
  const { spec } = data;
  if (data.uuid === undefined) {
    const template = await resolveTemplate(ctx, data);
    const finding = spec.dockerVolumeSize === undefined ? null : preflightDockerVolumeOverlay2(template, spec.dockerVolumeSize);
    if (finding && !data.confirmed) {
      const { token } = lifecycle.confirmations.issueWithClaim({
        action: 'cluster-create',
        params: { ...flatten(spec), template: template.uuid, threadTs },
        requester: data.user,
        channelId: data.channel,
        ttlMs: lifecycle.confirmTtlMs,
      });
      await ctx.slack.post(data.channel, renderCreatePreflight(spec.cluster, finding), threadTs);
      const choice = renderCreatePreflightChoice(spec.cluster, { user: data.user, token, expiresInMs: lifecycle.confirmTtlMs });
      await ctx.slack.post(data.channel, choice, threadTs);
      return { awaiting: 'preflight-confirmation' };
    }
    const holder = await lifecycle.operations.reserveName(data.cloud, spec.cluster, opId, NAME_RESERVATION_MS);
    if (holder !== opId) throw new ConflictError(`Another create of \`${spec.cluster}\` is already under way (operation ${holder}).`);
    const uuid = (await adoptOwn(ctx, data, opId)) ?? (await create(ctx, data, template, opId));
    await save(ctx, data, { uuid });
  }
  const uuid = data.uuid as string;
  const startedAt = ctx.clock.now();
  if (data.anchorTs === undefined) {
    const ref = await ctx.slack.post(
      data.channel,
      renderProgress({ kind: 'create', cluster: spec.cluster, user: data.user, status: 'CREATE_IN_PROGRESS', startedAt, now: startedAt, usualMin: USUAL_WINDOW_MIN.create }),
      threadTs,
    );
    await save(ctx, data, { anchorTs: ref.ts });
  }
  await track(ctx, {
    id: opId, kind: 'create', cloud: data.cloud, teamId: data.teamId, channel: data.channel, user: data.user, threadTs,
    anchorTs: data.anchorTs as string, cluster: spec.cluster, clusterUuid: uuid, startedAt, progressed: false, missing: 0, lastStatus: 'CREATE_IN_PROGRESS', lastRenderedAt: startedAt,
  });
  await audit(ctx, { channel: data.channel, user: data.user, cloud: data.cloud, threadTs }, { action: ACTION, target: spec.cluster, decision: 'started', jobId: opId, outcome: `uuid ${uuid}` });
  return { uuid, threadTs };
}

/** The cluster a previous attempt of this very operation created, if any; a foreign one of that name is refused. */
async function adoptOwn(ctx: JobContext, data: CreateData, opId: string): Promise<string | undefined> {
  const sameName = (await ctx.openstack(data.cloud).magnum.listClusters()).filter((c) => c.name === data.spec.cluster);
  const own = sameName.find((c) => c.labels[OPERATION_LABEL] === opId);
  if (own) {
    ctx.log.info({ uuid: own.uuid }, 'adopting the cluster an earlier attempt created');
    return own.uuid;
  }
  if (sameName.length > 0) {
    const other = sameName[0];
    throw new ConflictError(`A cluster named \`${data.spec.cluster}\` already exists (${other?.status ?? '?'}, ${other?.uuid ?? '?'}). Pick another name.`);
  }
  return undefined;
}

async function create(ctx: JobContext, data: CreateData, template: ClusterTemplate, opId: string): Promise<string> {
  const { spec } = data;
  const { uuid } = await ctx.openstack(data.cloud).magnum.createCluster({
    name: spec.cluster,
    clusterTemplateId: template.uuid,
    ...(spec.nodes === undefined ? {} : { nodeCount: spec.nodes }),
    ...(spec.masters === undefined ? {} : { masterCount: spec.masters }),
    ...(spec.flavor === undefined ? {} : { flavorId: spec.flavor }),
    ...(spec.masterFlavor === undefined ? {} : { masterFlavorId: spec.masterFlavor }),
    ...(spec.keypair === undefined ? {} : { keypair: spec.keypair }),
    ...(spec.dockerVolumeSize === undefined ? {} : { dockerVolumeSize: spec.dockerVolumeSize }),
    ...(spec.timeout === undefined ? {} : { createTimeout: spec.timeout }),
    // merge_labels keeps the template's labels; ours marks the cluster as this operation's.
    labels: { ...spec.labels, [OPERATION_LABEL]: opId },
    mergeLabels: true,
  });
  return uuid;
}

async function resolveTemplate(ctx: JobContext, data: CreateData): Promise<ClusterTemplate> {
  const magnum = ctx.openstack(data.cloud).magnum;
  if (data.spec.template !== undefined) {
    try {
      return await magnum.getTemplate(data.spec.template);
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      const known = (await magnum.listTemplates()).map((t) => `\`${t.name}\``).join(', ');
      throw new UsageError(`There is no cluster template \`${data.spec.template}\`. Known templates: ${known || 'none'}.`);
    }
  }
  const templates = await magnum.listTemplates();
  const [only] = templates;
  if (templates.length === 1 && only) return only;
  throw new UsageError(`Choose a template with \`--template\`: ${templates.map((t) => `\`${t.name}\``).join(', ') || 'the project has none'}.`);
}

/** The spec as confirmation parameters (ids and small values only). */
function flatten(spec: CreateSpecData): Record<string, string | number> {
  const out: Record<string, string | number> = { cluster: spec.cluster };
  for (const key of ['nodes', 'masters', 'flavor', 'masterFlavor', 'keypair', 'dockerVolumeSize', 'timeout'] as const) {
    const value = spec[key];
    if (value !== undefined) out[key] = value;
  }
  const labels = Object.entries(spec.labels).map(([k, v]) => `${k}=${v}`).join(',');
  if (labels) out['labels'] = labels;
  return out;
}

async function save(ctx: JobContext, data: CreateData, patch: Partial<CreateData>): Promise<void> {
  Object.assign(data, patch);
  await ctx.runtime.updateData(data);
}
