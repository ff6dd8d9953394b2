import { z } from 'zod';
import type { ClusterDetail, ClusterTemplate } from '../src/core/cluster.js';
import { ConflictError, NotFoundError, UpstreamError, UsageError } from '../src/core/errors.js';
import { postKey } from '../src/core/job.js';
import type { ImageFacts, OpenStackApi } from '../src/core/ports.js';
import { UPGRADE_JOB } from '../src/core/requests/upgrade-request.js';
import { upgradeRefusal, type UpgradePlan } from '../src/core/upgrade-check.js';
import { renderRequested } from '../src/render/create-request.js';
import { renderProgress } from '../src/render/progress.js';
import { closestNames } from './closest-names.js';
import { defineJob, type JobContext } from './definition.js';
import { audit, runMutation } from './mutation.js';
import { Origin, ensureThread } from './origin.js';
import { upgradeWindow } from './tracking/operation.js';
import { track, updateOperation } from './tracking/poller.js';
import { previewUpgrade } from './upgrade-preview.js';

const ACTION = UPGRADE_JOB;

const UpgradeData = Origin.extend({
  cluster: z.string().min(1),
  /** The target template, by name or uuid as the requester wrote it (a confirmed job: its uuid). */
  template: z.string().min(1),
  uuid: z.string().optional(),
  /** Set by the Confirm button: the template the cluster ran when the preview was shown. */
  confirmedFrom: z.string().optional(),
  toVersion: z.string().optional(),
  requested: z.boolean().default(false),
  /** The cluster's status before the upgrade, saved with `requested`: a retry tracks from it, not from a guess. */
  initialStatus: z.string().optional(),
  anchorTs: z.string().optional(),
  /** The preview was posted: a retry posts no second one. */
  previewTs: z.string().optional(),
});
type UpgradeData = z.infer<typeof UpgradeData>;

/**
 * `/kube upgrade NAME --template T`: checked (template, COE, driver, newer version, status),
 * previewed with a single-use Confirm, then Magnum's upgrade action (1.8) tracked to the end.
 */
export const clusterUpgrade = defineJob({
  name: ACTION,
  data: UpgradeData,
  async process(data, ctx) {
    return runMutation(ctx, { action: ACTION, target: data.cluster, origin: data, refusal: `upgrade ${data.cluster}` }, async () => {
      const threadTs = await ensureThread(data, ctx, () =>
        renderRequested('Upgrade', data.cluster, data.user, `to template ${data.template}`),
      );
      return upgradeAndTrack(data, threadTs, ctx);
    });
  },
});

async function upgradeAndTrack(data: UpgradeData, threadTs: string, ctx: JobContext): Promise<unknown> {
  const openstack = ctx.openstack(data.cloud);
  const magnum = openstack.magnum;
  const where = { ...data, threadTs };
  const mutation = { action: ACTION, target: data.cluster, origin: where };
  if (data.previewTs !== undefined) return { awaiting: 'confirmation', previewTs: data.previewTs };
  let plan: UpgradePlan | null = null;
  if (!data.requested) {
    const cluster = await magnum.getCluster(data.uuid ?? data.cluster);
    const target = await targetTemplate(openstack, data.template);
    // A retry after a crash finds its own upgrade under way: adopt it instead of asking again.
    const ownUnderWay =
      data.confirmedFrom !== undefined && cluster.status === 'UPDATE_IN_PROGRESS' && cluster.clusterTemplateId === target.uuid;
    plan = await planOf(openstack, cluster, target, data.confirmedFrom);
    if (!ownUnderWay) {
      const refusal = upgradeRefusal(plan);
      if (refusal !== null) throw new UsageError(refusal);
    }
    if (data.confirmedFrom === undefined) {
      return previewUpgrade(ctx, where, plan, async (previewTs) => {
        data.previewTs = previewTs;
        await ctx.runtime.updateData(data);
      });
    }
    if (!ownUnderWay && cluster.clusterTemplateId !== data.confirmedFrom) {
      throw new ConflictError(
        `${data.cluster} moved to another template since the upgrade was confirmed: nothing was changed. Run the upgrade again to see what it does.`,
        'no_longer_applies',
      );
    }
    await audit(ctx, mutation, 'started', `uuid ${cluster.uuid}, ${plan.current.name} to ${target.name}`);
    if (!ownUnderWay) await magnum.upgradeCluster(cluster.uuid, target.uuid);
    Object.assign(data, { uuid: cluster.uuid, requested: true, toVersion: plan.toVersion ?? undefined, initialStatus: cluster.status });
    await ctx.runtime.updateData(data);
  }
  const uuid = data.uuid as string;
  const shape = plan?.cluster ?? (await magnum.getCluster(uuid));
  const nodes = shape.masterCount + shape.nodeCount;
  const startedAt = ctx.clock.now();
  const usualMin = upgradeWindow(nodes);
  const targetVersion = data.toVersion;
  if (data.anchorTs === undefined) {
    const view = {
      kind: 'upgrade',
      cluster: data.cluster,
      user: data.user,
      status: 'UPDATE_IN_PROGRESS',
      startedAt,
      now: startedAt,
      usualMin,
      targetVersion,
    } as const;
    data.anchorTs = (await ctx.slack.post(data.channel, renderProgress(view), threadTs, { key: postKey(ctx.runtime, 'anchor') })).ts;
    await ctx.runtime.updateData(data);
  }
  await track(ctx, {
    ...updateOperation(ctx, data, { kind: 'upgrade', threadTs, anchorTs: data.anchorTs, clusterUuid: uuid, startedAt }),
    usualMin,
    ...(targetVersion === undefined ? {} : { targetVersion }),
    // The status before the upgrade: a terminal status ends it only once it moved (or 10 minutes passed).
    // A retry after a kill has no plan: the saved status, so an upgrade that ended meanwhile is reported at once.
    initialStatus: plan?.cluster.status ?? data.initialStatus ?? 'UPDATE_COMPLETE',
  });
  return { uuid };
}

