/**
 * What the two Cluster API drivers make Magnum say about a cluster (see src/core/magnum-driver.ts
 * for the sources): the name they put in stack_id, the status_reason magnum-cluster-api writes
 * from the latest events of the Cluster API Cluster and its OpenStackCluster (Cluster API
 * Provider OpenStack's event reasons and messages), the health_status_reason each driver's
 * monitor writes, and where each failure scenario stalls. Cluster API reconciles forever, so a
 * failing create stays CREATE_IN_PROGRESS; it never turns CREATE_FAILED on its own.
 */
import { suffix } from '../kube/kube-names.js';
import type { ScenarioName } from '../scenarios.js';
import { stableUuid } from './ids.js';
import type { SimCluster, SimDriver } from './sim-state.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;

/** When each step of a Cluster API create happens, after the create started. */
export const CAPI_STEPS = {
  loadBalancerAt: 1 * MINUTE,
  listenerAt: 1.5 * MINUTE,
  controlPlaneServerAt: 2 * MINUTE,
  controlPlaneActiveAt: 3 * MINUTE,
  controlPlaneReadyAt: 4 * MINUTE,
  workersAt: 4.5 * MINUTE,
  workersActiveAt: 6.5 * MINUTE,
} as const;
/** A Cluster API create that nothing blocks takes this long (Vexxhost: "under 5 minutes" on a fast cloud). */
export const CAPI_CREATE_MS = 8 * MINUTE;
/** A stalled create: Cluster API keeps retrying, Magnum keeps saying CREATE_IN_PROGRESS. */
export const STALLED_MS = 1000 * 60 * MINUTE;

/** The step a scenario's create never gets past. */
export type CapiStall = 'network' | 'loadbalancer' | 'control-plane' | 'workers';

export function capiStall(scenario: ScenarioName): CapiStall | null {
  if (scenario === 'capi-quota') return 'network';
  if (scenario === 'capi-lb-no-address') return 'loadbalancer';
  if (scenario === 'capi-control-plane-init') return 'control-plane';
  if (scenario === 'capi-machines-fail') return 'workers';
  return null;
}

export function isCapi(driver: SimDriver): boolean {
  return driver !== 'heat';
}

/** The stack_id a Cluster API driver writes: `kube-<5>` (magnum-cluster-api) or `<name[:30]>-<12>` (magnum-capi-helm). */
export function capiClusterName(driver: SimDriver, name: string, uuid: string): string {
  if (driver === 'magnum-cluster-api') {
    const chars = 'abcdefghijklmnopqrstuvwxyz0123456789';
    const digest = stableUuid(`capi-name-${uuid}`).replace(/-/g, '');
    return `kube-${Array.from({ length: 5 }, (_, i) => chars[parseInt(digest.slice(i * 2, i * 2 + 2), 16) % chars.length]).join('')}`;
  }
  const base = name
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .slice(0, 30);
  const chars = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const digest = stableUuid(`capi-release-${uuid}`).replace(/-/g, '');
  const random = Array.from({ length: 12 }, (_, i) => chars[parseInt(digest.slice(i * 2, i * 2 + 2), 16) % chars.length]).join('');
  return `${base}-${random}`;
}

/** The namespace of the Cluster API objects on the management cluster. */
export function capiNamespace(cluster: SimCluster): string {
  return cluster.driver === 'magnum-cluster-api' ? 'magnum-system' : `magnum-${cluster.projectId}`;
}

/** Cluster API Provider OpenStack's name for the cluster's network (and the prefix of its load balancer's). */
export function capoResourceName(cluster: SimCluster): string {
  return `k8s-clusterapi-cluster-${capiNamespace(cluster)}-${cluster.stackId}`;
}

export function capiApiLoadBalancerName(cluster: SimCluster): string {
  return `${capoResourceName(cluster)}-kubeapi`;
}

/** Nova server names of the Cluster API machines, per generation (an upgrade rolls new machines in). */
export function capiServerName(cluster: SimCluster, role: 'master' | 'worker', index: number, generation: number): string {
  const seed = `${cluster.uuid}/${role}/${generation}`;
  if (role === 'master') {
    return cluster.driver === 'magnum-cluster-api'
      ? `${cluster.stackId}-control-plane-${suffix(seed, 5)}-${suffix(`${seed}/${index}`, 5)}`
      : `${cluster.stackId}-control-plane-${suffix(`${seed}/${index}`, 5)}`;
  }
  return `${cluster.stackId}-default-worker-${suffix(seed, 5)}-${suffix(`${seed}/${index}`, 5)}`;
}

