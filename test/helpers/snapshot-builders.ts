/**
 * Tiny builders for diagnostics and collection tests: every field has a healthy default,
 * times are given as minutes before NOW.
 */
import type { ClusterDetail, ClusterTemplate } from '../../src/core/cluster.js';
import type {
  KCondition,
  KContainer,
  KEndpoints,
  KEvent,
  KJob,
  KNode,
  KPersistentVolume,
  KPersistentVolumeClaim,
  KPod,
  KService,
  KubeState,
  KWorkload,
} from '../../src/core/kube-state.js';
import { emptyKubeState } from '../../src/core/kube-state.js';
import type { HeatResource, HeatStack, LoadBalancer, Port } from '../../src/core/openstack-state.js';
import type { ClusterSnapshot } from '../../src/core/snapshot.js';

export const NOW = Date.parse('2026-11-21T12:00:00Z');

export function minutesAgo(minutes: number): number {
  return NOW - minutes * 60_000;
}

export function aContainer(over: Partial<KContainer> = {}): KContainer {
  return {
    name: 'main',
    image: 'registry.example/app:1.0',
    init: false,
    ready: true,
    restartCount: 0,
    state: 'running',
    reason: null,
    message: null,
    exitCode: null,
    startedAt: minutesAgo(30),
    lastTerminated: null,
    ...over,
  };
}

export interface PodSpec extends Partial<KPod> {
  ageMinutes?: number;
  node?: string | null;
}

/** A pod; `status` other than Running makes its container wait with that reason. */
export function aPod(spec: PodSpec = {}): KPod {
  const { ageMinutes = 30, node = 'k8s-minion-0', ...over } = spec;
  const status = over.status ?? 'Running';
  const running = status === 'Running';
  const phase = over.phase ?? (running ? 'Running' : status === 'Completed' ? 'Succeeded' : 'Pending');
  const containers = over.containers ?? [
    running
      ? aContainer()
      : aContainer({ ready: false, state: status === 'Completed' ? 'terminated' : 'waiting', reason: status, startedAt: null }),
  ];
  return {
    namespace: 'default',
    name: 'web-0',
    uid: `uid-${over.namespace ?? 'default'}-${over.name ?? 'web-0'}`,
    phase,
    status,
    nodeName: node,
    podIP: running ? '10.100.0.5' : null,
    createdAt: minutesAgo(ageMinutes),
    deletionTimestamp: null,
    labels: {},
    owner: null,
    conditions: [],
    volumes: [],
    nominatedNodeName: null,
    ...over,
    containers,
  };
}

export function aCondition(type: string, status: KCondition['status'], over: Partial<KCondition> = {}): KCondition {
  return { type, status, reason: null, message: null, lastTransitionTime: minutesAgo(60), ...over };
}

