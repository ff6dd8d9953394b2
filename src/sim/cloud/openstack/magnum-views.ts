import { capiHealth, capiMasterNodegroupDone, capiStatusReason } from './capi-model.js';
import {
  deleteBlockers,
  faultsFor,
  healthFor,
  isRunning,
  lastOp,
  liveWorkerCount,
  magnumStatusReason,
  type ClusterPhase,
} from './cluster-lifecycle.js';
import { magnumTime } from './ids.js';
import { floatingAddress } from './network-model.js';
import { serversOf } from './server-model.js';
import type { SimCluster, SimState, SimTemplate } from './sim-state.js';

/** The driver-dependent parts of a cluster's view: status_reason, health and its reason. */
function driverView(state: SimState, c: SimCluster, phase: ClusterPhase, now: number) {
  if (c.driver === 'heat') return { statusReason: magnumStatusReason(phase), health: healthFor(c, phase) };
  const blockers = phase.status === 'DELETE_IN_PROGRESS' ? deleteBlockers(state, c, now) : [];
  const blockedBy = blockers.length > 0 ? blockers.map((lb) => lb.vipPortId).join(', ') : null;
  const statusReason = capiStatusReason(c, phase.status, now, blockedBy);
  const health = isRunning(phase) ? capiHealth(c, serversOf(state, c, now)) : { status: null, reason: {} };
  return { statusReason, health };
}

const links = (origin: string, kind: string, id: string) => [
  { href: `${origin}/container-infra/v1/${kind}/${id}`, rel: 'self' },
  { href: `${origin}/container-infra/${kind}/${id}`, rel: 'bookmark' },
];

/** The fields list and detail views share, in Magnum's order (`uuid` … `stack_id`). */
function clusterHead(origin: string, c: SimCluster): Record<string, unknown> {
  return {
    uuid: c.uuid,
    name: c.name,
    cluster_template_id: c.templateId,
    keypair: c.keypair,
    node_count: c.nodeCount,
    master_count: c.masterCount,
    docker_volume_size: c.dockerVolumeSize,
    labels: c.labels,
    master_flavor_id: c.masterFlavorId,
    flavor_id: c.flavorId,
    create_timeout: c.createTimeout,
    links: links(origin, 'clusters', c.uuid),
    stack_id: c.stackId,
  };
}

/** A `GET /v1/clusters` item: exactly the real list fields, in the real order. */
export function clusterSummary(origin: string, c: SimCluster, phase: ClusterPhase, state: SimState): Record<string, unknown> {
  return {
    ...clusterHead(origin, c),
    status: phase.status,
    health_status: driverView(state, c, phase, state.clock.now()).health.status,
    merge_labels: c.mergeLabels,
  };
}

/** `GET /v1/clusters/{id}`: the real detail fields in the real order; `faults` only when failed. */
export function clusterDetail(origin: string, c: SimCluster, phase: ClusterPhase, state: SimState): Record<string, unknown> {
  const { statusReason, health } = driverView(state, c, phase, state.clock.now());
  const running = isRunning(phase);
  const faults = faultsFor(phase);
  return {
    ...clusterHead(origin, c),
    status: phase.status,
    status_reason: statusReason,
    health_status: health.status,
    health_status_reason: health.reason,
    discovery_url: c.discoveryUrl,
    api_address: running ? (c.kube?.url ?? null) : null,
    coe_version: running ? kubeVersion(c, phase) : null,
    container_version: running ? '1.12.6' : null,
    project_id: c.projectId,
    user_id: c.userId,
    node_addresses: running ? Array.from({ length: liveWorkerCount(c, phase) }, (_, i) => floatingAddress(c, 10 + i)) : [],
    master_addresses: running ? Array.from({ length: c.masterCount }, (_, i) => floatingAddress(c, i)) : [],
    ...(faults ? { faults } : {}),
    fixed_network: null,
    fixed_subnet: null,
    floating_ip_enabled: c.floatingIpEnabled,
    merge_labels: c.mergeLabels,
    labels_overridden: c.labelsOverridden,
    labels_added: c.labelsAdded,
    labels_skipped: c.labelsSkipped,
    master_lb_enabled: c.masterLbEnabled,
    created_at: magnumTime(c.createdAt),
    updated_at: phase.since === c.createdAt ? null : magnumTime(phase.since),
  };
}

