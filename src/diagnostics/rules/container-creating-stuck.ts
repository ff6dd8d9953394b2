import type { Finding } from '../../core/finding.js';
import type { KEvent, KPod, KubeState } from '../../core/kube-state.js';
import { capLines, describeEvent, groupObservations, latestPodEvent, normalizeMessage, plural, type Observation } from '../evidence.js';
import { ageSince } from '../human-duration.js';
import { podRef } from '../object-refs.js';
import { startFailureEvent, stuckContainerCreating } from '../pod-facts.js';
import type { Rule } from '../rule.js';

/**
 * A stuck pod as evidence: its line `ns/Pod/name: ContainerCreating for 33m on node; FailedMount
 * (2m ago): ...` (`now`: the API server's clock), and the error alone for merging with other pods'.
 * `event` defaults to its failure event, else its latest event.
 */
export function stuckPodObservation(kube: KubeState, pod: KPod, now: number, event?: KEvent | null): Observation {
  const shown = event ?? startFailureEvent(kube, pod) ?? latestPodEvent(kube, pod);
  const where = pod.nodeName === null ? '' : ` on ${pod.nodeName}`;
  const why = shown === null ? 'no events' : describeEvent(shown, now);
  const summary =
    shown === null ? 'ContainerCreating, no events' : `ContainerCreating; ${shown.reason}: ${normalizeMessage(shown.message, [pod.name])}`;
  return {
    name: `${pod.namespace}/${pod.name}`,
    key: summary,
    summary,
    line: `${podRef(pod)}: ContainerCreating for ${ageSince(pod.createdAt, now)}${where}; ${why}`,
  };
}

const HINTS: Record<string, string> = {
  FailedMount: 'a volume cannot be mounted (check the PVC, its PersistentVolume and the volume attachment in Cinder)',
  FailedAttachVolume: 'a volume cannot be attached to the node (it may still be attached elsewhere)',
  FailedMapVolume: 'a block volume cannot be mapped on the node',
  FailedCreatePodSandBox: 'the pod sandbox cannot be created (container runtime or CNI network plugin failing on the node)',
  FailedCreatePodContainer: 'the kubelet cannot create the pod (cgroups or the container runtime on the node)',
};

export const containerCreatingStuck: Rule = {
  id: 'container-creating-stuck',
  description: 'Pods in ContainerCreating that cannot start: at once on a sandbox or volume failure event, otherwise after the threshold.',
  suppresses: ['workload-replicas-short', 'service-without-endpoints'],
  run(snapshot, { kubeNow, thresholds }) {
    const kube = snapshot.kube;
    if (kube === null) return [];
    const pods = stuckContainerCreating(kube, kubeNow, thresholds.containerCreatingMinutes);
    if (pods.length === 0) return [];
    const failures = pods.map((p) => startFailureEvent(kube, p)?.reason).filter((r): r is string => r !== undefined);
    const reasons = [...new Set(failures)];
    const hints = reasons.map((r) => HINTS[r]).filter((h): h is string => h !== undefined);
    const grouped = groupObservations(
      pods.map((p) => stuckPodObservation(kube, p, kubeNow)),
      'pods',
      thresholds.maxDetailLines,
    );
    const finding: Finding = {
      rule: 'container-creating-stuck',
      severity: 'warning',
      title:
        reasons.length > 0
          ? `${plural(pods.length, 'pod')} stuck in ContainerCreating: ${reasons.join(', ')}`
          : `${plural(pods.length, 'pod')} stuck in ContainerCreating for over ${thresholds.containerCreatingMinutes} min`,
      objects: pods.map(podRef),
      evidence: capLines(grouped.lines, thresholds.maxEvidenceLines),
      ...(grouped.details ? { details: grouped.details } : {}),
      explanation:
        'The kubelet has not been able to start these pods: a pod stays in ContainerCreating while its sandbox is created and its volumes are mounted.' +
        (hints.length > 0
          ? ` The events say ${hints.join('; ')}.`
          : ' No event says why: the kubelet on the node may not be reporting (check the node and its kubelet).'),
      remedy:
        'Read the events of one pod (`/kube events NAME -n NS`) and fix what they name: the volume or PVC for FailedMount/FailedAttachVolume, ' +
        'the network plugin pods on the node for FailedCreatePodSandBox. Then delete the pod so it is recreated.',
    };
    return [finding];
  },
};