/** The latest Kubernetes event of the Cluster API Cluster and of its OpenStackCluster, at `elapsed` into a create. */
function createEvents(cluster: SimCluster, elapsed: number): { cluster: string; infra: string } {
  const capo = capoResourceName(cluster);
  const id = (what: string) => stableUuid(`${cluster.uuid}-capo-${what}`);
  const stall = capiStall(cluster.scenario);
  let infra = `SuccessfulCreateNetwork: Created network ${capo} with id ${cluster.networkId}`;
  if (stall === 'network') {
    infra =
      `FailedCreateNetwork: Failed to create network ${capo}: Expected HTTP response code [201 202] when accessing ` +
      `[POST https://network.sim.example/v2.0/networks], but got 409 instead {"NeutronError": {"type": "OverQuota", ` +
      `"message": "Quota exceeded for resources: ['network'].", "detail": ""}}`;
  } else if (elapsed >= CAPI_STEPS.listenerAt) {
    infra =
      stall === 'loadbalancer'
        ? `FailedCreateListener: Failed to create listener ${capo}-kubeapi-6443 with id ${id('listener')}: wait for load balancer active ${id('lb')}: timed out waiting for the condition`
        : `SuccessfulCreateListener: Created listener ${capo}-kubeapi-6443 with id ${id('listener')}`;
  } else if (elapsed >= CAPI_STEPS.loadBalancerAt) {
    infra = `SuccessfulCreateLoadBalancer: Created load balancer ${capo}-kubeapi with id ${id('lb')}`;
  }
  const created = (kind: string, name: string) => `TopologyCreate: Created "${kind}/${name}"`;
  let event = created('OpenStackCluster', `${cluster.stackId}-${suffix(`${cluster.uuid}/osc`, 5)}`);
  const pastInfra = stall !== 'network' && stall !== 'loadbalancer';
  if (pastInfra && elapsed >= CAPI_STEPS.controlPlaneServerAt)
    event = created('KubeadmControlPlane', `${cluster.stackId}-${suffix(`${cluster.uuid}/kcp`, 5)}`);
  if (pastInfra && stall !== 'control-plane' && elapsed >= CAPI_STEPS.workersAt)
    event = created('MachineDeployment', `${cluster.stackId}-default-worker-${suffix(`${cluster.uuid}/md`, 5)}`);
  return { cluster: event, infra };
}

/**
 * magnum-cluster-api's status_reason while an operation runs (`CAPI Cluster status: ... CAPI
 * OpenstackCluster status reason: ...`); null when it finished. magnum-capi-helm leaves it empty.
 */
export function capiStatusReason(cluster: SimCluster, status: string, now: number, deleteBlockedBy: string | null): string | null {
  if (cluster.driver !== 'magnum-cluster-api' || !status.endsWith('_IN_PROGRESS')) return null;
  const create = cluster.ops[0];
  const elapsed = create ? now - create.at : 0;
  const events = createEvents(cluster, elapsed);
  const op = cluster.ops[cluster.ops.length - 1];
  if (status === 'UPDATE_IN_PROGRESS' && op?.kind === 'update') {
    const kcp = `KubeadmControlPlane/${cluster.stackId}-${suffix(`${cluster.uuid}/kcp`, 5)}`;
    const md = `MachineDeployment/${cluster.stackId}-default-worker-${suffix(`${cluster.uuid}/md`, 5)}`;
    events.cluster = `TopologyUpdate: Updated "${op.upgradeFrom ? kcp : md}"`;
  }
  if (status === 'DELETE_IN_PROGRESS') {
    const capo = capoResourceName(cluster);
    events.infra =
      deleteBlockedBy === null
        ? `SuccessfulDeleteLoadBalancer: Deleted load balancer ${capo}-kubeapi with id ${stableUuid(`${cluster.uuid}-capo-lb`)}`
        : `FailedDeleteNetwork: Failed to delete network ${capo} with id ${cluster.networkId}: Expected HTTP response code [204] when ` +
          `accessing [DELETE https://network.sim.example/v2.0/networks/${cluster.networkId}], but got 409 instead {"NeutronError": ` +
          `{"type": "NetworkInUse", "message": "Unable to complete operation on network ${cluster.networkId}. There are one or more ports ` +
          `still in use on the network, id for these ports is: ${deleteBlockedBy}.", "detail": ""}}`;
  }
  return `CAPI Cluster status: ${events.cluster}. CAPI OpenstackCluster status reason: ${events.infra}`;
}

/** The health each Cluster API driver's monitor reports for a running cluster. */
export function capiHealth(
  cluster: SimCluster,
  servers: readonly { name: string; status: string }[],
): { status: string; reason: Record<string, string> } {
  if (cluster.driver === 'magnum-capi-helm') {
    const reason = { cluster: 'Ready', infrastructure: 'Ready', controlplane: 'Ready', nodegroup: 'Ready' };
    const notReady = servers.filter((s) => s.status !== 'ACTIVE');
    if (notReady.length > 0) reason.nodegroup = `default-worker waiting on ['Ready', 'MachinesReady']`;
    return { status: notReady.length > 0 ? 'UNHEALTHY' : 'HEALTHY', reason };
  }
  const reason: Record<string, string> = {};
  for (const s of servers) reason[`${s.name}.Ready`] = s.status === 'ACTIVE' ? 'True' : 'False';
  reason['api'] = 'ok';
  const healthy = Object.values(reason).every((v) => v === 'ok' || v === 'True');
  return { status: healthy ? 'HEALTHY' : 'UNHEALTHY', reason };
}

/** The control plane nodegroup completes before the workers (magnum-capi-helm: the KubeadmControlPlane is Ready). */
export function capiMasterNodegroupDone(cluster: SimCluster, now: number): boolean {
  const create = cluster.ops[0];
  const stall = capiStall(cluster.scenario);
  if (!create || stall === 'network' || stall === 'loadbalancer' || stall === 'control-plane') return false;
  return now - create.at >= CAPI_STEPS.controlPlaneReadyAt;
}
