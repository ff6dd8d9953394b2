import type { KPod, KubeState } from '../../core/kube-state.js';
import { capLines, minutesSince, plural, podEvents } from '../evidence.js';
import { ageSince } from '../human-duration.js';
import { podRef } from '../object-refs.js';
import { podIsReady } from '../pod-facts.js';
import { KOLLA_RESTART_CONTROL_PLANE } from '../references.js';
import { lastTermination } from '../pod-problem.js';
import type { Rule } from '../rule.js';

const RULE = 'control-plane-not-ready';
const COMPONENTS = ['kube-scheduler', 'kube-controller-manager', 'kube-apiserver'] as const;

function componentOf(pod: KPod): string | null {
  const label = pod.labels['component'] ?? pod.labels['k8s-app'] ?? '';
  return COMPONENTS.find((c) => label === c || pod.name === c || pod.name.startsWith(`${c}-`)) ?? null;
}

/** Control-plane pods (static pods on kubeadm-style masters) that are not running and ready. */
function downComponents(kube: KubeState): KPod[] {
  return kube.pods.filter((p) => p.namespace === 'kube-system' && componentOf(p) !== null && !(p.phase === 'Running' && podIsReady(p)));
}

/**
 * Pending pods nobody has tried to schedule: no Scheduled or FailedScheduling event, no
 * Unschedulable condition, for `pendingMinutes` (the silence is the evidence, so time counts).
 */
export function neverScheduled(kube: KubeState, now: number, pendingMinutes: number): KPod[] {
  return kube.pods.filter((p) => {
    if (p.phase !== 'Pending' || p.nodeName !== null || p.deletionTimestamp !== null) return false;
    if ((minutesSince(p.createdAt, now) ?? 0) < pendingMinutes) return false;
    const scheduled = p.conditions.find((c) => c.type === 'PodScheduled');
    if (scheduled?.status === 'False' && scheduled.reason !== null) return false;
    return !podEvents(kube, p).some((e) => e.reason === 'Scheduled' || e.reason === 'FailedScheduling');
  });
}

export const controlPlaneNotReady: Rule = {
  id: RULE,
  description: 'kube-scheduler or kube-controller-manager not running: pods Pending with no scheduling events.',
  suppresses: ['container-creating-stuck', 'pod-crash-loop', 'pod-unschedulable', 'workload-replicas-short', 'service-without-endpoints'],
  run(snapshot, { kubeNow: now, thresholds }) {
    const kube = snapshot.kube;
    if (kube === null) return [];
    const down = downComponents(kube);
    const waiting = neverScheduled(kube, now, thresholds.pendingMinutes);
    if (down.length === 0 && waiting.length === 0) return [];
    const evidence = [
      ...down.map((p) =>
        [`${podRef(p)}: ${p.status}`, ...p.containers.map((c) => lastTermination(c, now))].filter((s) => s !== '').join('; '),
      ),
      ...waiting.map((p) => `${podRef(p)}: Pending for ${ageSince(p.createdAt, now)}, not assigned to a node, no scheduling events`),
    ];
    const what =
      down.length > 0 ? [...new Set(down.map((p) => componentOf(p)))].join(', ') + ' not running' : 'the scheduler is not scheduling pods';
    return [
      {
        rule: RULE,
        severity: 'critical',
        title: `Control plane not ready: ${what}${waiting.length > 0 ? ` (${plural(waiting.length, 'pod')} never scheduled)` : ''}`,
        objects: [...down.map(podRef), ...waiting.map(podRef)],
        evidence: capLines(evidence, thresholds.maxEvidenceLines),
        explanation:
          'Pods stay Pending without any Scheduled or FailedScheduling event only when no scheduler looks at them: kube-scheduler (or the kube-apiserver it talks to, ' +
          'or kube-controller-manager for controller-made pods) is not running. Kolla on Heat saw this right after the stack reached CREATE_COMPLETE.',
        remedy: KOLLA_RESTART_CONTROL_PLANE.remedy,
        reference: KOLLA_RESTART_CONTROL_PLANE.reference,
      },
    ];
  },
};
