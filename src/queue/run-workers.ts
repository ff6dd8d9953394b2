import { DelayedError, MetricsTime, UnrecoverableError, Worker, type Job } from 'bullmq';
import { isRefusal } from '../core/errors.js';
import { failureReference } from '../core/failure-reference.js';
import { postKey, type JobProcessor } from '../core/job.js';
import type { JobMetrics, Logger } from '../core/ports.js';
import { createRedisConnection, type RedisConnection, type RedisTarget } from './connection.js';
import { withDeadline } from '../core/deadline.js';
import { errorFields, isFinalFailure, originalError, toWorkerError } from './failure.js';
import { DEFAULT_QUEUE_NAME } from './job-queue.js';
import { toJobRuntime, totalAttempts } from './job-runtime.js';
import { asRescheduleRequest } from './reschedule.js';

/** Lock and stall defaults: step jobs keep each run short, so 30 s locks leave ample room. */
export const WORKER_DEFAULTS = { lockDurationMs: 30_000, stalledIntervalMs: 30_000, maxStalledCount: 2 } as const;
const READY_WAIT_MS = 2_000;
const FORCED_CLOSE_WAIT_MS = 2_000;

export interface StartWorkersOptions {
  /** Redis: a URL or a Sentinel group. */
  url: RedisTarget;
  prefix: string;
  queueName?: string;
  /** By job name. */
  processors: Record<string, JobProcessor>;
  concurrency: number;
  logger: Logger;
  /**
   * Called when a job's last attempt failed (or it failed unrecoverably), inside that attempt:
   * the job is marked failed only after it returns, so a worker killed while it runs has the
   * attempt run again and the hook called again; `key` is the same on both (a keyed post).
   */
  onFinalFailure?: (name: string, data: unknown, error: unknown, key: string) => Promise<void>;
  lockDurationMs?: number;
  stalledIntervalMs?: number;
  /** Stalls (worker died or blocked) tolerated before the job fails. */
  maxStalledCount?: number;
  /** Where each run's time in the queue is counted. */
  metrics?: Pick<JobMetrics, 'waited'>;
}

export interface RunningWorkers {
  /** Stops taking jobs, waits for the running ones, then closes Redis. */
  close(): Promise<void>;
}

