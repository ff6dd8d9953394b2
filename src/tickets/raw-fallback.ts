import type { ClusterDetail, ClusterTemplate, RawJson } from '../core/cluster.js';

/** The cluster as Magnum sent it; rebuilt from the typed fields when no raw body was kept. */
export function clusterRawOf(c: ClusterDetail): RawJson {
  if (Object.keys(c.raw).length > 0) return c.raw;
  return {
    uuid: c.uuid,
    name: c.name,
    project_id: c.projectId,
    status: c.status,
    status_reason: c.statusReason,
    health_status: c.healthStatus,
    health_status_reason: c.healthStatusReason,
    cluster_template_id: c.clusterTemplateId,
    stack_id: c.stackId,
    coe_version: c.coeVersion,
    api_address: c.apiAddress,
    master_addresses: c.masterAddresses,
    node_addresses: c.nodeAddresses,
    master_count: c.masterCount,
    node_count: c.nodeCount,
    flavor_id: c.flavorId,
    master_flavor_id: c.masterFlavorId,
    keypair: c.keypair,
    docker_volume_size: c.dockerVolumeSize,
    create_timeout: c.createTimeout,
    labels: c.labels,
    fixed_network: c.fixedNetwork,
    fixed_subnet: c.fixedSubnet,
    master_lb_enabled: c.masterLbEnabled,
    faults: c.faults,
    created_at: c.createdAt,
    updated_at: c.updatedAt,
  };
}

/** The template as Magnum sent it; rebuilt from the typed fields when no raw body was kept. */
export function templateRawOf(t: ClusterTemplate): RawJson {
  if (Object.keys(t.raw).length > 0) return t.raw;
  return {
    uuid: t.uuid,
    name: t.name,
    coe: t.coe,
    image_id: t.imageId,
    cluster_distro: t.clusterDistro,
    server_type: t.serverType,
    flavor_id: t.flavorId,
    master_flavor_id: t.masterFlavorId,
    docker_volume_size: t.dockerVolumeSize,
    docker_storage_driver: t.dockerStorageDriver,
    network_driver: t.networkDriver,
    volume_driver: t.volumeDriver,
    external_network_id: t.externalNetworkId,
    master_lb_enabled: t.masterLbEnabled,
    labels: t.labels,
  };
}