/** The Kubernetes version the cluster runs; during an upgrade, the one it upgrades from. */
export function kubeVersion(c: SimCluster, phase?: ClusterPhase): string {
  const op = lastOp(c);
  if (phase?.status === 'UPDATE_IN_PROGRESS' && op.kind === 'update' && op.upgradeFrom) return op.upgradeFrom.kubeVersion;
  return c.kubeVersion;
}

/** A cluster template in the real field order (list and show use the same view). */
export function templateView(origin: string, t: SimTemplate): Record<string, unknown> {
  return {
    uuid: t.uuid,
    name: t.name,
    coe: 'kubernetes',
    image_id: t.imageId,
    flavor_id: t.flavorId,
    master_flavor_id: t.masterFlavorId,
    dns_nameserver: '8.8.8.8',
    keypair_id: t.keypairId,
    external_network_id: t.externalNetworkId,
    fixed_network: null,
    fixed_subnet: null,
    network_driver: t.networkDriver,
    apiserver_port: null,
    docker_volume_size: t.dockerVolumeSize,
    cluster_distro: t.clusterDistro,
    links: links(origin, 'clustertemplates', t.uuid),
    http_proxy: null,
    https_proxy: null,
    no_proxy: null,
    volume_driver: 'cinder',
    registry_enabled: false,
    labels: t.labels,
    tls_disabled: t.tlsDisabled,
    public: t.isPublic,
    server_type: 'vm',
    insecure_registry: null,
    docker_storage_driver: t.dockerStorageDriver,
    master_lb_enabled: t.masterLbEnabled,
    floating_ip_enabled: t.floatingIpEnabled,
    project_id: t.projectId,
    user_id: t.userId,
    hidden: false,
    tags: null,
    created_at: magnumTime(t.createdAt),
    updated_at: null,
  };
}

/** A nodegroup: list fields first (as the capture), the detail adds the rest. */
export function nodegroupView(
  origin: string,
  c: SimCluster,
  t: SimTemplate | undefined,
  phase: ClusterPhase,
  role: 'master' | 'worker',
  detail: boolean,
  now: number,
): Record<string, unknown> {
  const id = role === 'master' ? c.masterNodegroupId : c.workerNodegroupId;
  const count = role === 'master' ? c.masterCount : c.nodeCount;
  const live = role === 'master' ? c.masterCount : liveWorkerCount(c, phase);
  const summary = {
    uuid: id,
    name: `default-${role}`,
    flavor_id: role === 'master' ? c.masterFlavorId : c.flavorId,
    image_id: t?.imageId ?? null,
    node_count: count,
    role,
    min_node_count: role === 'master' ? 1 : 0,
    max_node_count: null,
    is_default: true,
    stack_id: c.stackId,
    status: nodegroupStatus(c, phase, role, now),
    merge_labels: c.mergeLabels,
  };
  if (!detail) return summary;
  const running = isRunning(phase);
  return {
    links: links(origin, `clusters/${c.uuid}/nodegroups`, id),
    ...summary,
    cluster_id: c.uuid,
    project_id: c.projectId,
    docker_volume_size: c.dockerVolumeSize,
    labels: c.labels,
    labels_overridden: c.labelsOverridden,
    labels_added: c.labelsAdded,
    labels_skipped: c.labelsSkipped,
    node_addresses: running ? Array.from({ length: live }, (_, i) => floatingAddress(c, (role === 'master' ? 0 : 10) + i)) : [],
    status_reason: c.driver === 'heat' ? phase.stackReason : null,
    version: null,
    created_at: magnumTime(c.createdAt),
    updated_at: magnumTime(phase.since),
  };
}

/** A nodegroup's status: the cluster's, except that a Cluster API control plane completes before the workers. */
function nodegroupStatus(c: SimCluster, phase: ClusterPhase, role: 'master' | 'worker', now: number): string {
  if (c.driver !== 'heat' && role === 'master' && phase.status === 'CREATE_IN_PROGRESS' && capiMasterNodegroupDone(c, now)) {
    return 'CREATE_COMPLETE';
  }
  return phase.status;
}