/** Starts a BullMQ worker over its own connection that runs `processors` by job name. */
export async function startWorkers(options: StartWorkersOptions): Promise<RunningWorkers> {
  const queueName = options.queueName ?? DEFAULT_QUEUE_NAME;
  const log = options.logger.child({ component: 'worker', queue: queueName });
  const connection = createRedisConnection(options.url, 'worker', options.logger);
  // Told before BullMQ marks the job failed: told after, a worker killed in between lost it.
  const tellFinalFailure = async (job: Job, thrown: unknown, key: string): Promise<void> => {
    await options.onFinalFailure?.(job.name, job.data, thrown, key).catch((hookError: unknown) => {
      log.error({ jobId: job.id, ...errorFields(hookError) }, 'final failure hook failed');
    });
  };

  const runJob = async (job: Job, token?: string): Promise<unknown> => {
    const processor = Object.hasOwn(options.processors, job.name) ? options.processors[job.name] : undefined;
    if (processor === undefined) {
      log.error({ jobId: job.id, job: job.name }, 'no processor for job name');
      const error = new UnrecoverableError(`no processor for job name "${job.name}"`);
      await tellFinalFailure(job, error, postKey(toJobRuntime(job, log), 'failed'));
      throw error;
    }
    const waitMs = queueWaitMs(job, Date.now());
    if (waitMs !== undefined) options.metrics?.waited(job.name, waitMs);
    const runtime = toJobRuntime(job, log);
    let result: unknown;
    try {
      result = await processor(job.data, runtime);
    } catch (thrown) {
      const error = toWorkerError(thrown);
      const final = isFinalFailure(job.attemptsMade + 1, totalAttempts(job.opts.attempts), error);
      // A refusal (another operation under way, no such cluster) is the answer the user gets, not a failure.
      const key = postKey(runtime, 'failed');
      // A final failure's log line carries the reference its message shows the user.
      const ref = final ? { ref: failureReference(key) } : {};
      if (isRefusal(thrown)) runtime.log.info({ ...errorFields(thrown), ...ref }, 'job refused');
      else runtime.log.warn({ ...errorFields(thrown), final, ...ref }, 'job attempt failed');
      if (final) await tellFinalFailure(job, thrown, key);
      throw error;
    }
    const reschedule = asRescheduleRequest(result);
    if (reschedule === undefined) {
      runtime.log.debug({}, 'job completed');
      return result;
    }
    if (token === undefined) throw new Error('cannot reschedule a job without its lock token');
    if (reschedule.data !== undefined) await job.updateData(reschedule.data);
    const dueAt = Date.now() + reschedule.rescheduleInMs;
    // The next run's queue wait is measured from here (BullMQ keeps only the first timestamp).
    await job.updateProgress({ dueAt, attemptsMade: job.attemptsMade } satisfies DueMark);
    // moveToDelayed skips the attempt count; DelayedError tells the worker the job has moved.
    await job.moveToDelayed(dueAt, token);
    runtime.log.debug({ inMs: reschedule.rescheduleInMs }, 'job rescheduled');
    throw new DelayedError();
  };

  const worker = new Worker(queueName, runJob, {
    connection: connection.client,
    prefix: options.prefix,
    concurrency: options.concurrency,
    lockDuration: options.lockDurationMs ?? WORKER_DEFAULTS.lockDurationMs,
    stalledInterval: options.stalledIntervalMs ?? WORKER_DEFAULTS.stalledIntervalMs,
    maxStalledCount: options.maxStalledCount ?? WORKER_DEFAULTS.maxStalledCount,
    // BullMQ's own completed/failed counters (Queue.getMetrics), exported on /metrics; an hour of per-minute points (the totals are kept regardless).
    metrics: { maxDataPoints: MetricsTime.ONE_HOUR },
  });
  worker.on('error', (error: Error) => log.warn({ err: error.message }, 'worker error'));
  worker.on('stalled', (jobId: string) => log.warn({ jobId }, 'job stalled, returned to the queue'));
  worker.on('failed', (job: Job | undefined, error: Error) => {
    if (job === undefined || !isFinalFailure(job.attemptsMade, totalAttempts(job.opts.attempts), error)) return;
    const cause = originalError(error);
    // A refusal was logged (at info) when it was thrown: the user is answered, the job is no failure of the bot.
    if (!isRefusal(cause)) log.error({ jobId: job.id, job: job.name, ...errorFields(cause) }, 'job failed for good');
  });

  try {
    await withDeadline(worker.waitUntilReady(), READY_WAIT_MS, () => new Error('redis not ready'));
  } catch {
    log.warn({ redis: connection.safeUrl }, 'worker started before redis is reachable; it keeps retrying');
  }

  let closing: Promise<void> | undefined;
  return {
    close() {
      closing ??= (async () => {
        // BullMQ 6.7's graceful close waits for its blocking connection to end, which never
        // happens while ioredis is reconnecting. With Redis down, force-close (running jobs
        // could not record their outcome anyway; they stall and are retried once Redis is
        // back); if Redis goes down mid-close, stop waiting.
        if (connection.client.status !== 'ready') {
          log.warn({ redis: connection.safeUrl }, 'redis is down: closing the worker without waiting for running jobs');
          await settleWithin(worker.close(true), FORCED_CLOSE_WAIT_MS);
        } else {
          const outcome = await Promise.race([worker.close().then(() => 'closed' as const), whenDown(connection.client)]);
          if (outcome === 'down') log.warn({ redis: connection.safeUrl }, 'redis went down while closing the worker');
        }
        // A close cut short by Redis going down leaves BullMQ's blocking connection (its own
        // ioredis client) reconnecting forever, which keeps the process alive: end it too.
        await settleWithin(worker.disconnect(), FORCED_CLOSE_WAIT_MS);
        await connection.close();
      })();
      return closing;
    },
  };
}

/** What a rescheduled job carries in its progress: when its next run is due, for that attempt. */
interface DueMark {
  dueAt: number;
  attemptsMade: number;
}

/**
 * How long this run waited after it was due: from the add (plus its delay) for a first run,
 * from the reschedule for a step job's next run; undefined for a retry after a failure
 * (BullMQ does not record when the backoff began).
 */
export function queueWaitMs(
  job: Pick<Job, 'timestamp' | 'opts' | 'attemptsMade' | 'progress' | 'processedOn'>,
  nowMs: number,
): number | undefined {
  const startedAt = job.processedOn ?? nowMs;
  const mark = job.progress as Partial<DueMark> | number | boolean | string | undefined;
  if (typeof mark === 'object' && mark !== null && typeof mark.dueAt === 'number' && mark.attemptsMade === job.attemptsMade) {
    return Math.max(0, startedAt - mark.dueAt);
  }
  if (job.attemptsMade > 0) return undefined;
  return Math.max(0, startedAt - job.timestamp - (job.opts.delay ?? 0));
}

/**
 * Waits for `promise` to settle, at most `ms`; its outcome is not needed, only that it stops.
 * The timer keeps the process alive: a close that hangs once every connection has ended would
 * otherwise let the process run out of work and exit (code 0) in the middle of its shutdown,
 * before the steps after this one (seen: 1 SIGTERM in 4 with Redis down).
 */
async function settleWithin(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const elapsed = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  await Promise.race([promise.then(noop, noop), elapsed]);
  clearTimeout(timer);
}

function noop(): void {}

/** Resolves 'down' once the connection is not (or no longer) ready. */
function whenDown(client: RedisConnection['client']): Promise<'down'> {
  return new Promise((resolve) => {
    if (client.status !== 'ready') {
      resolve('down');
      return;
    }
    const onDown = () => {
      client.off('close', onDown);
      client.off('end', onDown);
      resolve('down');
    };
    client.on('close', onDown);
    client.on('end', onDown);
  });
}
