import type { ClusterDetail, ClusterTemplate } from '../../../src/core/cluster.js';
import type { Finding } from '../../../src/core/finding.js';
import type { KEvent } from '../../../src/core/kube-state.js';
import type { HeatResource } from '../../../src/core/openstack-state.js';
import type { BundleInput } from '../../../src/tickets/bundle.js';

/** `openstack coe cluster show demo3-k8s` as the real CLI printed it (research/real-peers-captures). */
export const SHOW_DUMP = `+----------------------+--------------------------------------------------------------------------------------------+
| Field                | Value                                                                                      |
+----------------------+--------------------------------------------------------------------------------------------+
| status               | UPDATE_COMPLETE                                                                            |
| health_status        | UNHEALTHY                                                                                  |
| cluster_template_id  | 2efea20f-5782-46ed-a51f-f46fb0212929                                                       |
| node_addresses       | ['172.24.4.11', '172.24.4.12', '172.24.4.13']                                              |
| uuid                 | 31ce05e2-981d-4e83-a756-43e0c7179678                                                       |
| stack_id             | 6b150359-65ed-4e68-954f-5c3735fda386                                                       |
| status_reason        | None                                                                                       |
| created_at           | 2026-11-21T12:53:40+00:00                                                                  |
| updated_at           | 2026-11-21T12:55:47+00:00                                                                  |
| coe_version          | v1.27.4                                                                                    |
| labels               | {'kube_tag': 'v1.27.4', 'container_runtime': 'containerd', 'auto_healing_enabled': 'true'} |
| labels_overridden    | {}                                                                                         |
| labels_skipped       | {}                                                                                         |
| labels_added         | {'auto_healing_enabled': 'true'}                                                           |
| fixed_network        | None                                                                                       |
| fixed_subnet         | None                                                                                       |
| floating_ip_enabled  | True                                                                                       |
| faults               |                                                                                            |
| keypair              | ops-key                                                                                    |
| api_address          | https://172.24.4.10:6443                                                                   |
| master_addresses     | ['172.24.4.10']                                                                            |
| master_lb_enabled    | True                                                                                       |
| create_timeout       | 60                                                                                         |
| node_count           | 3                                                                                          |
| discovery_url        | http://127.0.0.1:15004/etcd-discovery/3a3f6f9721f245c58af09952c4e287fd                     |
| docker_volume_size   | 10                                                                                         |
| master_count         | 1                                                                                          |
| container_version    | 1.12.6                                                                                     |
| name                 | demo3-k8s                                                                                  |
| master_flavor_id     | None                                                                                       |
| flavor_id            | m1.large                                                                                   |
| health_status_reason | {}                                                                                         |
| project_id           | 03d6df59bc7d4f8a9cba0d905a953ee8                                                           |
+----------------------+--------------------------------------------------------------------------------------------+
`;

const RAW = {
  uuid: '31ce05e2-981d-4e83-a756-43e0c7179678',
  name: 'demo3-k8s',
  cluster_template_id: '2efea20f-5782-46ed-a51f-f46fb0212929',
  keypair: 'ops-key',
  node_count: 3,
  master_count: 1,
  docker_volume_size: 10,
  labels: { kube_tag: 'v1.27.4', container_runtime: 'containerd', auto_healing_enabled: 'true' },
  links: [{ href: 'http://127.0.0.1:15111/v1/clusters/31ce05e2-981d-4e83-a756-43e0c7179678', rel: 'self' }],
  stack_id: '6b150359-65ed-4e68-954f-5c3735fda386',
  status: 'UPDATE_COMPLETE',
  status_reason: null,
  health_status: 'UNHEALTHY',
  discovery_url: 'http://127.0.0.1:15004/etcd-discovery/3a3f6f9721f245c58af09952c4e287fd',
  api_address: 'https://172.24.4.10:6443',
  project_id: '03d6df59bc7d4f8a9cba0d905a953ee8',
  user_id: '366ca29f183c4a2b9095fba1968f6349',
  node_addresses: ['172.24.4.11', '172.24.4.12', '172.24.4.13'],
  master_addresses: ['172.24.4.10'],
};

export function cluster(overrides: Partial<ClusterDetail> = {}): ClusterDetail {
  return {
    uuid: RAW.uuid,
    name: RAW.name,
    status: RAW.status,
    healthStatus: RAW.health_status,
    clusterTemplateId: RAW.cluster_template_id,
    keypair: RAW.keypair,
    nodeCount: 3,
    masterCount: 1,
    stackId: RAW.stack_id,
    createTimeout: 60,
    dockerVolumeSize: 10,
    labels: { ...RAW.labels },
    flavorId: 'm1.large',
    masterFlavorId: null,
    projectId: RAW.project_id,
    statusReason: null,
    healthStatusReason: {},
    apiAddress: RAW.api_address,
    coeVersion: 'v1.27.4',
    nodeAddresses: RAW.node_addresses,
    masterAddresses: RAW.master_addresses,
    fixedNetwork: null,
    fixedSubnet: null,
    masterLbEnabled: true,
    faults: null,
    createdAt: '2026-11-21T12:53:40+00:00',
    updatedAt: '2026-11-21T12:55:47+00:00',
    raw: structuredClone(RAW),
    ...overrides,
  };
}

