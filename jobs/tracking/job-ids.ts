/** A deterministic BullMQ job id from parts (no `:`; the same rule as commands/enqueue.ts jobIdFor). */
export function lifecycleJobId(jobName: string, ...parts: string[]): string {
  return [jobName, ...parts].map((p) => p.replace(/[^A-Za-z0-9._-]/g, '_')).join('-');
}

/** The diagnosis job the lead's `cluster-diagnose` processor runs. */
export const DIAGNOSE_JOB = 'cluster-diagnose';

/** Reasons the `cluster-diagnose` job accepts (jobs/cluster-diagnose.ts DIAGNOSE_REASONS); it has no `resize-failed` yet. */
export type DiagnoseReason = 'create-failed' | 'post-create' | 'delete-failed' | 'manual';
