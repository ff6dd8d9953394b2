import type { Finding } from '../core/finding.js';
import type { ClusterSnapshot } from '../core/snapshot.js';
import { selectedPods } from './kube-index.js';
import { namespacedRef, nodeRef, openstackRef, podRef } from './object-refs.js';
import { ownerChain } from './pod-facts.js';
import type { Rule } from './rule.js';

/**
 * Objects each suppressed rule must leave out: the objects of the findings of every rule that
 * names it in `suppresses`, plus the controllers of covered pods and the Services that select
 * only covered pods (a Deployment short of replicas, or a Service without endpoints, because
 * its pods hit a known issue is the same root cause).
 */
export function coveredObjects(
  rules: readonly Rule[],
  findings: ReadonlyMap<string, Finding[]>,
  snapshot: ClusterSnapshot,
): Map<string, Set<string>> {
  const covered = new Map<string, Set<string>>();
  for (const rule of rules) {
    const objects = (findings.get(rule.id) ?? []).flatMap((f) => f.objects);
    if (objects.length === 0) continue;
    const expanded = withOwners(new Set(objects), snapshot);
    for (const target of rule.suppresses ?? []) {
      const set = covered.get(target) ?? new Set<string>();
      for (const o of expanded) set.add(o);
      covered.set(target, set);
    }
  }
  return covered;
}

function withOwners(objects: Set<string>, snapshot: ClusterSnapshot): Set<string> {
  const kube = snapshot.kube;
  if (kube === null) return objects;
  const result = new Set(objects);
  for (const pod of kube.pods) {
    if (objects.has(podRef(pod))) for (const owner of ownerChain(pod, kube)) result.add(owner);
  }
  // A Service with no endpoints because every pod it selects is already explained.
  for (const service of kube.services) {
    const selected = selectedPods(kube, service);
    if (selected.length > 0 && selected.every((p) => objects.has(podRef(p))))
      result.add(namespacedRef(service.namespace, 'Service', service.name));
  }
  return result;
}

/** The snapshot with the covered Kubernetes objects removed, for re-running a suppressed rule. */
export function withoutObjects(snapshot: ClusterSnapshot, objects: ReadonlySet<string>): ClusterSnapshot {
  const kube = snapshot.kube;
  // A finding on the Magnum cluster itself (a stalled Cluster API create) explains the cluster-level generic ones (slow-create).
  const clusterCovered = snapshot.cluster !== null && objects.has(openstackRef('Cluster', snapshot.cluster.name));
  if (clusterCovered) return withoutObjects({ ...snapshot, cluster: null }, objects);
  if (kube === null) return snapshot;
  return {
    ...snapshot,
    kube: {
      ...kube,
      pods: kube.pods.filter((p) => !objects.has(podRef(p))),
      nodes: kube.nodes.filter((n) => !objects.has(nodeRef(n))),
      workloads: kube.workloads.filter((w) => !objects.has(namespacedRef(w.namespace, w.kind, w.name))),
      jobs: kube.jobs.filter((j) => !objects.has(namespacedRef(j.namespace, 'Job', j.name))),
      pvcs: kube.pvcs.filter((c) => !objects.has(namespacedRef(c.namespace, 'PersistentVolumeClaim', c.name))),
      services: kube.services.filter((s) => !objects.has(namespacedRef(s.namespace, 'Service', s.name))),
    },
  };
}
