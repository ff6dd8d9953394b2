import type { KNode, KPod, WorkloadKind } from '../core/kube-state.js';

/** Object references as findings list them: `ns/Kind/name`, `Kind/name`, `openstack/Kind/id`. */
export function podRef(pod: Pick<KPod, 'namespace' | 'name'>): string {
  return `${pod.namespace}/Pod/${pod.name}`;
}

export function nodeRef(node: Pick<KNode, 'name'> | string): string {
  return `Node/${typeof node === 'string' ? node : node.name}`;
}

export function namespacedRef(namespace: string, kind: WorkloadKind | string, name: string): string {
  return `${namespace}/${kind}/${name}`;
}

export function openstackRef(kind: string, id: string): string {
  return `openstack/${kind}/${id}`;
}
