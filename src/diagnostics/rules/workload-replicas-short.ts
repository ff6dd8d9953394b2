import type { KPod, KubeState } from '../../core/kube-state.js';
import { capLines, minutesSince, plural } from '../evidence.js';
import { namespacedRef } from '../object-refs.js';
import { hasFailureEvidence, ownerChain } from '../pod-facts.js';
import type { Rule } from '../rule.js';

const KINDS = ['Deployment', 'StatefulSet', 'ReplicationController', 'DaemonSet'];

/** Pods by every controller above them (`ns/Kind/name`). */
function podsByController(kube: KubeState): Map<string, KPod[]> {
  const map = new Map<string, KPod[]>();
  for (const pod of kube.pods) {
    for (const ref of ownerChain(pod, kube)) {
      const list = map.get(ref);
      if (list === undefined) map.set(ref, [pod]);
      else list.push(pod);
    }
  }
  return map;
}

export const workloadReplicasShort: Rule = {
  id: 'workload-replicas-short',
  description: 'Deployments, StatefulSets, ReplicationControllers and DaemonSets with fewer ready replicas than desired.',
  run(snapshot, { kubeNow: now, thresholds }) {
    const kube = snapshot.kube;
    if (kube === null) return [];
    const candidates = kube.workloads.filter((w) => KINDS.includes(w.kind) && w.desired > 0 && w.ready < w.desired);
    if (candidates.length === 0) return [];
    const byController = podsByController(kube);
    const short = candidates
      .map((workload) => ({ workload, pods: byController.get(namespacedRef(workload.namespace, workload.kind, workload.name)) ?? [] }))
      // A rollout in progress (every pod younger than the pending threshold) is not short,
      // unless one of its pods already shows a failure.
      .filter(
        ({ pods }) =>
          pods.length === 0 ||
          pods.some((p) => (minutesSince(p.createdAt, now) ?? 0) >= thresholds.pendingMinutes || hasFailureEvidence(kube, p)),
      );
    if (short.length === 0) return [];
    return [
      {
        rule: 'workload-replicas-short',
        severity: 'warning',
        title: `${plural(short.length, 'workload')} short of ready replicas`,
        objects: short.map(({ workload: w }) => namespacedRef(w.namespace, w.kind, w.name)),
        evidence: capLines(
          short.map(({ workload: w, pods }) => {
            const states = pods
              .filter((p) => p.status !== 'Running')
              .slice(0, 3)
              .map((p) => `${p.name} ${p.status}`);
            const tail = pods.length === 0 ? '; no pods exist' : states.length > 0 ? `; ${states.join(', ')}` : '';
            return `${namespacedRef(w.namespace, w.kind, w.name)}: ${w.ready}/${w.desired} ready${tail}`;
          }),
          thresholds.maxEvidenceLines,
        ),
        explanation:
          'Fewer pods are ready than the workload asks for: its pods are failing, not scheduled, or were never created (a quota or admission error shows in the events of the workload).',
        remedy: 'Look at the pods listed (`/kube pods NAME --problems`) and the events of the workload (`/kube events NAME -n NS`).',
      },
    ];
  },
};
