import type { KEvent, KPod, KService, KubeState, KWorkload } from '../core/kube-state.js';

/**
 * Lookups over one KubeState, built once and shared by every rule: a 10,000-pod cluster must
 * not cost a scan of all events per pod. Cached per state object, so a filtered copy of the
 * state (suppression re-runs) gets its own.
 */
export interface KubeIndex {
  /** Events by `Kind/namespace/name`, newest first. */
  events: Map<string, KEvent[]>;
  /** Workloads by `ns/Kind/name`. */
  workloads: Map<string, KWorkload>;
  podsByNamespace: Map<string, KPod[]>;
  /** Pods by `namespace\0key=value` of each label, for selector matching. */
  podsByLabel: Map<string, KPod[]>;
  /** Pods each Service selects, computed on demand. */
  selected: WeakMap<KService, KPod[]>;
}

const cache = new WeakMap<KubeState, KubeIndex>();

export function eventKey(kind: string, namespace: string | null, name: string): string {
  return `${kind}/${namespace ?? ''}/${name}`;
}

function eventTime(event: KEvent): number {
  return event.lastSeen ?? event.firstSeen ?? 0;
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

/** The index of a state, built on first use. */
export function indexOf(kube: KubeState): KubeIndex {
  const cached = cache.get(kube);
  if (cached !== undefined) return cached;
  const events = new Map<string, KEvent[]>();
  for (const event of kube.events) {
    // Cluster-scoped objects (nodes) have no involved namespace; index them without one.
    const namespace = event.involvedKind === 'Node' ? null : (event.involvedNamespace ?? event.namespace);
    push(events, eventKey(event.involvedKind, namespace, event.involvedName), event);
  }
  for (const list of events.values()) list.sort((a, b) => eventTime(b) - eventTime(a));
  const workloads = new Map(kube.workloads.map((w) => [`${w.namespace}/${w.kind}/${w.name}`, w]));
  const podsByNamespace = new Map<string, KPod[]>();
  const podsByLabel = new Map<string, KPod[]>();
  for (const pod of kube.pods) {
    push(podsByNamespace, pod.namespace, pod);
    for (const [key, value] of Object.entries(pod.labels)) push(podsByLabel, labelKey(pod.namespace, key, value), pod);
  }
  const index = { events, workloads, podsByNamespace, podsByLabel, selected: new WeakMap<KService, KPod[]>() };
  cache.set(kube, index);
  return index;
}

function labelKey(namespace: string, key: string, value: string): string {
  return `${namespace}\u0000${key}=${value}`;
}

/** The pods of its namespace a Service's selector matches (none without a selector). */
export function selectedPods(kube: KubeState, service: KService): KPod[] {
  const index = indexOf(kube);
  const cached = index.selected.get(service);
  if (cached !== undefined) return cached;
  const entries = Object.entries(service.selector ?? {});
  let pods: KPod[] = [];
  if (entries.length > 0) {
    // Start from the smallest label bucket, then check the other labels.
    const buckets = entries.map(([k, v]) => index.podsByLabel.get(labelKey(service.namespace, k, v)) ?? []);
    const smallest = buckets.reduce((a, b) => (b.length < a.length ? b : a));
    pods = smallest.filter((p) => entries.every(([k, v]) => p.labels[k] === v));
  }
  index.selected.set(service, pods);
  return pods;
}
