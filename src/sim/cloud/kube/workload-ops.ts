import type { ClusterContext } from './cluster-context.js';
import { iso, suffix } from './kube-names.js';
import type { SimObject, SimPod } from './kube-types.js';
import { buildPod, type ContainerPlan } from './pod-builder.js';
import { notFound } from './kube-status.js';
import { refreshOwners, restatePod } from './pod-mutations.js';
import { ownerRef } from './workload-builder.js';
import { isOwnedBy, podsOf, refreshWorkloadStatus } from './workload-status.js';

/** Deletes a pod the way a controller-backed cluster reacts: its controller makes a replacement. */
export function deletePod(ctx: ClusterContext, namespace: string, name: string, now: number): SimPod {
  const pod = ctx.store.get('pods', namespace, name) as SimPod | undefined;
  if (!pod) throw notFound('pods', '', name);
  ctx.store.remove('pods', namespace, name);
  const owner = pod.metadata.ownerReferences?.[0];
  const controller = owner && ctx.store.get(resourceFor(owner.kind), namespace, owner.name);
  if (controller && owner.kind !== 'Job') {
    const node = owner.kind === 'DaemonSet' ? pod.spec.nodeName : undefined;
    const replacementName = owner.kind === 'StatefulSet' ? name : `${owner.name}-${suffix(`${name}@${now}`, 5)}`;
    ctx.store.put('pods', newPod(ctx, controller, replacementName, now, pod.metadata.deletionTimestamp ? undefined : pod, node));
  }
  refreshOwners(ctx, pod);
  return { ...pod, metadata: { ...pod.metadata, deletionTimestamp: iso(now), deletionGracePeriodSeconds: 30 } };
}

/** What a ReplicaSet does when a pod is marked for deletion: a new pod on a Ready worker. */
export function replaceEvictedPod(ctx: ClusterContext, pod: SimPod, at: number): void {
  const owner = pod.metadata.ownerReferences?.[0];
  if (!owner || (owner.kind !== 'ReplicaSet' && owner.kind !== 'ReplicationController')) return;
  const controller = ctx.store.get(resourceFor(owner.kind), pod.metadata.namespace, owner.name);
  if (!controller) return;
  ctx.store.put('pods', newPod(ctx, controller, `${owner.name}-${suffix(`${pod.metadata.name}@${at}`, 5)}`, at));
  refreshOwners(ctx, pod);
}

/** Sets a workload's replicas and adds or removes pods to match. */
export function scaleWorkload(
  ctx: ClusterContext,
  resource: string,
  namespace: string,
  name: string,
  replicas: number,
  now: number,
): SimObject {
  const workload = ctx.store.get(resource, namespace, name);
  if (!workload) throw notFound(resource, resource === 'replicationcontrollers' ? '' : 'apps', name);
  const spec = workload['spec'] as { replicas?: number };
  spec.replicas = replicas;
  workload.metadata.generation = (workload.metadata.generation ?? 1) + 1;
  const podOwner = workload.kind === 'Deployment' ? currentReplicaSet(ctx, workload) : workload;
  if (podOwner !== workload) (podOwner['spec'] as { replicas?: number }).replicas = replicas;
  const pods = podsOf(ctx.store, workload)
    .filter((p) => !p.metadata.deletionTimestamp)
    .sort((a, b) => (a.metadata.creationTimestamp < b.metadata.creationTimestamp ? -1 : a.metadata.name < b.metadata.name ? -1 : 1));
  const pick = nodePicker(ctx);
  for (let i = pods.length; i < replicas; i += 1) {
    const podName = workload.kind === 'StatefulSet' ? `${name}-${i}` : `${podOwner.metadata.name}-${suffix(`${name}/${i}@${now}`, 5)}`;
    ctx.store.put('pods', newPod(ctx, podOwner, podName, now, pods[0], undefined, pick));
  }
  for (const pod of pods.slice(replicas).reverse()) ctx.store.remove('pods', namespace, pod.metadata.name);
  ctx.store.put(resource, workload);
  refreshWorkloadStatus(ctx.store, workload);
  return workload;
}

/** The workloads a merge patch may change; a changed pod template rolls their pods. */
export const PATCHABLE = ['deployments', 'statefulsets', 'daemonsets'] as const;

/**
 * Applies a merge patch to a Deployment, StatefulSet or DaemonSet; a changed pod template rolls
 * its pods (a Deployment to a new ReplicaSet, a StatefulSet under the same names, a DaemonSet
 * on the same nodes).
 */
