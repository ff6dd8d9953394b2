/** Wire shapes of the objects the simulated API server keeps (only the fields it sets). */
export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
}

export interface ObjectMeta {
  name: string;
  namespace?: string;
  uid: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp: string;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
}

export interface SimObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [field: string]: unknown;
}

export interface ContainerState {
  waiting?: { reason: string; message?: string };
  running?: { startedAt: string };
  terminated?: { exitCode: number; reason?: string; message?: string; startedAt?: string; finishedAt?: string; signal?: number };
}

export interface ContainerStatus {
  name: string;
  image: string;
  imageID: string;
  ready: boolean;
  started?: boolean;
  restartCount: number;
  state: ContainerState;
  lastState: ContainerState;
  containerID?: string;
}

export interface PodCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
  lastProbeTime: string | null;
  lastTransitionTime: string;
}

export interface SimContainer {
  name: string;
  image: string;
  [field: string]: unknown;
}

export interface SimVolume {
  name: string;
  persistentVolumeClaim?: { claimName: string };
  [source: string]: unknown;
}

export interface SimPod extends SimObject {
  kind: 'Pod';
  spec: {
    nodeName?: string;
    containers: SimContainer[];
    initContainers?: SimContainer[];
    volumes?: SimVolume[];
    restartPolicy: string;
    schedulerName: string;
    serviceAccountName?: string;
    readinessGates?: { conditionType: string }[];
    [field: string]: unknown;
  };
  status: {
    phase: string;
    reason?: string;
    message?: string;
    conditions?: PodCondition[];
    hostIP?: string;
    podIP?: string;
    podIPs?: { ip: string }[];
    startTime?: string;
    nominatedNodeName?: string;
    qosClass?: string;
    initContainerStatuses?: ContainerStatus[];
    containerStatuses?: ContainerStatus[];
  };
}

/** Log text of one container: the running instance and, after a restart, the previous one. */
export interface ContainerLogs {
  current: string;
  previous?: string;
}
