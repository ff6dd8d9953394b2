import { containerHits, podCount, podProblemFinding } from '../pod-problem.js';
import type { Rule } from '../rule.js';

export const podOomKilled: Rule = {
  id: 'pod-oom-killed',
  description: 'Containers killed for exceeding their memory limit (OOMKilled).',
  suppresses: ['pod-crash-loop', 'workload-replicas-short', 'service-without-endpoints'],
  run(snapshot, { thresholds }) {
    const kube = snapshot.kube;
    if (kube === null) return [];
    const hits = containerHits(
      kube.pods,
      (c) => (c.state === 'terminated' && c.reason === 'OOMKilled') || c.lastTerminated?.reason === 'OOMKilled',
    );
    return podProblemFinding(hits, {
      rule: 'pod-oom-killed',
      severity: 'warning',
      title: (n) => `${podCount(n)} killed for running out of memory (OOMKilled)`,
      detail: (h) => `OOMKilled, ${h.container.restartCount} restarts, now ${h.container.reason ?? h.container.state}`,
      summary: () => 'OOMKilled',
      explanation: 'The container used more memory than its limit and the kernel killed it (exit code 137).',
      remedy:
        "Raise the container's memory limit (resources.limits.memory) or reduce what it uses; check the node's memory if the pod has no limit.",
      maxEvidenceLines: thresholds.maxEvidenceLines,
      maxDetailLines: thresholds.maxDetailLines,
    });
  },
};
