import type { ClusterDetail, ClusterTemplate } from '../src/core/cluster.js';
import { jobIdFor } from '../src/core/job-id.js';
import { detectDriver, driverLabel, type DriverFacts } from '../src/core/magnum-driver.js';
import { UPGRADE_JOB, type UpgradeConfirmation } from '../src/core/requests/upgrade-request.js';
import type { UpgradePlan } from '../src/core/upgrade-check.js';
import { renderUpgradePreview } from '../src/render/upgrade-messages.js';
import type { JobContext } from './definition.js';
import { audit } from './mutation.js';
import type { Origin } from './origin.js';
import { issueOnce } from './confirmation-once.js';

/**
 * An upgrade replaces every node and cannot be undone: post the preview with a single-use
 * Confirm into the thread instead of upgrading. The confirmed upgrade is a new job whose id
 * comes from the confirmation; its `requested` record is written here, under that id.
 */
export async function previewUpgrade(
  ctx: JobContext,
  where: Origin & { threadTs: string },
  plan: UpgradePlan,
  /** Persists the preview's ts before anything else, so a retry posts no second one. */
  remember: (previewTs: string) => Promise<void>,
): Promise<{ awaiting: 'confirmation'; previewTs: string }> {
  const { cluster, current, target } = plan;
  const driver = driverOf(cluster, current);
  const fromVersion = plan.fromVersion ?? 'unknown';
  const toVersion = plan.toVersion ?? 'unknown';
  const params: UpgradeConfirmation = {
    cluster: cluster.name,
    uuid: cluster.uuid,
    fromTemplate: current.uuid,
    template: target.uuid,
    templateName: target.name,
    fromVersion,
    toVersion,
    threadTs: where.threadTs,
  };
  const ttlMs = ctx.settings.confirmTtlMs;
  const { token, claim, key } = await issueOnce(ctx, {
    action: UPGRADE_JOB,
    params,
    requester: where.user,
    channelId: where.channel,
    ttlMs,
  });
  const preview = renderUpgradePreview({
    cluster: cluster.name,
    uuid: cluster.uuid,
    cloud: where.cloud,
    driver: driverLabel(driver.driver),
    heat: driver.family === 'heat',
    fromTemplate: current.name,
    toTemplate: target.name,
    fromVersion,
    toVersion,
    nodes: cluster.masterCount + cluster.nodeCount,
    user: where.user,
    token,
    expiresInMs: ttlMs,
  });
  const ref = await ctx.slack.post(where.channel, preview, where.threadTs, { key });
  await remember(ref.ts);
  const outcome = `${current.name} (${fromVersion}) to ${target.name} (${toVersion}): preview of ${cluster.uuid}`;
  await audit(ctx, { action: UPGRADE_JOB, target: cluster.name, origin: where }, 'requested', outcome, jobIdFor(UPGRADE_JOB, claim.id));
  return { awaiting: 'confirmation', previewTs: ref.ts };
}

/** The cluster's driver, from what Magnum says about the cluster and its template. */
function driverOf(cluster: ClusterDetail, template: ClusterTemplate): DriverFacts {
  return detectDriver({
    templateDriver: template.driver,
    clusterDistro: template.clusterDistro,
    labels: { ...template.labels, ...cluster.labels },
    stackId: cluster.stackId,
  });
}
