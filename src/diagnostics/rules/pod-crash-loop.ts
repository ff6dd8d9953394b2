import { containerHits, lastTermination, podCount, podProblemFinding } from '../pod-problem.js';
import type { Rule } from '../rule.js';

export const podCrashLoop: Rule = {
  id: 'pod-crash-loop',
  description: 'Containers in CrashLoopBackOff or restarting past the threshold, with the last termination reason and exit code.',
  suppresses: ['workload-replicas-short', 'service-without-endpoints'],
  run(snapshot, { kubeNow: now, thresholds }) {
    const kube = snapshot.kube;
    if (kube === null) return [];
    const hits = containerHits(kube.pods, (c) => {
      if (c.state === 'waiting' && c.reason === 'CrashLoopBackOff') return true;
      const failedLast = c.lastTerminated !== null && c.lastTerminated.exitCode !== 0;
      return c.restartCount >= thresholds.restartThreshold && failedLast && !(c.state === 'running' && c.ready);
    });
    return podProblemFinding(hits, {
      rule: 'pod-crash-loop',
      severity: 'warning',
      title: (n) => `${podCount(n)} crash looping`,
      detail: (h) =>
        [`${h.container.reason ?? h.container.state}, ${h.container.restartCount} restarts`, lastTermination(h.container, now)]
          .filter((s) => s !== '')
          .join('; '),
      summary: (h) => {
        const last = h.container.lastTerminated;
        return `crash looping${last === null ? '' : `, last terminated ${last.reason ?? 'with'} exit code ${last.exitCode ?? '?'}`}`;
      },
      explanation:
        'The container starts and exits again and again; Kubernetes waits longer between restarts each time (CrashLoopBackOff). The exit code and the log of the previous run say why.',
      remedy:
        "Read the previous run's log: `/kube logs NAME NS/POD -c CONTAINER --previous`. Exit code 1 is usually the application (configuration, a dependency it cannot reach), 137 a kill (memory limit, liveness probe).",
      maxEvidenceLines: thresholds.maxEvidenceLines,
      maxDetailLines: thresholds.maxDetailLines,
    });
  },
};
