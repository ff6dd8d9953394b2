import type { KJob } from '../../core/kube-state.js';
import { capLines, clip, plural } from '../evidence.js';
import { namespacedRef } from '../object-refs.js';
import type { Rule } from '../rule.js';

function failedCondition(job: KJob) {
  return job.conditions.find((c) => c.type === 'Failed' && c.status === 'True');
}

export const jobFailed: Rule = {
  id: 'job-failed',
  description: 'Jobs that failed (BackoffLimitExceeded, DeadlineExceeded) or ended with failed pods and no success.',
  run(snapshot, { thresholds }) {
    const kube = snapshot.kube;
    if (kube === null) return [];
    const failed = kube.jobs.filter((j) => failedCondition(j) !== undefined || (j.failed > 0 && j.active === 0 && j.succeeded === 0));
    if (failed.length === 0) return [];
    return [
      {
        rule: 'job-failed',
        severity: 'warning',
        title: `${plural(failed.length, 'job')} failed`,
        objects: failed.map((j) => namespacedRef(j.namespace, 'Job', j.name)),
        evidence: capLines(
          failed.map((j) => {
            const c = failedCondition(j);
            const why = c === undefined ? '' : `; ${c.reason ?? 'Failed'}${c.message ? `: ${clip(c.message, 160)}` : ''}`;
            return `${namespacedRef(j.namespace, 'Job', j.name)}: ${j.failed} failed, ${j.succeeded} succeeded${why}`;
          }),
          thresholds.maxEvidenceLines,
        ),
        explanation: 'The job gave up: its pods failed more often than its backoff limit allows, or it ran past its active deadline.',
        remedy: 'Read the log of one of its failed pods (`/kube logs NAME NS/POD`), fix the cause, then delete and re-create the job.',
      },
    ];
  },
};
