import { z } from 'zod';
import { CREATE_JOB, CreateSpec, OPERATION_LABEL, type CreateConfirmation } from '../src/core/requests/create-request.js';
import type { ClusterTemplate } from '../src/core/cluster.js';
import { ConflictError, NotFoundError, UsageError } from '../src/core/errors.js';
import type { Finding } from '../src/core/finding.js';
import { preflightDockerVolumeOverlay2 } from '../src/diagnostics/rules/docker-volume-size-overlay2.js';
import { createCommandLine, renderCreateRequested } from '../src/render/create-request.js';
import { renderCreateFromTwinTemplate, renderCreatePreflight, renderCreatePreflightChoice } from '../src/render/create-preflight.js';
import { renderProgress } from '../src/render/progress.js';
import { checkCreateResources, quote } from './create-resources.js';
import { checkCreateQuotas } from './create-quota.js';
import { sameWithoutVolume, templateVolumeOnOverlay2, withoutVolumeChoice } from './create-volume.js';
import { defineJob, type JobContext } from './definition.js';
import { Origin, ensureThread } from './origin.js';
import { audit, runMutation } from './mutation.js';
import { usualWindow, type TrackedOperation } from './tracking/operation.js';
import { detectDriver } from '../src/core/magnum-driver.js';
import { track } from './tracking/poller.js';
import { postKey } from '../src/core/job.js';
import { issueOnce } from './confirmation-once.js';
import { parseStored } from '../src/core/parse-stored.js';

/** The label values the pre-flight kept aside (held under `labelsRef`). */
const HeldLabels = z.record(z.string(), z.string());

const ACTION = CREATE_JOB;
const NAME_RESERVATION_MS = 3 * 3600_000;

const CreateData = Origin.extend({
  spec: CreateSpec,
  /** The pre-flight was answered (or the request came from a confirmation button). */
  confirmed: z.boolean().default(false),
  audited: z.boolean().default(false),
  uuid: z.string().optional(),
  anchorTs: z.string().optional(),
  /** Where the pre-flight kept the label values (the button carried the keys only). */
  labelsRef: z.string().optional(),
});
type CreateData = z.infer<typeof CreateData>;

/** The label values behind a pre-flight outlive its buttons by this much. */
const HELD_LABELS_MARGIN_MS = 10 * 60_000;

/**
 * `/kube create`: re-authorize, check the template, flavors and keypair, pre-flight, create
 * once (name reserved, existing name refused, a retry adopts the cluster labelled with its
 * operation id), then hand over to the poller.
 */
export const clusterCreate = defineJob({
  name: ACTION,
  data: CreateData,
  async process(data, ctx) {
    const mutation = {
      action: ACTION,
      target: data.spec.cluster,
      origin: data,
      refusal: `create ${data.spec.cluster}`,
      onFinalFailure: () => ctx.operations.releaseName(data.cloud, data.spec.cluster, ctx.runtime.jobId),
    };
    return runMutation(ctx, mutation, async () => {
      if (data.labelsRef !== undefined) await restoreLabels(ctx, data);
      const threadTs = await ensureThread(data, ctx, () => renderCreateRequested(data.spec, data.user));
      if (!data.audited) {
        await audit(ctx, mutation, 'requested', createCommandLine(data.spec));
        await save(ctx, data, { audited: true });
      }
      return createAndTrack(data, threadTs, ctx);
    });
  },
});

async function createAndTrack(data: CreateData, threadTs: string, ctx: JobContext): Promise<unknown> {
  const opId = ctx.runtime.jobId;
  let driver: TrackedOperation['driver'];
  if (data.uuid === undefined) {
    let template = await resolveTemplate(ctx, data);
    driver = driverOfTemplate(template);
    // Everything the cloud can check is checked before the name is reserved: a refusal leaves nothing behind.
    await checkCreateResources(ctx, data.cloud, data.spec, template);
    const finding = preflightDockerVolumeOverlay2(template, data.spec.dockerVolumeSize);
    if (finding && !data.confirmed) return askAboutVolume(ctx, data, template, finding, threadTs);
    // Confirmed with no size of its own while the template carries one: "without the volume" was chosen.
    if (finding && data.spec.dockerVolumeSize === undefined) template = await twinWithoutVolume(ctx, data, template, threadTs);
    await checkCreateQuotas(ctx, data.cloud, data.spec, template);
    const holder = await ctx.operations.reserveName(data.cloud, data.spec.cluster, opId, NAME_RESERVATION_MS);
    if (holder !== opId) throw new ConflictError(`Another create of \`${data.spec.cluster}\` is already under way (operation ${holder}).`);
    const uuid = (await adoptOwn(ctx, data, opId)) ?? (await create(ctx, data, template, opId));
    await save(ctx, data, { uuid });
  }
  const { spec } = data;
  const uuid = data.uuid as string;
  const startedAt = ctx.clock.now();
  if (data.anchorTs === undefined) {
    const ref = await ctx.slack.post(
      data.channel,
      renderProgress({
        kind: 'create',
        cluster: spec.cluster,
        user: data.user,
        status: 'CREATE_IN_PROGRESS',
        startedAt,
        now: startedAt,
        usualMin: usualWindow('create', driver),
      }),
      threadTs,
      { key: postKey(ctx.runtime, 'anchor') },
    );
    await save(ctx, data, { anchorTs: ref.ts });
  }
  await track(ctx, {
    id: opId,
    kind: 'create',
    cloud: data.cloud,
    teamId: data.teamId,
    channel: data.channel,
    user: data.user,
    threadTs,
    anchorTs: data.anchorTs as string,
    cluster: spec.cluster,
    clusterUuid: uuid,
    startedAt,
    progressed: false,
    missing: 0,
    lastStatus: 'CREATE_IN_PROGRESS',
    lastRenderedAt: startedAt,
    ...(driver ? { driver } : {}),
  });
  await audit(ctx, { action: ACTION, target: spec.cluster, origin: data }, 'started', `uuid ${uuid}`);
  return { uuid, threadTs };
}

