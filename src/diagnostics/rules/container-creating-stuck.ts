import type { Finding } from '../../core/finding.js';
import type { KPod, KubeState } from '../../core/kube-state.js';
import { capLines, describeEvent, latestPodEvent, plural } from '../evidence.js';
import { ageSince } from '../human-duration.js';
import { podRef } from '../object-refs.js';
import { startFailureEvent, stuckContainerCreating } from '../pod-facts.js';
import type { Rule } from '../rule.js';

/** `ns/Pod/name: ContainerCreating for 33m on node; FailedMount (2m ago): ...` (`now`: the API server's clock). */
export function stuckPodLine(kube: KubeState, pod: KPod, now: number): string {
  const event = startFailureEvent(kube, pod) ?? latestPodEvent(kube, pod);
  const where = pod.nodeName === null ? '' : ` on ${pod.nodeName}`;
  const why = event === null ? 'no events' : describeEvent(event, now);
  return `${podRef(pod)}: ContainerCreating for ${ageSince(pod.createdAt, now)}${where}; ${why}`;
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
    const finding: Finding = {
      rule: 'container-creating-stuck',
      severity: 'warning',
      title:
        reasons.length > 0
          ? `${plural(pods.length, 'pod')} stuck in ContainerCreating: ${reasons.join(', ')}`
          : `${plural(pods.length, 'pod')} stuck in ContainerCreating for over ${thresholds.containerCreatingMinutes} min`,
      objects: pods.map(podRef),
      evidence: capLines(
        pods.map((p) => stuckPodLine(kube, p, kubeNow)),
        thresholds.maxEvidenceLines,
      ),
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
