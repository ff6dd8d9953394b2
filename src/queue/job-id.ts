import { BotError } from '../core/errors.js';

const MAX_JOB_ID_LENGTH = 256;

/** Why BullMQ would refuse this custom job id, or undefined when it is usable. */
export function jobIdProblem(jobId: string): string | undefined {
  if (jobId.length === 0) return 'empty';
  if (jobId.length > MAX_JOB_ID_LENGTH) return 'too long';
  // BullMQ builds Redis keys as `<prefix>:<queue>:<id>` and parses ids back by `:`.
  if (jobId.includes(':')) return 'contains ":"';
  // BullMQ reserves integer ids for its own counter.
  if (/^\d+$/.test(jobId)) return 'all digits';
  return undefined;
}

/** Throws a non-retryable BotError when the id cannot be a BullMQ custom job id. */
export function assertValidJobId(jobId: string): void {
  const problem = jobIdProblem(jobId);
  if (problem !== undefined) {
    throw new BotError('job_id_invalid', `Internal error: the job id is invalid (${problem}).`);
  }
}
