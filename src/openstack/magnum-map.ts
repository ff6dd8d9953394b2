/** Magnum bodies to the core shapes. */
import type { ClusterDetail, ClusterSummary, ClusterTemplate, Nodegroup, RawJson } from '../core/cluster.js';
import type { ClusterDetailBody, ClusterSummaryBody, ClusterTemplateBody, NodegroupBody } from './magnum-schema.js';

/** Label values as strings (Magnum stores them as strings; tolerate others). */
export function toLabels(labels: Record<string, unknown> | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(labels ?? {})) {
    out[key] = typeof value === 'string' ? value : JSON.stringify(value);
  }
  return out;
}

/** One `GET /v1/clusters` item as a ClusterSummary. */
export function toClusterSummary(c: ClusterSummaryBody): ClusterSummary {
  return {
    uuid: c.uuid,
    name: c.name ?? '',
    status: c.status ?? 'UNKNOWN',
    healthStatus: c.health_status ?? null,
    clusterTemplateId: c.cluster_template_id ?? '',
    keypair: c.keypair ?? null,
    nodeCount: c.node_count ?? 0,
    masterCount: c.master_count ?? 0,
    stackId: c.stack_id ?? c.cluster_id ?? null,
    createTimeout: c.create_timeout ?? null,
    dockerVolumeSize: c.docker_volume_size ?? null,
    labels: toLabels(c.labels),
    flavorId: c.flavor_id ?? null,
    masterFlavorId: c.master_flavor_id ?? null,
    createdAt: c.created_at ?? null,
    ...(c.status_reason !== undefined ? { statusReason: c.status_reason ?? null } : {}),
  };
}

/** `GET /v1/clusters/{id}` as a ClusterDetail, the raw body kept for the CLI dump. */
export function toClusterDetail(c: ClusterDetailBody, raw: RawJson): ClusterDetail {
  return {
    ...toClusterSummary(c),
    projectId: c.project_id ?? null,
    statusReason: c.status_reason ?? null,
    healthStatusReason: c.health_status_reason ?? {},
    apiAddress: c.api_address ?? null,
    coeVersion: c.coe_version ?? null,
    nodeAddresses: c.node_addresses ?? [],
    masterAddresses: c.master_addresses ?? [],
    fixedNetwork: c.fixed_network ?? null,
    fixedSubnet: c.fixed_subnet ?? null,
    masterLbEnabled: c.master_lb_enabled ?? null,
    // Magnum sends faults only for *_FAILED clusters.
    faults: c.faults ? toLabels(c.faults) : null,
    createdAt: c.created_at ?? null,
    updatedAt: c.updated_at ?? null,
    raw,
  };
}

/** A cluster template body as a ClusterTemplate, raw body kept. */
export function toClusterTemplate(t: ClusterTemplateBody, raw: RawJson): ClusterTemplate {
  return {
    uuid: t.uuid,
    name: t.name ?? '',
    coe: t.coe ?? '',
    imageId: t.image_id ?? null,
    dockerStorageDriver: t.docker_storage_driver ?? null,
    dockerVolumeSize: t.docker_volume_size ?? null,
    networkDriver: t.network_driver ?? null,
    volumeDriver: t.volume_driver ?? null,
    flavorId: t.flavor_id ?? null,
    masterFlavorId: t.master_flavor_id ?? null,
    externalNetworkId: t.external_network_id ?? null,
    clusterDistro: t.cluster_distro ?? null,
    serverType: t.server_type ?? null,
    driver: t.driver ?? null,
    labels: toLabels(t.labels),
    masterLbEnabled: t.master_lb_enabled ?? null,
    raw,
  };
}

/** A nodegroup body as a Nodegroup. */
export function toNodegroup(n: NodegroupBody): Nodegroup {
  return {
    uuid: n.uuid,
    name: n.name,
    role: n.role ?? '',
    nodeCount: n.node_count ?? 0,
    minNodeCount: n.min_node_count ?? 0,
    maxNodeCount: n.max_node_count ?? null,
    flavorId: n.flavor_id ?? null,
    isDefault: n.is_default ?? false,
    status: n.status ?? 'UNKNOWN',
  };
}