export function patchWorkload(
  ctx: ClusterContext,
  resource: (typeof PATCHABLE)[number],
  namespace: string,
  name: string,
  patch: unknown,
  now: number,
): SimObject {
  const workload = ctx.store.get(resource, namespace, name);
  if (!workload) throw notFound(resource, 'apps', name);
  const before = JSON.stringify((workload['spec'] as { template?: unknown }).template);
  mergePatch(workload, patch);
  if (JSON.stringify((workload['spec'] as { template?: unknown }).template) !== before) {
    workload.metadata.generation = (workload.metadata.generation ?? 1) + 1;
    if (resource === 'deployments') rollDeployment(ctx, workload, now);
    else rollPods(ctx, workload, now);
  }
  ctx.store.put(resource, workload);
  refreshWorkloadStatus(ctx.store, workload);
  return workload;
}

/** A StatefulSet's or DaemonSet's roll: each pod replaced by one from the new template, in place. */
function rollPods(ctx: ClusterContext, workload: SimObject, now: number): void {
  const namespace = workload.metadata.namespace ?? 'default';
  for (const pod of podsOf(ctx.store, workload)) {
    ctx.store.remove('pods', namespace, pod.metadata.name);
    const name =
      workload.kind === 'StatefulSet' ? pod.metadata.name : `${workload.metadata.name}-${suffix(`${pod.metadata.name}@${now}`, 5)}`;
    ctx.store.put('pods', newPod(ctx, workload, name, now, pod, pod.spec.nodeName));
  }
}

function rollDeployment(ctx: ClusterContext, deployment: SimObject, now: number): void {
  const namespace = deployment.metadata.namespace ?? 'default';
  const name = deployment.metadata.name;
  const template = (deployment['spec'] as { template?: { metadata?: { labels?: Record<string, string> } } }).template;
  const old = podsOf(ctx.store, deployment);
  const hash = suffix(`${namespace}/${name}/rs@${now}`, 10);
  const labels = { ...(template?.metadata?.labels ?? {}), 'pod-template-hash': hash };
  const replicas = (deployment['spec'] as { replicas?: number }).replicas ?? 1;
  for (const rs of ctx.store.list('replicasets', namespace).filter((r) => isOwnedBy(r, deployment)))
    (rs['spec'] as { replicas?: number }).replicas = 0;
  const rs = ctx.store.put<SimObject>('replicasets', {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: `${name}-${hash}`,
      namespace,
      uid: '',
      generation: 1,
      creationTimestamp: iso(now),
      labels,
      annotations: { 'deployment.kubernetes.io/revision': String(deployment.metadata.generation) },
      ownerReferences: [ownerRef(deployment)],
    },
    spec: { replicas, selector: { matchLabels: labels }, template: { ...template, metadata: { ...template?.metadata, labels } } },
  });
  for (const pod of old) ctx.store.remove('pods', namespace, pod.metadata.name);
  const pick = nodePicker(ctx);
  for (let i = 0; i < replicas; i += 1)
    ctx.store.put('pods', newPod(ctx, rs, `${rs.metadata.name}-${suffix(`${rs.metadata.name}/${i}`, 5)}`, now, old[0], undefined, pick));
}

/**
 * Deletes a Job. The API's default for batch/v1 Jobs orphans their pods (they stay, without an
 * owner); `Background` or `Foreground` (what kubectl sends, in the body's DeleteOptions or the
 * query) deletes them too. Answers the
 * Status the API server returns for an object deleted at once.
 */
export function deleteJob(ctx: ClusterContext, namespace: string, name: string, policy: string | null, now: number): unknown {
  const job = ctx.store.get('jobs', namespace, name);
  if (!job) throw notFound('jobs', 'batch', name);
  ctx.store.remove('jobs', namespace, name);
  const removed: SimPod[] = [];
  for (const pod of podsOf(ctx.store, job)) {
    if (policy === 'Background' || policy === 'Foreground') {
      ctx.store.remove('pods', namespace, pod.metadata.name);
      removed.push(pod);
    } else ctx.store.put('pods', { ...pod, metadata: { ...pod.metadata, ownerReferences: [] } });
  }
  releaseClaims(ctx, namespace, removed, now);
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Success',
    details: { name, group: 'batch', kind: 'jobs', uid: job.metadata.uid },
  };
}

/** Claims of `pod` (its PVC-backed volumes). */
function claimsOf(pod: SimPod): string[] {
  return (pod.spec.volumes ?? []).flatMap((v) => (v.persistentVolumeClaim ? [v.persistentVolumeClaim.claimName] : []));
}

/**
 * The attach/detach controller once the pods holding a volume are gone: a pod waiting in
 * ContainerCreating for one of their claims mounts it and starts; its mount events stop.
 */
