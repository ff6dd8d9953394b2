import { Queue, type JobsOptions } from 'bullmq';
import { QueueUnavailableError } from '../core/errors.js';
import type { EnqueueOptions, JobQueue, JobToEnqueue, Logger } from '../core/ports.js';
import { addJobOnce } from './add-job-once.js';
import type { RedisConnection } from './connection.js';
import { withDeadline } from '../core/deadline.js';
import { assertValidJobId } from './job-id.js';
import { listJobs, type JobListState, type JobSummary } from './list-jobs.js';

export const DEFAULT_QUEUE_NAME = 'jobs';
export const DEFAULT_ATTEMPTS = 5;
/** First retry after 2 s, then 4, 8, 16 s (exponential `2^(n-1) * delay`), with jitter. */
export const DEFAULT_BACKOFF = { type: 'exponential', delay: 2_000, jitter: 0.2 } as const;
/** Finished jobs stay visible to `/kube jobs` for a while, bounded by age and count. */
export const RETENTION = {
  removeOnComplete: { age: 7 * 24 * 3600, count: 1_000 },
  removeOnFail: { age: 30 * 24 * 3600, count: 5_000 },
} as const;

/** BullMQ's priority for background jobs: every job without a priority is taken first. */
export const BACKGROUND_PRIORITY = 100;

/** Enqueue calls give up after this, so a Slack ack never waits on a dead Redis. */
const ENQUEUE_DEADLINE_MS = 1_500;
const PING_DEADLINE_MS = 1_000;
const LIST_DEADLINE_MS = 5_000;
const DOWN_STATUSES: ReadonlySet<string> = new Set(['reconnecting', 'close', 'end']);

export interface ScheduleOptions {
  /** Name of the jobs the scheduler produces (the processor key); defaults to the scheduler name. */
  jobName?: string;
}

/** The BullMQ-backed job queue plus what the web tier and the poller need around it. */
export interface BullJobQueue extends JobQueue {
  /** Creates or updates a job scheduler that adds `jobName` every `everyMs`. */
  schedule(name: string, everyMs: number, data: object, options?: ScheduleOptions): Promise<void>;
  unschedule(name: string): Promise<void>;
  /** Newest first across the given states, at most `limit`. */
  getJobs(states: readonly JobListState[], limit: number): Promise<JobSummary[]>;
  /** A job's state (`waiting`, `active`, `completed`...), or null when the queue has no such job. */
  jobState(jobId: string): Promise<string | null>;
  /** Redis answers PING (for /readyz). */
  isReady(): Promise<boolean>;
  /** BullMQ's own metrics in the Prometheus text format: jobs by state (getJobCounts), completed and failed totals. */
  prometheusText(): Promise<string>;
  /** Closes the BullMQ queue; the connection is closed by whoever created it. */
  close(): Promise<void>;
}

export interface JobQueueOptions {
  connection: RedisConnection;
  prefix: string;
  queueName?: string;
  logger: Logger;
  /** Base delay of the exponential retry backoff (default 2 s; tests shorten it). */
  backoffDelayMs?: number;
  /**
   * Return from enqueue once a replica has the new job (Redis WAIT), adding it again after a
   * failover: set with Sentinel, where a job written to a primary in the moment it is being
   * replaced would otherwise vanish with it.
   */
  waitForReplica?: boolean;
}

/** How long one WAIT for a replica lasts, and how long an enqueue keeps trying (a Sentinel failover takes a few seconds). */
const REPLICA_WAIT_MS = 250;
const REPLICA_DEADLINE_MS = 8_000;

