import { z } from 'zod';
import type { ClusterDetail } from '../src/core/cluster.js';
import { capoNetworkNames, detectDriver } from '../src/core/magnum-driver.js';
import type { LoadBalancer } from '../src/core/openstack-state.js';
import type { OpenStackApi } from '../src/core/ports.js';
import { renderDeletePreview } from '../src/render/delete-preview.js';
import { defineJob } from './definition.js';
import { Origin } from './origin.js';
import { allHeatResources } from './tracking/heat-progress.js';
import { jobIdFor } from '../src/core/job-id.js';
import { DELETE_JOB, DELETE_PREVIEW_JOB, type DeleteConfirmation } from '../src/core/requests/delete-request.js';
import { audit, recheck } from './mutation.js';
import { issueOnce } from './confirmation-once.js';

const PreviewData = Origin.extend({ cluster: z.string().min(1), previewTs: z.string().optional() });

/** `/kube delete NAME`, first half: the preview with the exact target and a single-use Confirm button. */
export const clusterDeletePreview = defineJob({
  name: DELETE_PREVIEW_JOB,
  data: PreviewData,
  async process(data, ctx) {
    await recheck(ctx, { action: DELETE_JOB, target: data.cluster, origin: data });
    if (data.previewTs) return { previewTs: data.previewTs };
    const openstack = ctx.openstack(data.cloud);
    const cluster = await openstack.magnum.getCluster(data.cluster);
    const projectId = cluster.projectId ?? (await openstack.projectId());
    const loadBalancers = await loadBalancersOnSubnet(openstack, cluster);
    const ttlMs = ctx.settings.confirmTtlMs;
    const params: DeleteConfirmation = { cluster: cluster.name, uuid: cluster.uuid };
    const { token, claim, key } = await issueOnce(ctx, {
      action: DELETE_JOB,
      params,
      requester: data.user,
      channelId: data.channel,
      ttlMs,
    });
    const ref = await ctx.slack.post(
      data.channel,
      renderDeletePreview(cluster, {
        user: data.user,
        projectId,
        cloud: data.cloud,
        loadBalancers,
        token,
        expiresInMs: ttlMs,
      }),
      undefined,
      { key },
    );
    data.previewTs = ref.ts;
    await ctx.runtime.updateData(data);
    const where = { ...data, threadTs: ref.ts };
    await audit(
      ctx,
      { action: DELETE_JOB, target: cluster.name, origin: where },
      'requested',
      `preview of ${cluster.uuid}`,
      jobIdFor(DELETE_JOB, claim.id),
    );
    return { previewTs: ref.ts };
  },
});

/** Load balancers whose VIP is on the cluster's private subnet (from fixed_subnet or the Heat network stack). */
export async function loadBalancersOnSubnet(openstack: OpenStackApi, cluster: ClusterDetail): Promise<LoadBalancer[]> {
  const subnetId =
    cluster.fixedSubnet ??
    (await capoSubnet(openstack, cluster)) ??
    (await allHeatResources(openstack.heat, cluster.stackId)).find((r) => r.name === 'private_subnet')?.physicalId ??
    null;
  if (subnetId === null) return [];
  try {
    return await openstack.octavia.listLoadBalancers({ vipSubnetId: subnetId });
  } catch {
    // The preview still stands without Octavia (not every cloud has it).
    return [];
  }
}

/** A Cluster API cluster's subnet, by the name Cluster API Provider OpenStack gives it; null for the Heat driver. */
async function capoSubnet(openstack: OpenStackApi, cluster: ClusterDetail): Promise<string | null> {
  const driver = detectDriver({ stackId: cluster.stackId, labels: cluster.labels });
  if (driver.family !== 'cluster-api' || !cluster.stackId) return null;
  for (const name of capoNetworkNames(driver.driver, cluster.stackId, cluster.projectId)) {
    const [subnet] = await openstack.neutron.listSubnets({ name });
    if (subnet !== undefined) return subnet.id;
  }
  return null;
}
