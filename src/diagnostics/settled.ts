import type { Unsettled } from '../core/settled.js';
import type { ClusterSnapshot } from '../core/snapshot.js';
import { isProblemPod } from './pods-view.js';

export type { Unsettled } from '../core/settled.js';

/**
 * Whether a cluster is settled and healthy enough to stop checking it after an operation:
 * every node Ready, every pod Running and ready (or Completed), the Kubernetes API read, and
 * Magnum not reporting UNHEALTHY. Pure: a follow-up check keeps going while this is not empty.
 */
export function unsettled(snapshot: ClusterSnapshot): Unsettled {
  const kube = snapshot.kube;
  const other: string[] = [];
  if (!kube) other.push('the Kubernetes API could not be read');
  if (snapshot.cluster?.healthStatus === 'UNHEALTHY') other.push('Magnum reports UNHEALTHY');
  const pods = (kube?.pods ?? []).filter(isProblemPod).map((p) => `${p.namespace}/${p.name} (${p.status})`);
  const nodes = (kube?.nodes ?? []).filter((n) => n.conditions.find((c) => c.type === 'Ready')?.status !== 'True').map((n) => n.name);
  return { pods, nodes, other };
}

export function isSettled(u: Unsettled): boolean {
  return u.pods.length === 0 && u.nodes.length === 0 && u.other.length === 0;
}