export function template(): ClusterTemplate {
  const raw = {
    uuid: '2efea20f-5782-46ed-a51f-f46fb0212929',
    name: 'k8s-tpl',
    coe: 'kubernetes',
    image_id: 'fedora-coreos-38',
    docker_storage_driver: 'overlay2',
    docker_volume_size: 10,
    network_driver: 'calico',
    labels: { kube_tag: 'v1.27.4', container_runtime: 'containerd' },
    links: [{ href: 'http://127.0.0.1:15111/v1/clustertemplates/x', rel: 'self' }],
    user_id: '366ca29f183c4a2b9095fba1968f6349',
  };
  return {
    uuid: raw.uuid,
    name: raw.name,
    coe: raw.coe,
    imageId: raw.image_id,
    dockerStorageDriver: 'overlay2',
    dockerVolumeSize: 10,
    networkDriver: 'calico',
    volumeDriver: null,
    flavorId: 'm1.medium',
    masterFlavorId: null,
    externalNetworkId: 'public',
    clusterDistro: 'fedora-coreos',
    serverType: 'vm',
    labels: { ...raw.labels },
    masterLbEnabled: true,
    raw,
  };
}

export function finding(): Finding {
  return {
    rule: 'container-creating-stuck',
    severity: 'critical',
    title: 'Pods stuck in ContainerCreating for 25 minutes',
    objects: ['default/Pod/web-1'],
    evidence: ['FailedMount: MountVolume.SetUp failed for volume "data"', 'docker_storage_driver=overlay2, docker_volume_size=10'],
    details: ['default/Pod/web-1: ContainerCreating for 25m on node-1; FailedMount (1m ago): MountVolume.SetUp failed for volume "data"'],
    impact: ['default/Service/web (port 80/TCP): no ready pod behind it, connections fail'],
    explanation: 'The docker volume is mounted over the containerd state directory.',
    remedy: 'Recreate the cluster without docker_volume_size.',
    reference: { title: 'Kolla README, Debugging', url: 'https://docs.example/kolla#debugging' },
  };
}

export function heatResource(): HeatResource {
  return {
    name: 'private_subnet',
    type: 'OS::Neutron::Subnet',
    status: 'DELETE_FAILED',
    statusReason:
      'Conflict: resources.private_subnet: Unable to complete operation on subnet 9f1e. One or more ports have an IP allocation from this subnet.',
    physicalId: '9f1e0000-1111-2222-3333-444455556666',
    parent: 'network',
    path: ['network', 'private_subnet'],
    stackName: 'demo3-k8s-abc-network-xyz',
    nestedStackId: null,
    updatedAt: Date.UTC(2026, 10, 21, 12, 58),
  };
}

export function warningEvent(name: string, lastSeenMinute: number): KEvent {
  return {
    namespace: 'default',
    name: `${name}.17a`,
    type: 'Warning',
    reason: 'FailedMount',
    message: `MountVolume.SetUp failed for volume "data" on ${name}`,
    involvedKind: 'Pod',
    involvedName: name,
    involvedNamespace: 'default',
    count: 4,
    firstSeen: Date.UTC(2026, 10, 21, 12, 0),
    lastSeen: Date.UTC(2026, 10, 21, 12, lastSeenMinute),
    source: 'kubelet',
  };
}

export function bundleInput(overrides: Partial<BundleInput> = {}): BundleInput {
  return {
    cluster: cluster(),
    clusterName: 'demo3-k8s',
    showDump: SHOW_DUMP,
    template: template(),
    findings: [finding()],
    diagnosedAt: Date.UTC(2026, 10, 21, 13, 4, 58),
    failedHeatResources: [heatResource()],
    warningEvents: [warningEvent('web-1', 10), warningEvent('web-2', 30)],
    history: [
      { at: '2026-11-21T12:50:00.000Z', actor: 'U01ALICE', action: 'create demo3-k8s', decision: 'approved', outcome: 'CREATE_COMPLETE' },
      { at: '2026-11-21T13:00:00.000Z', actor: 'U02BOB', action: 'diagnose demo3-k8s', decision: 'auto', outcome: '1 critical finding' },
    ],
    generatedAt: Date.UTC(2026, 10, 21, 13, 5, 0),
    requester: 'U02BOB',
    ...overrides,
  };
}