function releaseClaims(ctx: ClusterContext, namespace: string, removed: SimPod[], now: number): void {
  const released = new Set(removed.flatMap(claimsOf));
  if (released.size === 0) return;
  for (const pod of ctx.store.list('pods', namespace) as SimPod[]) {
    const waiting = pod.status.containerStatuses?.some((c) => c.state?.waiting?.reason === 'ContainerCreating') ?? false;
    if (!waiting || !claimsOf(pod).some((c) => released.has(c))) continue;
    restatePod(ctx, pod, { containers: {}, podIP: ctx.nextPodIp() });
    for (const event of ctx.store.list('events', namespace)) {
      const involved = (event['involvedObject'] ?? {}) as { name?: string };
      if (involved.name === pod.metadata.name) ctx.store.endRecurrence(namespace, event.metadata.name, now);
    }
  }
}

function currentReplicaSet(ctx: ClusterContext, deployment: SimObject): SimObject {
  const owned = ctx.store.list('replicasets', deployment.metadata.namespace).filter((r) => isOwnedBy(r, deployment));
  return owned.sort((a, b) => (a.metadata.creationTimestamp < b.metadata.creationTimestamp ? 1 : -1))[0] ?? deployment;
}

/** A new pod for `owner`, repeating `like`'s container states (a broken image stays broken). */
function newPod(
  ctx: ClusterContext,
  owner: SimObject,
  name: string,
  now: number,
  like?: SimPod,
  nodeName?: string,
  pick: () => SimObject | undefined = nodePicker(ctx),
): SimPod {
  const template = (
    owner['spec'] as {
      template?: {
        metadata?: { labels?: Record<string, string> };
        spec?: { containers?: { name: string; image: string }[]; volumes?: SimPod['spec']['volumes'] };
      };
    }
  ).template;
  const node = nodeName ? ctx.store.get('nodes', undefined, nodeName) : pick();
  const nodeIp = node ? internalIp(node) : undefined;
  const containers = (template?.spec?.containers ?? like?.spec.containers ?? []).map((c) => ({
    name: c.name,
    image: c.image,
    plan: planLike(like, c.name),
  }));
  return buildPod({
    namespace: owner.metadata.namespace ?? 'default',
    name,
    labels: {
      ...(template?.metadata?.labels ?? like?.metadata.labels ?? {}),
      ...(owner.kind === 'StatefulSet' ? { 'statefulset.kubernetes.io/pod-name': name } : {}),
    },
    owner: ownerRef(owner),
    createdAt: now,
    node: node && nodeIp ? { name: node.metadata.name, ip: nodeIp } : null,
    ...(node && containers.some((c) => c.plan.state !== 'waiting') ? { podIP: ctx.nextPodIp() } : {}),
    containers,
    ...(template?.spec?.volumes ? { volumes: template.spec.volumes } : {}),
  });
}

function planLike(like: SimPod | undefined, container: string): ContainerPlan {
  const state = like?.status.containerStatuses?.find((s) => s.name === container)?.state;
  if (state?.waiting)
    return { state: 'waiting', reason: state.waiting.reason, ...(state.waiting.message ? { message: state.waiting.message } : {}) };
  return { state: 'running' };
}

/** Picks the Ready worker with the fewest pods, counting the pods it places itself. */
function nodePicker(ctx: ClusterContext): () => SimObject | undefined {
  const load = new Map<string, number>();
  for (const pod of ctx.store.list('pods') as SimPod[]) {
    if (pod.spec.nodeName) load.set(pod.spec.nodeName, (load.get(pod.spec.nodeName) ?? 0) + 1);
  }
  const ready = ctx.store.list('nodes').filter((n) => {
    const labels = n.metadata.labels ?? {};
    const conditions = (n['status'] as { conditions?: { type: string; status: string }[] }).conditions ?? [];
    return labels['magnum.openstack.org/role'] !== 'master' && conditions.some((c) => c.type === 'Ready' && c.status === 'True');
  });
  return () => {
    let best: SimObject | undefined;
    for (const node of ready) if (!best || (load.get(node.metadata.name) ?? 0) < (load.get(best.metadata.name) ?? 0)) best = node;
    if (best) load.set(best.metadata.name, (load.get(best.metadata.name) ?? 0) + 1);
    return best;
  };
}

function internalIp(node: SimObject): string | undefined {
  return (node['status'] as { addresses?: { type: string; address: string }[] }).addresses?.find((a) => a.type === 'InternalIP')?.address;
}

function resourceFor(kind: string): string {
  return (
    {
      ReplicaSet: 'replicasets',
      StatefulSet: 'statefulsets',
      DaemonSet: 'daemonsets',
      ReplicationController: 'replicationcontrollers',
      Job: 'jobs',
    }[kind] ?? ''
  );
}

/** RFC 7386 JSON merge patch, in place. */
function mergePatch(target: Record<string, unknown>, patch: unknown): void {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) return;
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete target[key];
    else if (typeof value === 'object' && !Array.isArray(value)) {
      const current = target[key];
      const next = typeof current === 'object' && current !== null && !Array.isArray(current) ? (current as Record<string, unknown>) : {};
      mergePatch(next, value);
      target[key] = next;
    } else target[key] = value;
  }
}
