/**
 * Plain, library-free shapes of the Kubernetes objects diagnostics read. `kube/` converts
 * API objects into these; `diagnostics/` and `render/` never see client-node types.
 * Times are epoch milliseconds; absent times are null.
 */
export interface KContainer {
  name: string;
  image: string;
  init: boolean;
  ready: boolean;
  restartCount: number;
  state: 'waiting' | 'running' | 'terminated' | 'unknown';
  reason: string | null;
  message: string | null;
  exitCode: number | null;
  startedAt: number | null;
  lastTerminated: { reason: string | null; exitCode: number | null; finishedAt: number | null } | null;
}

export interface KCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason: string | null;
  message: string | null;
  lastTransitionTime: number | null;
}

export interface KVolume {
  name: string;
  pvcClaimName: string | null;
  kind: string;
}

export interface KPod {
  namespace: string;
  name: string;
  uid: string;
  phase: string;
  /** The STATUS column of `kubectl get pods` (ContainerCreating, CrashLoopBackOff, Running...). */
  status: string;
  nodeName: string | null;
  podIP: string | null;
  createdAt: number | null;
  deletionTimestamp: number | null;
  labels: Record<string, string>;
  owner: { kind: string; name: string } | null;
  conditions: KCondition[];
  containers: KContainer[];
  volumes: KVolume[];
  nominatedNodeName: string | null;
}

export interface KNode {
  name: string;
  labels: Record<string, string>;
  /**
   * The network plugins' annotations only (`flannel.alpha.coreos.com/*`, `projectcalico.org/*`):
   * what each node's overlay really is, e.g. `flannel.alpha.coreos.com/backend-type: vxlan`.
   */
  networkAnnotations: Record<string, string>;
  roles: string[];
  unschedulable: boolean;
  conditions: KCondition[];
  kernelVersion: string | null;
  kubeletVersion: string | null;
  osImage: string | null;
  internalIP: string | null;
  createdAt: number | null;
}

export interface KEvent {
  namespace: string;
  name: string;
  type: 'Normal' | 'Warning' | string;
  reason: string;
  message: string;
  involvedKind: string;
  involvedName: string;
  involvedNamespace: string | null;
  count: number;
  firstSeen: number | null;
  lastSeen: number | null;
  source: string | null;
}

export interface KService {
  namespace: string;
  name: string;
  type: string;
  selector: Record<string, string> | null;
  clusterIP: string | null;
  ports: { name: string | null; port: number; protocol: string }[];
}

export interface KEndpoints {
  namespace: string;
  name: string;
  readyAddresses: number;
  notReadyAddresses: number;
}

export interface KPersistentVolumeClaim {
  namespace: string;
  name: string;
  phase: string;
  volumeName: string | null;
  storageClass: string | null;
  accessModes: string[];
  createdAt: number | null;
}

export interface KPersistentVolume {
  name: string;
  phase: string;
  claim: { namespace: string; name: string } | null;
  storageClass: string | null;
  /** The volume source kind: rbd, cinder, csi, hostPath, ... */
  source: string;
}

export interface KJob {
  namespace: string;
  name: string;
  labels: Record<string, string>;
  active: number;
  succeeded: number;
  failed: number;
  completionTime: number | null;
  conditions: KCondition[];
  selector: Record<string, string> | null;
}

export type WorkloadKind = 'Deployment' | 'StatefulSet' | 'ReplicaSet' | 'ReplicationController' | 'DaemonSet';

export interface KWorkload {
  kind: WorkloadKind;
  namespace: string;
  name: string;
  desired: number;
  ready: number;
  available: number;
  updated: number;
  owner: { kind: string; name: string } | null;
  conditions: KCondition[];
  /**
   * DaemonSets only: the pod template's containers, with the network plugins' settings among
   * their env (`CALICO_*`, `FLANNEL*`, literal values only); other env is not kept.
   */
  containers?: { name: string; image: string; env: Record<string, string> }[];
}

export interface KConfigMap {
  namespace: string;
  name: string;
  keys: string[];
  /**
   * Values of the network plugins' settings only (flannel's `net-conf.json`, calico's
   * `calico_backend`); other values may hold secrets and are never kept.
   */
  networkData?: Record<string, string>;
}

/** A Calico IP pool (crd.projectcalico.org/v1 IPPool): its encapsulation. */
export interface KIpPool {
  name: string;
  cidr: string | null;
  /** `Always`, `CrossSubnet` or `Never`. */
  vxlanMode: string | null;
  ipipMode: string | null;
}

export interface KubeState {
  /** `GET /version` gitVersion, when known. */
  serverVersion: string | null;
  namespaces: string[];
  nodes: KNode[];
  pods: KPod[];
  events: KEvent[];
  services: KService[];
  endpoints: KEndpoints[];
  pvcs: KPersistentVolumeClaim[];
  pvs: KPersistentVolume[];
  jobs: KJob[];
  workloads: KWorkload[];
  configMaps: KConfigMap[];
  /** Calico IP pools; empty when Calico's CRDs are absent (or not readable). */
  ipPools: KIpPool[];
}

export function emptyKubeState(): KubeState {
  return {
    serverVersion: null,
    namespaces: [],
    nodes: [],
    pods: [],
    events: [],
    services: [],
    endpoints: [],
    pvcs: [],
    pvs: [],
    jobs: [],
    workloads: [],
    configMaps: [],
    ipPools: [],
  };
}
