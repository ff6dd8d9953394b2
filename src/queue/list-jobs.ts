import type { Queue } from 'bullmq';

export const JOB_LIST_STATES = ['active', 'waiting', 'delayed', 'prioritized', 'completed', 'failed'] as const;
export type JobListState = (typeof JOB_LIST_STATES)[number];

/** What `/kube jobs` shows of one job. */
export interface JobSummary {
  id: string;
  name: string;
  state: JobListState;
  data: unknown;
  /** Epoch ms when the job was added. */
  timestamp: number;
  finishedOn: number | undefined;
  failedReason: string | undefined;
}

/** Reads up to `limit` jobs per state and returns the newest `limit` overall. */
export async function listJobs(queue: Queue, states: readonly JobListState[], limit: number): Promise<JobSummary[]> {
  if (limit <= 0 || states.length === 0) return [];
  const unique = [...new Set(states)];
  const perState = await Promise.all(
    unique.map(async (state) => {
      const jobs = await queue.getJobs([state], 0, limit - 1, false);
      return jobs.flatMap((job): JobSummary[] =>
        job?.id === undefined
          ? []
          : [
              {
                id: job.id,
                name: job.name,
                state,
                data: job.data as unknown,
                timestamp: job.timestamp,
                finishedOn: job.finishedOn,
                failedReason: job.failedReason === '' ? undefined : job.failedReason,
              },
            ],
      );
    }),
  );
  return perState
    .flat()
    .sort((a, b) => b.timestamp - a.timestamp)
    .slice(0, limit);
}
