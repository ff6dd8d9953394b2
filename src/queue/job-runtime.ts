import type { Job } from 'bullmq';
import type { JobRuntime } from '../core/job.js';
import type { Logger } from '../core/ports.js';

/** How many attempts a job gets in total (BullMQ treats 0 and 1 alike: no retry). */
export function totalAttempts(configured: number | undefined): number {
  return Math.max(configured ?? 1, 1);
}

/** Adapts a BullMQ job to what processors see. */
export function toJobRuntime(job: Job, logger: Logger): JobRuntime {
  const jobId = job.id ?? '';
  return {
    jobId,
    name: job.name,
    enqueuedAt: job.timestamp,
    attemptsMade: job.attemptsMade,
    isFinalAttempt: job.attemptsMade + 1 >= totalAttempts(job.opts.attempts),
    log: logger.child({ jobId, job: job.name, attempt: job.attemptsMade + 1 }),
    updateData: (data: object) => job.updateData(data),
  };
}
