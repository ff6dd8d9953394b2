import type { KPod, KubeState } from '../../core/kube-state.js';
import { capLines, clip, groupObservations, latestPodEvent, normalizeMessage, plural } from '../evidence.js';
import { ageSince } from '../human-duration.js';
import { podRef } from '../object-refs.js';
import type { Rule } from '../rule.js';

const UNINITIALIZED_TAINT = 'node.cloudprovider.kubernetes.io/uninitialized';

function schedulerMessage(kube: KubeState, pod: KPod): string | null {
  const event = latestPodEvent(kube, pod, ['FailedScheduling']);
  if (event !== null) return event.message;
  const condition = pod.conditions.find((c) => c.type === 'PodScheduled' && c.status === 'False' && c.reason === 'Unschedulable');
  return condition === undefined ? null : (condition.message ?? 'Unschedulable');
}

export const podUnschedulable: Rule = {
  id: 'pod-unschedulable',
  description: "Pending pods the scheduler cannot place, with the scheduler's reason (its message is the evidence: no waiting period).",
  suppresses: ['workload-replicas-short', 'service-without-endpoints'],
  run(snapshot, { kubeNow: now, thresholds }) {
    const kube = snapshot.kube;
    if (kube === null) return [];
    const hits = kube.pods
      .filter((p) => p.phase === 'Pending' && p.nodeName === null && p.deletionTimestamp === null)
      .map((pod) => ({ pod, message: schedulerMessage(kube, pod) }))
      .filter((h): h is { pod: KPod; message: string } => h.message !== null);
    if (hits.length === 0) return [];
    const grouped = groupObservations(
      hits.map(({ pod, message }) => {
        const summary = `Pending; scheduler: ${normalizeMessage(message, [pod.name])}`;
        const line = `${podRef(pod)}: Pending for ${ageSince(pod.createdAt, now)}; scheduler: ${clip(message)}`;
        return { name: `${pod.namespace}/${pod.name}`, key: summary, summary, line };
      }),
      'pods',
      thresholds.maxDetailLines,
    );
    const uninitialized = hits.some((h) => h.message.includes(UNINITIALIZED_TAINT));
    return [
      {
        rule: 'pod-unschedulable',
        severity: 'warning',
        title: `${plural(hits.length, 'pod')} Pending: the scheduler cannot place ${hits.length === 1 ? 'it' : 'them'}`,
        objects: hits.map((h) => podRef(h.pod)),
        evidence: capLines(grouped.lines, thresholds.maxEvidenceLines),
        ...(grouped.details ? { details: grouped.details } : {}),
        explanation: uninitialized
          ? `Nodes still carry the ${UNINITIALIZED_TAINT} taint: the OpenStack cloud controller manager never initialised them (bad cloud config, no route to the OpenStack API, or a CA problem).`
          : 'No node satisfies the pod: not enough free CPU or memory, taints the pod does not tolerate, node selectors or affinity that match no node, or volumes bound to another zone.',
        remedy: uninitialized
          ? 'Check the openstack-cloud-controller-manager pods in kube-system and their logs; the taint goes away once they initialise the nodes.'
          : 'Read the scheduler message: add nodes (`/kube resize NAME --nodes N`) for Insufficient cpu/memory, or fix the tolerations, selectors or affinity it names.',
      },
    ];
  },
};
