import type { KEvent, KPod, KubeState } from '../../core/kube-state.js';
import { capLines, describeEvent, plural, podEvents } from '../evidence.js';
import { nodeRef, podRef } from '../object-refs.js';
import { isContainerCreating } from '../pod-facts.js';
import { KOLLA_RBD_LOCK } from '../references.js';
import type { Rule } from '../rule.js';

const RULE = 'rbd-volume-locked';
const LOCK_TEXT = /image is locked|rbd image .* is still being used|rbd: .*lock/i;
const MULTI_ATTACH = /Multi-Attach error/i;

function usesRbd(kube: KubeState, pod: KPod): boolean {
  return pod.volumes.some((v) => {
    if (/rbd/i.test(v.kind)) return true;
    if (v.pvcClaimName === null) return false;
    const pvc = kube.pvcs.find((c) => c.namespace === pod.namespace && c.name === v.pvcClaimName);
    const pv = kube.pvs.find(
      (p) => p.name === pvc?.volumeName || (p.claim?.namespace === pod.namespace && p.claim.name === v.pvcClaimName),
    );
    return pv !== undefined && /rbd/i.test(pv.source);
  });
}

function lockEvent(kube: KubeState, pod: KPod): KEvent | null {
  const events = podEvents(kube, pod);
  const locked = events.find((e) => LOCK_TEXT.test(e.message));
  if (locked !== undefined) return locked;
  return usesRbd(kube, pod) ? (events.find((e) => MULTI_ATTACH.test(e.message)) ?? null) : null;
}

function isReady(kube: KubeState, nodeName: string): boolean {
  const node = kube.nodes.find((n) => n.name === nodeName);
  return node === undefined || node.conditions.some((c) => c.type === 'Ready' && c.status === 'True');
}

export const rbdVolumeLocked: Rule = {
  id: RULE,
  description:
    'A pod moved to a new node cannot map its Ceph RBD volume (Multi-Attach or "image is locked"): Kolla-Kubernetes known issue 2.',
  suppresses: ['container-creating-stuck', 'workload-replicas-short', 'service-without-endpoints'],
  run(snapshot, { kubeNow: now, thresholds }) {
    const kube = snapshot.kube;
    if (kube === null) return [];
    const hits = kube.pods
      .filter(isContainerCreating)
      .map((pod) => ({ pod, event: lockEvent(kube, pod) }))
      .filter((h): h is { pod: KPod; event: KEvent } => h.event !== null);
    if (hits.length === 0) return [];
    const lostNodes = kube.nodes.filter((n) => !isReady(kube, n.name)).map((n) => n.name);
    const evidence = [
      ...hits.map(({ pod, event }) => `${podRef(pod)}${pod.nodeName ? ` on ${pod.nodeName}` : ''}: ${describeEvent(event, now)}`),
      ...lostNodes.map((n) => `${nodeRef(n)} is not Ready (the node the volume was locked from?)`),
    ];
    return [
      {
        rule: RULE,
        severity: 'critical',
        title: `${plural(hits.length, 'pod')} cannot map a Ceph RBD volume still locked by another node`,
        objects: [...hits.map(({ pod }) => podRef(pod)), ...lostNodes.map(nodeRef)],
        evidence: capLines(evidence, thresholds.maxEvidenceLines),
        explanation: KOLLA_RBD_LOCK.explanation,
        remedy: KOLLA_RBD_LOCK.remedy,
        reference: KOLLA_RBD_LOCK.reference,
      },
    ];
  },
};
