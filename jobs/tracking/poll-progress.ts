import type { CapiProgress } from '../../src/core/capi-status.js';
import type { ClusterSummary } from '../../src/core/cluster.js';
import type { NovaServer } from '../../src/core/openstack-state.js';
import type { Logger, OpenStackApi } from '../../src/core/ports.js';
import { capiProgress, machinesOf } from './capi-progress.js';
import { indexStacks, stackTreeProgress, type StackIndex } from './heat-progress.js';

/** Heat's or Cluster API's progress of one cluster; null when the cloud could not say this poll. */
export interface PollProgress {
  heat(stackId: string | null): Promise<{ done: number; total: number } | null>;
  capi(cluster: ClusterSummary): Promise<CapiProgress | null>;
}

/**
 * The drivers' progress for one poll of one cloud, read in bulk: one Heat stack list (nested
 * stacks included) serves every Heat-driver cluster, one Nova server list every Cluster API
 * cluster, each asked at most once per poll and only when some operation renders. So a poll
 * makes the same few calls whether it tracks 1 operation or 1,000. A failed bulk read is logged
 * once and leaves that poll's messages without driver progress.
 */
export function pollProgress(openstack: OpenStackApi, log: Logger): PollProgress {
  let stacks: Promise<StackIndex | null> | undefined;
  let servers: Promise<NovaServer[] | null> | undefined;
  const once = <T>(what: string, read: () => Promise<T>): Promise<T | null> =>
    read().catch((error: unknown) => {
      log.warn({ err: error, cloud: openstack.cloud }, `${what} unavailable this poll`);
      return null;
    });
  return {
    async heat(stackId) {
      stacks ??= once('Heat stack list', async () => indexStacks(await openstack.heat.listStacks()));
      const index = await stacks;
      return index ? stackTreeProgress(index, stackId) : null;
    },
    async capi(cluster) {
      // The poller's detail list carries status_reason; a plain summary is looked up.
      const detail = cluster.statusReason === undefined ? await openstack.magnum.getCluster(cluster.uuid) : cluster;
      const nova = openstack.nova;
      if (!nova) return capiProgress(detail, []);
      servers ??= once('Nova server list', () => nova.listServers());
      const all = await servers;
      return all ? capiProgress(detail, machinesOf(all, detail.stackId)) : null;
    },
  };
}
