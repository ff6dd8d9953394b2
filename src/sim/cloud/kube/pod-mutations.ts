import type { ClusterContext } from './cluster-context.js';
import type { SimPod } from './kube-types.js';
import type { SimNode } from './object-builders.js';
import { buildPod, type ContainerSpecPlan } from './pod-builder.js';
import { refreshWorkloadStatus } from './workload-status.js';

export interface Restate {
  /** Plans per container, by name; containers not named keep running. */
  containers: Record<string, Omit<ContainerSpecPlan, 'name' | 'image'>>;
  /** undefined: keep the node; null: unschedule. */
  node?: SimNode | null;
  dropIp?: boolean;
  /** An IP for a pod that had none (it starts running now). */
  podIP?: string;
}

/** Rebuilds a stored pod with new container plans, keeping its identity, and refreshes its owners. */
export function restatePod(ctx: ClusterContext, pod: SimPod, change: Restate): SimPod {
  const nodeName = change.node === undefined ? pod.spec.nodeName : change.node?.name;
  const hostIP = change.node === undefined ? pod.status.hostIP : change.node?.ip;
  const rebuilt = buildPod({
    namespace: pod.metadata.namespace ?? 'default',
    name: pod.metadata.name,
    labels: pod.metadata.labels ?? {},
    ...(pod.metadata.ownerReferences?.[0] ? { owner: pod.metadata.ownerReferences[0] } : {}),
    createdAt: Date.parse(pod.metadata.creationTimestamp),
    node: nodeName && hostIP ? { name: nodeName, ip: hostIP } : null,
    ...(pod.status.podIP && !change.dropIp && nodeName ? { podIP: pod.status.podIP } : change.podIP ? { podIP: change.podIP } : {}),
    containers: pod.spec.containers.map((c) => ({
      name: c.name,
      image: c.image,
      ...(change.containers[c.name] ?? { plan: { state: 'running' as const } }),
    })),
    ...(pod.spec.volumes ? { volumes: pod.spec.volumes } : {}),
    ...(pod.metadata.annotations ? { annotations: pod.metadata.annotations } : {}),
    ...(pod.spec['hostNetwork'] ? { hostNetwork: true } : {}),
  });
  rebuilt.metadata.uid = pod.metadata.uid;
  ctx.store.put('pods', rebuilt);
  refreshOwners(ctx, rebuilt);
  return rebuilt;
}

/** Refreshes the status of the workload (and Deployment above a ReplicaSet) controlling `pod`. */
export function refreshOwners(ctx: ClusterContext, pod: SimPod): void {
  const owner = pod.metadata.ownerReferences?.[0];
  if (!owner || owner.kind === 'Node') return;
  const resource = {
    ReplicaSet: 'replicasets',
    StatefulSet: 'statefulsets',
    DaemonSet: 'daemonsets',
    ReplicationController: 'replicationcontrollers',
    Job: 'jobs',
  }[owner.kind];
  if (!resource) return;
  const obj = ctx.store.get(resource, pod.metadata.namespace, owner.name);
  if (!obj) return;
  const parent = obj.metadata.ownerReferences?.[0];
  const deployment = parent?.kind === 'Deployment' ? ctx.store.get('deployments', obj.metadata.namespace, parent.name) : undefined;
  refreshWorkloadStatus(ctx.store, deployment ?? obj);
}

/** Pods of one namespace whose name starts with `prefix`. */
export function podsNamed(ctx: ClusterContext, namespace: string, prefix: string): SimPod[] {
  return (ctx.store.list('pods', namespace) as SimPod[]).filter((p) => p.metadata.name.startsWith(prefix));
}
