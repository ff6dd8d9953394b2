import type { KContainer, KPod, KubeState } from '../core/kube-state.js';
import { minutesSince } from './evidence.js';
import { indexOf } from './kube-index.js';

/** Whether the pod waits in ContainerCreating (sandbox, volumes) and is not being deleted. */
export function isContainerCreating(pod: KPod): boolean {
  if (pod.deletionTimestamp !== null) return false;
  if (pod.status === 'ContainerCreating') return true;
  return pod.phase === 'Pending' && pod.containers.some((c) => !c.init && c.state === 'waiting' && c.reason === 'ContainerCreating');
}

/** Pods stuck in ContainerCreating for at least `minutes`. */
export function stuckContainerCreating(kube: KubeState, now: number, minutes: number): KPod[] {
  return kube.pods.filter((p) => isContainerCreating(p) && (minutesSince(p.createdAt, now) ?? 0) >= minutes);
}

/** Containers of a pod that wait with one of `reasons`. */
export function waitingWith(pod: KPod, reasons: readonly string[]): KContainer[] {
  return pod.containers.filter((c) => c.state === 'waiting' && c.reason !== null && reasons.includes(c.reason));
}

/**
 * The top-level controller of a pod: a ReplicaSet owned by a Deployment reports the
 * Deployment. Returns `ns/Kind/name` references, innermost first.
 */
export function ownerChain(pod: KPod, kube: KubeState): string[] {
  const workloads = indexOf(kube).workloads;
  const chain: string[] = [];
  let owner = pod.owner;
  // Owner loops cannot happen in a real cluster; the bound only guards against bad input.
  while (owner !== null && chain.length < 5) {
    const ref = `${pod.namespace}/${owner.kind}/${owner.name}`;
    chain.push(ref);
    owner = workloads.get(ref)?.owner ?? null;
  }
  return chain;
}

/** Whether every regular (non-init) container of the pod is ready. */
export function podIsReady(pod: KPod): boolean {
  const regular = pod.containers.filter((c) => !c.init);
  return regular.length > 0 && regular.every((c) => c.ready);
}
