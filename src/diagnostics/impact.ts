import type { Finding } from '../core/finding.js';
import type { KPod, KService, KubeState, KWorkload } from '../core/kube-state.js';
import { plural } from './evidence.js';
import { indexOf, selectedPods } from './kube-index.js';
import { namespacedRef, podRef } from './object-refs.js';
import { ownerChain, podIsReady } from './pod-facts.js';

/** Controllers whose shortfall a user checks; a ReplicaSet only when nothing owns it. */
const CONTROLLERS = new Set(['Deployment', 'StatefulSet', 'ReplicationController', 'DaemonSet', 'ReplicaSet']);

function ports(service: KService): string {
  if (service.ports.length === 0) return 'no ports';
  const list = service.ports.map((p) => `${p.port}/${p.protocol}${p.name ? ` ${p.name}` : ''}`);
  return `${service.ports.length === 1 ? 'port' : 'ports'} ${list.join(', ')}`;
}

/** Ready addresses of a Service: from its Endpoints when they were collected, else from the pods it selects. */
function readyCount(kube: KubeState, service: KService, selected: readonly KPod[]): number {
  if (kube.endpoints.length === 0) return selected.filter(podIsReady).length;
  return kube.endpoints.find((e) => e.namespace === service.namespace && e.name === service.name)?.readyAddresses ?? 0;
}

function serviceLines(kube: KubeState, pods: ReadonlySet<string>): string[] {
  const lines: string[] = [];
  for (const service of kube.services) {
    const selected = selectedPods(kube, service);
    const hit = selected.filter((p) => pods.has(podRef(p)));
    if (hit.length === 0) continue;
    const ref = `${namespacedRef(service.namespace, 'Service', service.name)} (${ports(service)})`;
    const ready = readyCount(kube, service, selected);
    lines.push(
      ready === 0
        ? `${ref}: no ready endpoints, connections fail`
        : `${ref}: ${plural(hit.length, 'pod')} of ${selected.length} not serving, ${ready} ready`,
    );
  }
  return lines;
}

/** The top controller of each affected pod that is short of ready replicas. */
function workloadLines(kube: KubeState, pods: readonly KPod[]): string[] {
  const workloads = indexOf(kube).workloads;
  const short = new Map<string, KWorkload>();
  for (const pod of pods) {
    const top = ownerChain(pod, kube).at(-1);
    const workload = top === undefined ? undefined : workloads.get(top);
    if (workload === undefined || !CONTROLLERS.has(workload.kind) || workload.ready >= workload.desired) continue;
    short.set(top as string, workload);
  }
  return [...short].map(([ref, w]) => `${ref}: ${w.ready}/${w.desired} ready`);
}

/**
 * What a root-cause finding breaks: the Services that select its pods (with their ports) and
 * the workloads short of replicas because of them. A finding that suppresses the generic
 * Service and workload findings names them here, so nothing a user would check goes missing.
 */
export function impactOf(finding: Finding, kube: KubeState | null): string[] {
  if (kube === null) return [];
  const refs = new Set(finding.objects);
  const pods = kube.pods.filter((p) => refs.has(podRef(p)));
  if (pods.length === 0) return [];
  const podRefs = new Set(pods.map(podRef));
  return [...serviceLines(kube, podRefs), ...workloadLines(kube, pods)];
}
