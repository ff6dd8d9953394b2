/**
 * The one job-id function: a deterministic BullMQ job id from a job name and the parts that
 * make a request unique (channel and trigger id, a confirmation id, a cluster uuid and so on).
 * The same request always gets the same id, so a retry or a double click enqueues once.
 * BullMQ ids may not contain `:`; Slack ids never do, but trigger ids and values are opaque.
 */
export function jobIdFor(jobName: string, ...parts: readonly string[]): string {
  return [jobName, ...parts].map((p) => p.replace(/[^A-Za-z0-9._-]/g, '_')).join('-');
}
