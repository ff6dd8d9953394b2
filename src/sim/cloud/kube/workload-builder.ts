import type { ClusterContext } from './cluster-context.js';
import { iso, suffix } from './kube-names.js';
import type { OwnerReference, SimObject, SimPod, SimVolume } from './kube-types.js';
import type { SimNode } from './object-builders.js';
import { buildPod, type ContainerSpecPlan, type PodPlan } from './pod-builder.js';
import { refreshWorkloadStatus, resourceOfKind } from './workload-status.js';

export interface ContainerTemplate {
  name: string;
  image: string;
  ports?: { containerPort: number; name?: string; protocol: 'TCP' | 'UDP' }[];
}

/** Per-pod overrides: container plans (default running and ready), node, IP, phase. */
export type PodOverride = Partial<Pick<PodPlan, 'phase' | 'podIP' | 'annotations'>> & {
  containers?: ContainerSpecPlan[];
  initContainers?: ContainerSpecPlan[];
  /** null: not scheduled. */
  node?: SimNode | null;
  createdAt?: number;
};

export interface WorkloadPlan {
  kind: 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'ReplicationController';
  namespace: string;
  name: string;
  /** Selector labels, also put on the pods. */
  labels: Record<string, string>;
  replicas?: number;
  containers: ContainerTemplate[];
  /** Where pods go (round-robin); DaemonSets get one pod per node listed. Default: the workers. */
  nodes?: SimNode[];
  createdAt?: number;
  hostNetwork?: boolean;
  volumes?: SimVolume[];
  pod?: (index: number, node: SimNode | null) => PodOverride;
}

/** Adds a workload, its ReplicaSet (for a Deployment) and its pods; returns the pods. */
export function addWorkload(ctx: ClusterContext, plan: WorkloadPlan): SimPod[] {
  const createdAt = plan.createdAt ?? ctx.createdAt + 120_000;
  const nodes = plan.nodes ?? ctx.workers;
  const replicas = plan.kind === 'DaemonSet' ? nodes.length : (plan.replicas ?? 1);
  const offset = plan.kind === 'DaemonSet' || plan.nodes ? 0 : ctx.nextPlacement();
  const template = {
    metadata: { labels: plan.labels },
    spec: {
      containers: plan.containers.map((c) => ({ name: c.name, image: c.image, ...(c.ports ? { ports: c.ports } : {}) })),
      ...(plan.volumes ? { volumes: plan.volumes } : {}),
      ...(plan.hostNetwork ? { hostNetwork: true } : {}),
    },
  };
  const workload = ctx.store.put<SimObject>(resourceOfKind(plan.kind), {
    apiVersion: plan.kind === 'ReplicationController' ? 'v1' : 'apps/v1',
    kind: plan.kind,
    metadata: {
      name: plan.name,
      namespace: plan.namespace,
      uid: '',
      generation: 1,
      creationTimestamp: iso(createdAt),
      labels: plan.labels,
    },
    spec: {
      ...(plan.kind === 'DaemonSet' ? {} : { replicas }),
      selector: plan.kind === 'ReplicationController' ? plan.labels : { matchLabels: plan.labels },
      template,
      ...(plan.kind === 'StatefulSet' ? { serviceName: plan.name, podManagementPolicy: 'OrderedReady' } : {}),
    },
  } satisfies SimObject);
  let podOwner: SimObject = workload;
  let podLabels = plan.labels;
  let namePrefix = `${plan.name}-`;
  if (plan.kind === 'Deployment') {
    const hash = suffix(`${plan.namespace}/${plan.name}/rs`, 10);
    podLabels = { ...plan.labels, 'pod-template-hash': hash };
    podOwner = ctx.store.put('replicasets', {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: `${plan.name}-${hash}`,
        namespace: plan.namespace,
        uid: '',
        generation: 1,
        creationTimestamp: iso(createdAt),
        labels: podLabels,
        annotations: { 'deployment.kubernetes.io/revision': '1' },
        ownerReferences: [ownerRef(workload)],
      },
      spec: { replicas, selector: { matchLabels: podLabels }, template: { ...template, metadata: { labels: podLabels } } },
    });
    namePrefix = `${podOwner.metadata.name}-`;
  }
  const pods: SimPod[] = [];
  for (let i = 0; i < replicas; i += 1) {
    const defaultNode = nodes.length > 0 ? (nodes[(offset + i) % nodes.length] ?? null) : null;
    const override = plan.pod?.(i, defaultNode) ?? {};
    const node = override.node === undefined ? defaultNode : override.node;
    const name = plan.kind === 'StatefulSet' ? `${plan.name}-${i}` : `${namePrefix}${suffix(`${plan.namespace}/${namePrefix}${i}`, 5)}`;
    const pod = buildPod({
      namespace: plan.namespace,
      name,
      labels: plan.kind === 'StatefulSet' ? { ...podLabels, 'statefulset.kubernetes.io/pod-name': name } : podLabels,
      owner: ownerRef(podOwner),
      createdAt: override.createdAt ?? createdAt + 1000,
      node,
      ...(override.podIP !== undefined ? { podIP: override.podIP } : node && !plan.hostNetwork ? { podIP: ctx.nextPodIp() } : {}),
      containers: override.containers ?? plan.containers.map((c) => ({ ...c, plan: { state: 'running' } })),
      ...(override.initContainers ? { initContainers: override.initContainers } : {}),
      ...(plan.volumes ? { volumes: plan.volumes } : {}),
      ...(override.phase ? { phase: override.phase } : {}),
      ...(override.annotations ? { annotations: override.annotations } : {}),
      ...(plan.hostNetwork ? { hostNetwork: true } : {}),
    });
    if (pod.status.phase === 'Pending' && override.containers?.every((c) => c.plan.state === 'waiting')) delete pod.status.podIP;
    pods.push(ctx.store.put('pods', pod));
  }
  refreshWorkloadStatus(ctx.store, workload);
  return pods;
}

/** A controller ownerReference to `obj`. */
export function ownerRef(obj: SimObject): OwnerReference {
  return { apiVersion: obj.apiVersion, kind: obj.kind, name: obj.metadata.name, uid: obj.metadata.uid, controller: true };
}
