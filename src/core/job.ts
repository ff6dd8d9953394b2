import type { Logger } from './ports.js';

/** What a running job can see of the queue it runs in (queue/ implements it over BullMQ). */
export interface JobRuntime {
  jobId: string;
  name: string;
  /** Epoch ms when this job was enqueued: the same on every attempt, new if the same id is enqueued again. */
  enqueuedAt?: number;
  /** Attempts already made before this one (0 on the first run). */
  attemptsMade: number;
  /** Whether this is the last attempt the job will get. */
  isFinalAttempt: boolean;
  log: Logger;
  /** Persists new job data (e.g. the step reached) so a retry resumes from it. */
  updateData(data: object): Promise<void>;
}

/**
 * The idempotency key of one post a job makes (`what` names which: `thread`, `anchor`, `result`):
 * the same on every attempt of this job, so a retried job finds its post instead of posting again.
 */
export function postKey(runtime: Pick<JobRuntime, 'jobId' | 'enqueuedAt'>, what: string): string {
  return `${runtime.jobId}@${runtime.enqueuedAt ?? 0}/${what}`;
}

/** A job processor as the queue layer runs it: data is validated by the processor. */
export type JobProcessor = (data: unknown, runtime: JobRuntime) => Promise<unknown>;

/**
 * What a step-job processor returns to be run again later without using up an attempt
 * (polling a long OpenStack operation holds no worker slot while it waits).
 */
export interface RescheduleRequest {
  rescheduleInMs: number;
  /** Replaces the job data before the next run (the step reached). */
  data?: object;
}

/** Builds the result that asks the queue to run this job again in `ms` with `data`. */
export function rescheduleIn(ms: number, data?: object): RescheduleRequest {
  return data === undefined ? { rescheduleInMs: ms } : { rescheduleInMs: ms, data };
}
