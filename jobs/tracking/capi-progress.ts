import { capiActivity, failedCapiEvent, parseCapiStatusReason, type CapiProgress } from '../../src/core/capi-status.js';
import type { ClusterSummary } from '../../src/core/cluster.js';
import type { NovaServer } from '../../src/core/openstack-state.js';

/** The machines of a Cluster API cluster among the project's servers: both drivers name them `<stack_id>-...`. */
export function machinesOf(servers: readonly NovaServer[], stackId: string | null): NovaServer[] {
  if (!stackId) return [];
  const prefix = `${stackId}-`;
  return servers.filter((s) => s.name.startsWith(prefix));
}

/**
 * Cluster API progress from the cluster as Magnum's detail list shows it (master_count and
 * node_count are Magnum's sums over the cluster's nodegroups; status_reason carries Cluster
 * API's events) and its machines in Nova: no call of its own, so a poll reads the servers of
 * the whole project once for every tracked operation.
 */
export function capiProgress(cluster: ClusterSummary, machines: readonly NovaServer[]): CapiProgress {
  const wanted = cluster.masterCount + cluster.nodeCount;
  const controlPlane = machines.filter((s) => s.name.includes('-control-plane-'));
  const failedServer = machines.find((s) => s.status === 'ERROR');
  const failedEvent = failedCapiEvent(parseCapiStatusReason(cluster.statusReason));
  const problem = failedEvent
    ? `${failedEvent.reason}: ${failedEvent.message}`
    : failedServer
      ? `machine ${failedServer.name} is in ERROR${failedServer.fault ? `: ${failedServer.fault}` : ''}`
      : null;
  return {
    ready: machines.filter((s) => s.status === 'ACTIVE').length,
    wanted,
    building: machines.filter((s) => s.status === 'BUILD').length,
    failed: machines.filter((s) => s.status === 'ERROR').length,
    controlPlaneReady:
      controlPlane.length === 0 || cluster.masterCount === 0
        ? null
        : controlPlane.filter((s) => s.status === 'ACTIVE').length >= cluster.masterCount,
    activity: capiActivity(cluster.statusReason),
    problem,
  };
}
