import { capiActivity, failedCapiEvent, parseCapiStatusReason, type CapiProgress } from '../../src/core/capi-status.js';
import type { Nodegroup } from '../../src/core/cluster.js';
import type { NovaServer } from '../../src/core/openstack-state.js';
import type { OpenStackApi } from '../../src/core/ports.js';

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The Nova servers of a Cluster API cluster: both drivers name machines `<stack_id>-...`. */
export async function capiServers(openstack: OpenStackApi, stackId: string | null): Promise<NovaServer[]> {
  if (!openstack.nova || !stackId) return [];
  return openstack.nova.listServers(`^${escapeRegex(stackId)}-`);
}

export async function capiProgress(openstack: OpenStackApi, clusterUuid: string): Promise<CapiProgress> {
  const cluster = await openstack.magnum.getCluster(clusterUuid);
  const nodegroups: Nodegroup[] = await openstack.magnum.listNodegroups(clusterUuid).catch(() => []);
  const servers = await capiServers(openstack, cluster.stackId);
  const wanted = nodegroups.length > 0 ? nodegroups.reduce((n, g) => n + g.nodeCount, 0) : cluster.masterCount + cluster.nodeCount;
  const master = nodegroups.find((g) => g.role === 'master');
  const failedServer = servers.find((s) => s.status === 'ERROR');
  const failedEvent = failedCapiEvent(parseCapiStatusReason(cluster.statusReason));
  const problem = failedEvent
    ? `${failedEvent.reason}: ${failedEvent.message}`
    : failedServer
      ? `machine ${failedServer.name} is in ERROR${failedServer.fault ? `: ${failedServer.fault}` : ''}`
      : null;
  return {
    ready: servers.filter((s) => s.status === 'ACTIVE').length,
    wanted,
    building: servers.filter((s) => s.status === 'BUILD').length,
    failed: servers.filter((s) => s.status === 'ERROR').length,
    controlPlaneReady: master ? master.status.endsWith('_COMPLETE') : null,
    activity: capiActivity(cluster.statusReason),
    problem,
  };
}