export function aNode(over: Partial<KNode> & { ready?: boolean } = {}): KNode {
  const { ready = true, ...rest } = over;
  return {
    name: 'k8s-minion-0',
    labels: {},
    networkAnnotations: {},
    roles: [],
    unschedulable: false,
    conditions: [
      aCondition(
        'Ready',
        ready ? 'True' : 'Unknown',
        ready ? { reason: 'KubeletReady' } : { reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.' },
      ),
    ],
    kernelVersion: '5.15.0-91-generic',
    kubeletVersion: 'v1.27.4',
    osImage: 'Fedora CoreOS 38',
    internalIP: '10.0.0.12',
    createdAt: minutesAgo(600),
    ...rest,
  };
}

/** An event about `involved` (`ns/Kind/name` or `Kind/name`), last seen `ageMinutes` ago. */
export function anEvent(involved: string, over: Partial<KEvent> & { ageMinutes?: number } = {}): KEvent {
  const { ageMinutes = 1, ...rest } = over;
  const parts = involved.split('/');
  const [namespace, kind, name] = parts.length === 3 ? parts : [null, parts[0], parts[1]];
  return {
    namespace: namespace ?? 'default',
    name: `${name ?? 'x'}.1`,
    type: 'Warning',
    reason: 'FailedMount',
    message: 'MountVolume.SetUp failed',
    involvedKind: kind ?? 'Pod',
    involvedName: name ?? 'x',
    involvedNamespace: namespace ?? null,
    count: 1,
    firstSeen: minutesAgo(ageMinutes),
    lastSeen: minutesAgo(ageMinutes),
    source: 'kubelet',
    ...rest,
  };
}

export function aService(over: Partial<KService> = {}): KService {
  return {
    namespace: 'default',
    name: 'web',
    type: 'ClusterIP',
    selector: { app: 'web' },
    clusterIP: '10.254.0.10',
    ports: [{ name: null, port: 80, protocol: 'TCP' }],
    ...over,
  };
}

export function anEndpoints(over: Partial<KEndpoints> = {}): KEndpoints {
  return { namespace: 'default', name: 'web', readyAddresses: 1, notReadyAddresses: 0, ...over };
}

export function aPvc(over: Partial<KPersistentVolumeClaim> & { ageMinutes?: number } = {}): KPersistentVolumeClaim {
  const { ageMinutes = 30, ...rest } = over;
  return {
    namespace: 'default',
    name: 'data',
    phase: 'Bound',
    volumeName: 'pv-1',
    storageClass: 'standard',
    accessModes: ['ReadWriteOnce'],
    createdAt: minutesAgo(ageMinutes),
    ...rest,
  };
}

export function aPv(over: Partial<KPersistentVolume> = {}): KPersistentVolume {
  return { name: 'pv-1', phase: 'Bound', claim: { namespace: 'default', name: 'data' }, storageClass: 'standard', source: 'csi', ...over };
}

export function aJob(over: Partial<KJob> = {}): KJob {
  return {
    namespace: 'default',
    name: 'migrate',
    labels: {},
    active: 0,
    succeeded: 1,
    failed: 0,
    completionTime: minutesAgo(20),
    conditions: [aCondition('Complete', 'True')],
    selector: null,
    ...over,
  };
}

export function aWorkload(over: Partial<KWorkload> = {}): KWorkload {
  return {
    kind: 'Deployment',
    namespace: 'default',
    name: 'web',
    desired: 2,
    ready: 2,
    available: 2,
    updated: 2,
    owner: null,
    conditions: [],
    ...over,
  };
}

export function aKubeState(over: Partial<KubeState> = {}): KubeState {
  return { ...emptyKubeState(), serverVersion: 'v1.27.4', namespaces: ['default', 'kube-system'], nodes: [aNode()], ...over };
}

export function aCluster(over: Partial<ClusterDetail> = {}): ClusterDetail {
  return {
    uuid: 'c0ffee00-0000-4000-8000-000000000001',
    name: 'dev-a',
    status: 'CREATE_COMPLETE',
    healthStatus: 'HEALTHY',
    clusterTemplateId: 'tpl-1',
    keypair: 'ops-key',
    nodeCount: 1,
    masterCount: 1,
    stackId: '5a1e0000-0000-4000-8000-0000000000aa',
    createTimeout: 60,
    dockerVolumeSize: null,
    labels: {},
    flavorId: 'c1.c2r4',
    masterFlavorId: 'c1.c2r4',
    projectId: 'proj-1',
    statusReason: 'Stack CREATE completed successfully',
    healthStatusReason: { api: 'ok', 'k8s-minion-0.Ready': 'True' },
    apiAddress: 'https://192.0.2.10:6443',
    coeVersion: 'v1.27.4',
    nodeAddresses: ['10.0.0.12'],
    masterAddresses: ['10.0.0.10'],
    fixedNetwork: null,
    fixedSubnet: null,
    masterLbEnabled: true,
    faults: null,
    createdAt: new Date(minutesAgo(120)).toISOString(),
    updatedAt: new Date(minutesAgo(100)).toISOString(),
    raw: {},
    ...over,
  };
}

export function aTemplate(over: Partial<ClusterTemplate> = {}): ClusterTemplate {
  return {
    uuid: 'tpl-1',
    name: 'kubernetes-v1.27.4',
    coe: 'kubernetes',
    imageId: 'img-1',
    dockerStorageDriver: 'overlay2',
    dockerVolumeSize: null,
    networkDriver: 'calico',
    volumeDriver: 'cinder',
    flavorId: 'c1.c2r4',
    masterFlavorId: 'c1.c2r4',
    externalNetworkId: 'public',
    clusterDistro: 'fedora-coreos',
    serverType: 'vm',
    labels: {},
    masterLbEnabled: true,
    raw: {},
    ...over,
  };
}

export function aStack(over: Partial<HeatStack> = {}): HeatStack {
  return {
    id: '5a1e0000-0000-4000-8000-0000000000aa',
    name: 'dev-a-abc123',
    status: 'CREATE_COMPLETE',
    statusReason: 'Stack CREATE completed successfully',
    createdAt: minutesAgo(120),
    updatedAt: minutesAgo(100),
    ...over,
  };
}

/** A Heat resource at `path` (dotted: `network.private_subnet`). */
export function aHeatResource(path: string, over: Partial<HeatResource> & { ageMinutes?: number } = {}): HeatResource {
  const { ageMinutes = 100, ...rest } = over;
  const parts = path.split('.');
  return {
    name: parts[parts.length - 1] ?? path,
    type: 'OS::Heat::None',
    status: 'CREATE_COMPLETE',
    statusReason: 'state changed',
    physicalId: `phys-${parts.join('-')}`,
    parent: parts.length > 1 ? (parts[parts.length - 2] ?? null) : null,
    path: parts,
    stackName: parts.length > 1 ? `dev-a-abc123-${parts[parts.length - 2]}` : 'dev-a-abc123',
    nestedStackId: null,
    updatedAt: minutesAgo(ageMinutes),
    ...rest,
  };
}

export function aLoadBalancer(over: Partial<LoadBalancer> = {}): LoadBalancer {
  return {
    id: 'lb-1',
    name: 'kube_service_c0ffee00_default_web',
    description: 'Kubernetes external service default/web from cluster c0ffee00-0000-4000-8000-000000000001',
    vipSubnetId: 'subnet-1',
    vipAddress: '10.0.0.50',
    vipPortId: 'port-vip-1',
    provisioningStatus: 'ACTIVE',
    operatingStatus: 'ONLINE',
    projectId: 'proj-1',
    createdAt: minutesAgo(50),
    ...over,
  };
}

export function aPort(over: Partial<Port> = {}): Port {
  return {
    id: 'port-1',
    name: '',
    deviceOwner: 'compute:nova',
    deviceId: 'server-1',
    status: 'ACTIVE',
    fixedIps: [{ subnetId: 'subnet-1', ipAddress: '10.0.0.12' }],
    ...over,
  };
}

/** A healthy CREATE_COMPLETE cluster with one Ready node unless told otherwise. */
export function aSnapshot(over: Partial<ClusterSnapshot> = {}): ClusterSnapshot {
  return {
    name: over.cluster?.name ?? 'dev-a',
    collectedAt: NOW,
    cluster: aCluster(),
    template: aTemplate(),
    nodegroups: [],
    stack: aStack(),
    heatResources: [],
    subnetId: 'subnet-1',
    loadBalancers: [],
    ports: [],
    kube: aKubeState(),
    problems: [],
    ...over,
  };
}

/** A snapshot of a cluster added by kubeconfig: no OpenStack side. */
export function aKubeconfigSnapshot(kube: Partial<KubeState> = {}): ClusterSnapshot {
  return aSnapshot({ cluster: null, template: null, stack: null, subnetId: null, kube: aKubeState(kube) });
}
