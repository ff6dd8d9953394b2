import { containerHits, podCount, podProblemFinding } from '../pod-problem.js';
import type { Rule } from '../rule.js';

const REASONS = [
  'CreateContainerConfigError',
  'CreateContainerError',
  'RunContainerError',
  'PreCreateHookError',
  'PreStartHookError',
  'PostStartHookError',
];

export const podConfigError: Rule = {
  id: 'pod-config-error',
  description: 'Containers that cannot be created from their spec (CreateContainerConfigError: missing Secret or ConfigMap, ...).',
  suppresses: ['workload-replicas-short', 'service-without-endpoints'],
  run(snapshot, { thresholds }) {
    const kube = snapshot.kube;
    if (kube === null) return [];
    const hits = containerHits(kube.pods, (c) => c.state === 'waiting' && c.reason !== null && REASONS.includes(c.reason));
    return podProblemFinding(hits, {
      rule: 'pod-config-error',
      severity: 'warning',
      title: (n) => `${podCount(n)} cannot create ${n === 1 ? 'a container' : 'containers'} from the pod spec`,
      detail: (h) => `${h.container.reason}${h.container.message ? `: ${h.container.message}` : ''}`,
      summary: (h) => `${h.container.reason}${h.container.message ? `: ${h.container.message}` : ''}`,
      explanation:
        'The container cannot be created: something its spec refers to (a Secret, a ConfigMap or a key in one, a volume) is missing or invalid, or a lifecycle hook failed.',
      remedy: 'Create the missing Secret or ConfigMap (the message names it) or fix the pod spec; the kubelet retries on its own.',
      maxEvidenceLines: thresholds.maxEvidenceLines,
      maxDetailLines: thresholds.maxDetailLines,
    });
  },
};