/** The target template; a name that is no template is answered with the closest ones. */
async function targetTemplate(openstack: OpenStackApi, wanted: string): Promise<ClusterTemplate> {
  try {
    return await openstack.magnum.getTemplate(wanted);
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    const templates = await openstack.magnum.listTemplates();
    const { names } = closestNames(
      wanted,
      templates.map((t) => t.name),
      5,
    );
    const hint = names.length > 0 ? ` Closest: ${names.map((n) => `\`${n}\``).join(', ')}.` : '';
    throw new UsageError(`There is no cluster template \`${wanted}\`: nothing was changed.${hint}`);
  }
}

/** The cluster, its template now, the target, and both Kubernetes versions as Magnum and Glance tell them. */
async function planOf(
  openstack: OpenStackApi,
  cluster: ClusterDetail,
  target: ClusterTemplate,
  confirmedFrom: string | undefined,
): Promise<UpgradePlan> {
  // An adopted upgrade already moved the cluster to the target: its "from" is the one confirmed.
  const currentId = cluster.clusterTemplateId === target.uuid && confirmedFrom !== undefined ? confirmedFrom : cluster.clusterTemplateId;
  const current = await openstack.magnum.getTemplate(currentId);
  const [from, to] = await Promise.all([imageOf(openstack, current), imageOf(openstack, target)]);
  const fromVersion = cluster.coeVersion ?? templateVersion(current, from);
  const imageDrivers = { current: from?.magnumDriver ?? null, target: to?.magnumDriver ?? null };
  return { cluster, current, target, fromVersion, toVersion: templateVersion(target, to), imageDrivers };
}

/** The template's image as Glance describes it; null without Glance or when it is gone. */
async function imageOf(openstack: OpenStackApi, template: ClusterTemplate): Promise<ImageFacts | null> {
  if (!openstack.glance || template.imageId === null) return null;
  try {
    return await openstack.glance.getImage(template.imageId);
  } catch (error) {
    // No image any more, or a cloud without Glance in its catalog: the version then comes from the labels only.
    if (error instanceof NotFoundError || (error instanceof UpstreamError && error.code === 'service_not_in_catalog')) return null;
    throw error;
  }
}

/**
 * The Kubernetes version a template deploys: its kube_tag label (Heat and magnum-cluster-api),
 * else its image's kube_version property (magnum-capi-helm); null when neither says.
 */
export function templateVersion(template: ClusterTemplate, image: ImageFacts | null): string | null {
  const tag = template.labels['kube_tag'];
  if (tag !== undefined && tag !== '') return tag;
  return image?.kubeVersion ?? null;
}
