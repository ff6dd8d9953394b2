import { z } from 'zod';
import type { ClusterDetail } from '../src/core/cluster.js';
import type { LoadBalancer } from '../src/core/openstack-state.js';
import type { OpenStackApi } from '../src/core/ports.js';
import { renderDeletePreview } from '../src/render/delete-preview.js';
import { defineJob } from './definition.js';
import { Origin } from './origin.js';
import { allHeatResources } from './tracking/heat-progress.js';
import { audit, lifecycleOf, recheck } from './tracking/lifecycle.js';

const PreviewData = Origin.extend({ cluster: z.string().min(1), previewTs: z.string().optional() });

/** `/kube delete NAME`, first half: the preview with the exact target and a single-use Confirm button. */
export const clusterDeletePreview = defineJob({
  name: 'cluster-delete-preview',
  data: PreviewData,
  async process(data, ctx) {
    const jobId = ctx.runtime.jobId;
    const origin = { channel: data.channel, user: data.user, cloud: data.cloud };
    await recheck(ctx, origin, 'cluster-delete', data.cluster, jobId);
    if (data.previewTs) return { previewTs: data.previewTs };
    const openstack = ctx.openstack(data.cloud);
    const cluster = await openstack.magnum.getCluster(data.cluster);
    const projectId = cluster.projectId ?? (await openstack.projectId());
    const loadBalancers = await loadBalancersOnSubnet(openstack, cluster);
    const lifecycle = lifecycleOf(ctx);
    const { token, claim } = lifecycle.confirmations.issueWithClaim({
      action: 'cluster-delete',
      params: { cluster: cluster.name, uuid: cluster.uuid },
      requester: data.user,
      channelId: data.channel,
      ttlMs: lifecycle.confirmTtlMs,
    });
    const ref = await ctx.slack.post(
      data.channel,
      renderDeletePreview(cluster, {
        user: data.user,
        projectId,
        cloud: data.cloud,
        loadBalancers,
        token,
        expiresInMs: lifecycle.confirmTtlMs,
      }),
    );
    data.previewTs = ref.ts;
    await ctx.runtime.updateData(data);
    await audit(
      ctx,
      { ...origin, threadTs: ref.ts },
      {
        action: 'cluster-delete',
        target: cluster.name,
        decision: 'requested',
        jobId: `cluster-delete-${claim.id}`,
        outcome: `preview of ${cluster.uuid}`,
      },
    );
    return { previewTs: ref.ts };
  },
});

/** Load balancers whose VIP is on the cluster's private subnet (from fixed_subnet or the Heat network stack). */
export async function loadBalancersOnSubnet(openstack: OpenStackApi, cluster: ClusterDetail): Promise<LoadBalancer[]> {
  const subnetId =
    cluster.fixedSubnet ??
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
