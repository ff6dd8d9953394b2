import type { KContainer, KEvent, KPod, KubeState } from '../core/kube-state.js';
import { minutesSince, podEvents } from './evidence.js';
import { indexOf } from './kube-index.js';

/** Event reasons that prove a pod cannot start (sandbox, volumes, cgroups), however young it is. */
export const START_FAILURE_REASONS: readonly string[] = [
  'FailedCreatePodSandBox',
  'FailedMount',
  'FailedAttachVolume',
  'FailedMapVolume',
  'FailedCreatePodContainer',
];

/** Container waiting reasons that prove a container cannot run, however young its pod is. */
export const CONTAINER_FAILURE_REASONS: readonly string[] = [
  'CrashLoopBackOff',
  'ImagePullBackOff',
  'ErrImagePull',
  'ErrImageNeverPull',
  'InvalidImageName',
  'CreateContainerConfigError',
  'CreateContainerError',
  'RunContainerError',
];

/** Whether the pod waits in ContainerCreating (sandbox, volumes) and is not being deleted. */
export function isContainerCreating(pod: KPod): boolean {
  if (pod.deletionTimestamp !== null) return false;
  if (pod.status === 'ContainerCreating') return true;
  return pod.phase === 'Pending' && pod.containers.some((c) => !c.init && c.state === 'waiting' && c.reason === 'ContainerCreating');
}

/** The newest event proving that the pod cannot start (see START_FAILURE_REASONS); null when there is none. */
export function startFailureEvent(kube: KubeState, pod: KPod): KEvent | null {
  return podEvents(kube, pod).find((e) => START_FAILURE_REASONS.includes(e.reason)) ?? null;
}

/**
 * Pods stuck in ContainerCreating: at once when an event proves the sandbox or a volume
 * failing; with no such event, once they have waited `minutes` (then time is the evidence).
 * `now` is the API server's clock.
 */
export function stuckContainerCreating(kube: KubeState, now: number, minutes: number): KPod[] {
  return kube.pods.filter(
    (p) => isContainerCreating(p) && (startFailureEvent(kube, p) !== null || (minutesSince(p.createdAt, now) ?? 0) >= minutes),
  );
}

/**
 * Whether the pod shows proof of a failure, whatever its age: a container that cannot run,
 * a sandbox or volume failure, or the scheduler saying it cannot place the pod.
 */
export function hasFailureEvidence(kube: KubeState, pod: KPod): boolean {
  if (pod.containers.some((c) => c.state === 'waiting' && c.reason !== null && CONTAINER_FAILURE_REASONS.includes(c.reason))) return true;
  if (pod.conditions.some((c) => c.type === 'PodScheduled' && c.status === 'False' && c.reason === 'Unschedulable')) return true;
  return podEvents(kube, pod).some((e) => e.reason === 'FailedScheduling' || START_FAILURE_REASONS.includes(e.reason));
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
