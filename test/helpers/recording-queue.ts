import type { EnqueueOptions, JobQueue } from '../../src/core/ports.js';

export interface Enqueued {
  name: string;
  data: object;
  options: EnqueueOptions;
}

/** A JobQueue that records what is enqueued and, as BullMQ does, keeps one job per id. */
export function recordingQueue(enqueued: Enqueued[] = []): JobQueue & { enqueued: Enqueued[] } {
  return {
    enqueued,
    async enqueue(name, data, options) {
      if (enqueued.some((e) => e.options.jobId === options.jobId)) return { jobId: options.jobId, created: false };
      enqueued.push({ name, data, options });
      return { jobId: options.jobId, created: true };
    },
    async enqueueMany(jobs) {
      for (const job of jobs) await this.enqueue(job.name, job.data, job.options);
    },
  };
}