/** Heat or Cluster API, from the template alone (the cluster has no stack_id yet); undefined when it cannot tell. */
function driverOfTemplate(template: ClusterTemplate): TrackedOperation['driver'] {
  const facts = detectDriver({ templateDriver: template.driver, clusterDistro: template.clusterDistro, labels: template.labels });
  return facts.family === 'heat' ? 'heat' : facts.family === 'cluster-api' ? 'other' : undefined;
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
    throw new ConflictError(
      `A cluster named \`${data.spec.cluster}\` already exists (${other?.status ?? '?'}, ${other?.uuid ?? '?'}). Pick another name.`,
    );
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

/** The pre-flight warning and the choice; the confirmed choice comes back as a new job. */
async function askAboutVolume(
  ctx: JobContext,
  data: CreateData,
  template: ClusterTemplate,
  finding: Finding,
  threadTs: string,
): Promise<unknown> {
  const templateVolume = templateVolumeOnOverlay2(template);
  const without = withoutVolumeChoice(template, templateVolume === null ? [] : await listTemplates(ctx, data));
  // "With the volume anyway" then names the size, which tells the confirmed job the two choices apart.
  const size = templateVolume !== null && data.spec.dockerVolumeSize === undefined ? { dockerVolumeSize: templateVolume } : {};
  const ttlMs = ctx.settings.confirmTtlMs;
  // The label values stay here, under this job's id; the button carries their keys only.
  const labelsRef = Object.keys(data.spec.labels).length > 0 ? `create-labels:${ctx.runtime.jobId}` : undefined;
  if (labelsRef !== undefined) await ctx.held.set(labelsRef, JSON.stringify(data.spec.labels), ttlMs + HELD_LABELS_MARGIN_MS);
  const keysOnly = Object.fromEntries(Object.keys(data.spec.labels).map((k) => [k, '']));
  const params: CreateConfirmation = {
    spec: { ...data.spec, labels: keysOnly, template: template.uuid, ...size },
    ...(labelsRef === undefined ? {} : { labelsRef }),
    threadTs,
  };
  const { token, key } = await issueOnce(ctx, { action: ACTION, params, requester: data.user, channelId: data.channel, ttlMs });
  await ctx.slack.post(data.channel, renderCreatePreflight(data.spec.cluster, finding), threadTs, {
    key: postKey(ctx.runtime, 'preflight'),
  });
  const choice = renderCreatePreflightChoice(data.spec.cluster, { user: data.user, token, expiresInMs: ttlMs, without });
  await ctx.slack.post(data.channel, choice, threadTs, { key });
  return { awaiting: 'preflight-confirmation' };
}

/**
 * The template to create from instead of one that carries the volume: the same in everything
 * else. Saved into the spec, so a retry goes on from it without asking again.
 */
async function twinWithoutVolume(ctx: JobContext, data: CreateData, template: ClusterTemplate, threadTs: string): Promise<ClusterTemplate> {
  const twin = sameWithoutVolume(template, await listTemplates(ctx, data));
  if (!twin) {
    const size = templateVolumeOnOverlay2(template) ?? 0;
    throw new UsageError(
      `Template ${quote(template.name)} gives every cluster its ${size} GB docker volume (Magnum uses the template's docker_volume_size when a create sets none, and refuses 0), ` +
        `and no template of the project is the same without it any more. Create \`${data.spec.cluster}\` from a template without docker_volume_size. Nothing was created.`,
    );
  }
  await ctx.slack.post(data.channel, renderCreateFromTwinTemplate(data.spec.cluster, template.name, twin.name), threadTs, {
    key: postKey(ctx.runtime, 'twin-template'),
  });
  await save(ctx, data, { spec: { ...data.spec, template: twin.uuid } });
  return twin;
}

async function listTemplates(ctx: JobContext, data: CreateData): Promise<ClusterTemplate[]> {
  return ctx.openstack(data.cloud).magnum.listTemplates();
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
  throw new UsageError(
    `Choose a template with \`--template\`: ${templates.map((t) => `\`${t.name}\``).join(', ') || 'the project has none'}.`,
  );
}

async function save(ctx: JobContext, data: CreateData, patch: Partial<CreateData>): Promise<void> {
  Object.assign(data, patch);
  await ctx.runtime.updateData(data);
}

/** Puts back the label values the pre-flight kept (its button carried the keys only); once restored, saved in the job's data. */
async function restoreLabels(ctx: JobContext, data: CreateData): Promise<void> {
  const raw = data.labelsRef === undefined ? null : await ctx.held.get(data.labelsRef);
  const held = parseStored(HeldLabels, raw);
  if (held === undefined) {
    throw new UsageError(
      `The label values of this request are no longer kept (the pre-flight expired): run \`/kube create ${data.spec.cluster}\` again.`,
    );
  }
  const keys = Object.keys(data.spec.labels);
  data.spec = { ...data.spec, labels: Object.fromEntries(keys.map((k) => [k, held[k] ?? ''])) };
  delete data.labelsRef;
  await ctx.runtime.updateData(data);
}