/** Creates the producer side of the queue over an existing (producer) connection. */
export function createJobQueue(options: JobQueueOptions): BullJobQueue {
  const { connection, prefix } = options;
  const queueName = options.queueName ?? DEFAULT_QUEUE_NAME;
  const log = options.logger.child({ component: 'job-queue', queue: queueName });
  const queue = new Queue(queueName, { connection: connection.client, prefix });
  queue.on('error', (error: Error) => log.warn({ err: error.message }, 'queue error'));

  const unavailable = (cause?: unknown): QueueUnavailableError => new QueueUnavailableError({ cause });
  const guarded = async <T>(operation: string, run: () => Promise<T>, deadlineMs = ENQUEUE_DEADLINE_MS): Promise<T> => {
    // Once a connection was lost, BullMQ would wait for it to come back: fail now instead.
    // (A first connect still in progress gets the deadline.)
    if (DOWN_STATUSES.has(connection.client.status)) throw unavailable();
    try {
      return await withDeadline(run(), deadlineMs, () => unavailable());
    } catch (error) {
      if (error instanceof QueueUnavailableError) throw error;
      log.warn({ operation, err: error instanceof Error ? error.message : String(error) }, 'queue operation failed');
      throw unavailable(error);
    }
  };

  // A job written to a primary in the moment the Sentinels replace it is lost with it. Wait for a
  // replica to hold it; if none does, add it again (by its id: a no-op where it exists) through the
  // connection, which follows the failover, until one does. With no replica at all, go on unreplicated.
  const replicated = async (jobId: string, addAgain: () => Promise<unknown>): Promise<void> => {
    const deadline = Date.now() + REPLICA_DEADLINE_MS;
    for (;;) {
      const acknowledged = await connection.client.call('WAIT', '1', String(REPLICA_WAIT_MS)).then(Number, () => 0);
      if (acknowledged >= 1) return;
      if (Date.now() >= deadline) {
        log.warn({ jobId }, 'no replica acknowledged the new job; it is kept unreplicated');
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, REPLICA_WAIT_MS));
      await addAgain().catch(() => undefined);
    }
  };

  const toJobOptions = (opts: EnqueueOptions): JobsOptions & { jobId: string } => {
    assertValidJobId(opts.jobId);
    return {
      jobId: opts.jobId,
      attempts: opts.attempts ?? DEFAULT_ATTEMPTS,
      backoff: { ...DEFAULT_BACKOFF, delay: options.backoffDelayMs ?? DEFAULT_BACKOFF.delay },
      ...RETENTION,
      ...(opts.delayMs !== undefined && opts.delayMs > 0 ? { delay: opts.delayMs } : {}),
      ...(opts.background === true ? { priority: BACKGROUND_PRIORITY } : {}),
    };
  };

  return {
    async enqueue(name: string, data: object, opts: EnqueueOptions) {
      const jobOptions = toJobOptions(opts);
      const { created } = await guarded('enqueue', () => addJobOnce(queue, name, data, jobOptions));
      if (created && options.waitForReplica === true) await replicated(opts.jobId, () => addJobOnce(queue, name, data, jobOptions));
      log.debug({ jobId: opts.jobId, name, created }, created ? 'job enqueued' : 'job already enqueued');
      return { jobId: opts.jobId, created };
    },

    async enqueueMany(jobs: readonly JobToEnqueue[]) {
      if (jobs.length === 0) return;
      // One MULTI for all: BullMQ's add script leaves a job whose id exists as it is.
      const bulk = jobs.map((job) => ({ name: job.name, data: job.data, opts: toJobOptions(job.options) }));
      await guarded('enqueueMany', () => queue.addBulk(bulk));
      // One WAIT covers every write before it on the connection.
      if (options.waitForReplica === true) await replicated(bulk[0]?.opts.jobId ?? '', () => queue.addBulk(bulk));
      log.debug({ jobs: jobs.length }, 'jobs enqueued in bulk');
    },

    async schedule(name: string, everyMs: number, data: object, scheduleOptions: ScheduleOptions = {}) {
      if (!Number.isInteger(everyMs) || everyMs <= 0) throw new RangeError('everyMs must be a positive integer');
      await guarded('schedule', () =>
        queue.upsertJobScheduler(
          name,
          { every: everyMs },
          // A completed poll removes only itself; count/age trimming is set-wide, so failures
          // share the user jobs' policy rather than trimming their history.
          {
            name: scheduleOptions.jobName ?? name,
            data,
            opts: { attempts: 1, removeOnComplete: true, removeOnFail: RETENTION.removeOnFail },
          },
        ),
      );
    },

    async unschedule(name: string) {
      await guarded('unschedule', () => queue.removeJobScheduler(name));
    },

    getJobs(states: readonly JobListState[], limit: number) {
      return guarded('getJobs', () => listJobs(queue, states, limit), LIST_DEADLINE_MS);
    },

    async jobState(jobId: string) {
      const state = await guarded('jobState', () => queue.getJobState(jobId), LIST_DEADLINE_MS);
      return state === 'unknown' ? null : state;
    },

    prometheusText() {
      return guarded('metrics', () => queue.exportPrometheusMetrics(), LIST_DEADLINE_MS);
    },

    async isReady() {
      if (connection.client.status !== 'ready') return false;
      try {
        const answer = await withDeadline(connection.client.ping(), PING_DEADLINE_MS, () => new Error('ping timed out'));
        return answer === 'PONG';
      } catch {
        return false;
      }
    },

    async close() {
      await queue.close();
    },
  };
}
