import type { KubeStore } from './kube-store.js';
import type { SimObject, SimPod } from './kube-types.js';

const RESOURCE_OF = {
  Deployment: 'deployments',
  StatefulSet: 'statefulsets',
  ReplicaSet: 'replicasets',
  ReplicationController: 'replicationcontrollers',
  DaemonSet: 'daemonsets',
  Job: 'jobs',
} as const;

export type ControllerKind = keyof typeof RESOURCE_OF;

/** The resource name serving a controller kind. */
export function resourceOfKind(kind: ControllerKind): string {
  return RESOURCE_OF[kind];
}

/** Pods whose controller is `owner` (for a Deployment: through its ReplicaSets). */
export function podsOf(store: KubeStore, owner: SimObject): SimPod[] {
  const ns = owner.metadata.namespace;
  const owners =
    owner.kind === 'Deployment'
      ? store
          .list('replicasets', ns)
          .filter((rs) => isOwnedBy(rs, owner))
          .map((rs) => rs.metadata.uid)
      : [owner.metadata.uid];
  return (store.list('pods', ns) as SimPod[]).filter((pod) => pod.metadata.ownerReferences?.some((o) => owners.includes(o.uid)));
}

/** Whether `owner` is among `obj`'s ownerReferences. */
export function isOwnedBy(obj: SimObject, owner: SimObject): boolean {
  return obj.metadata.ownerReferences?.some((o) => o.uid === owner.metadata.uid) ?? false;
}

/** Whether the pod's Ready condition is True. */
export function isPodReady(pod: SimPod): boolean {
  return pod.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

/** Recomputes a workload's status (and its ReplicaSets') from the pods in the store. */
export function refreshWorkloadStatus(store: KubeStore, obj: SimObject): void {
  const spec = (obj['spec'] ?? {}) as { replicas?: number };
  if (obj.kind === 'Deployment') {
    for (const rs of store.list('replicasets', obj.metadata.namespace).filter((r) => isOwnedBy(r, obj))) refreshWorkloadStatus(store, rs);
  }
  const pods = podsOf(store, obj).filter((p) => !p.metadata.deletionTimestamp);
  const ready = pods.filter(isPodReady).length;
  if (obj.kind === 'DaemonSet') {
    obj['status'] = {
      currentNumberScheduled: pods.length,
      desiredNumberScheduled: pods.length,
      numberAvailable: ready,
      numberReady: ready,
      numberMisscheduled: 0,
      updatedNumberScheduled: pods.length,
      ...(ready < pods.length ? { numberUnavailable: pods.length - ready } : {}),
      observedGeneration: obj.metadata.generation ?? 1,
    };
    return;
  }
  if (obj.kind === 'Job') return;
  const desired = spec.replicas ?? 1;
  const status: Record<string, unknown> = {
    replicas: pods.length,
    ...(ready > 0 ? { readyReplicas: ready, availableReplicas: ready } : {}),
    observedGeneration: obj.metadata.generation ?? 1,
  };
  if (obj.kind === 'Deployment' || obj.kind === 'StatefulSet') status['updatedReplicas'] = pods.length;
  if (obj.kind === 'ReplicaSet' || obj.kind === 'ReplicationController') status['fullyLabeledReplicas'] = pods.length;
  if (obj.kind === 'Deployment') {
    if (ready < desired) status['unavailableReplicas'] = desired - ready;
    status['conditions'] = [
      {
        type: 'Available',
        status: ready >= desired ? 'True' : 'False',
        reason: ready >= desired ? 'MinimumReplicasAvailable' : 'MinimumReplicasUnavailable',
        message: ready >= desired ? 'Deployment has minimum availability.' : 'Deployment does not have minimum availability.',
        lastUpdateTime: obj.metadata.creationTimestamp,
        lastTransitionTime: obj.metadata.creationTimestamp,
      },
      {
        type: 'Progressing',
        status: 'True',
        reason: 'NewReplicaSetAvailable',
        message: `ReplicaSet has successfully progressed.`,
        lastUpdateTime: obj.metadata.creationTimestamp,
        lastTransitionTime: obj.metadata.creationTimestamp,
      },
    ];
  }
  obj['status'] = status;
}
