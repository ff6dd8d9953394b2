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

function serviceLines(kube: KubeState, pods: ReadonlySet<string>): string[] {
  const lines: string[] = [];
  for (const service of kube.services) {
    const selected = selectedPods(kube, service);
    const hit = selected.filter((p) => pods.has(podRef(p)));
    if (hit.length === 0) continue;
    const ref = `${namespacedRef(service.namespace, 'Service', service.name)} (${ports(service)})`;
    // From the pods themselves: the Endpoints object may lag behind them.
    const ready = selected.filter(podIsReady).length;
    lines.push(
      ready === 0
        ? `${ref}: no ready pod behind it, connections fail`
        : `${ref}: ${plural(hit.length, 'pod')} of ${selected.length} failing, ${ready} still serving`,
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
