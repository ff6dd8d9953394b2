import type { JobQueue, Logger } from '../core/ports.js';
import type { RedisEpoch } from './redis-epoch.js';

/** A job this process queued for someone, remembered in this process (not in Redis) until it starts. */
export interface AcceptedJob {
  id: string;
  name: string;
  channel: string;
  user: string;
  threadTs?: string;
  cluster?: string;
  /** Epoch ms when it was queued. */
  at: number;
}

export interface LostJobWatchOptions {
  /** The marker Redis keeps for as long as it keeps its data: asked every round, remembered for each job queued. */
  epoch: RedisEpoch;
  /** The job's state in the queue, or null when the queue has no such job. */
  jobState(jobId: string): Promise<string | null>;
  /** Told once per round about the jobs that Redis lost with its data. */
  onLost(jobs: readonly AcceptedJob[]): Promise<void>;
  logger: Logger;
  /** How often it looks (default 5 s). */
  intervalMs?: number;
  /** Jobs remembered at most (the oldest are forgotten first; default 10,000). */
  maxJobs?: number;
}

export interface LostJobWatch {
  /** The marker Redis holds (read before queuing a job, so that no restart falls in between unseen; no round trip while connected). */
  epoch(): Promise<string>;
  /** Remembers a job just queued for a user, with the marker read before it was queued. */
  remember(job: AcceptedJob, epoch: string): void;
  /** One round: notices a Redis that lost its data, tells about the jobs gone with it, forgets started ones. */
  check(): Promise<void>;
  close(): void;
}

interface Remembered {
  job: AcceptedJob;
  epoch: string;
}

/** Jobs asked about at once: enough to make a round trip count, few enough to keep the replies small. */
const STATE_BATCH = 500;

/** States in which a job has not started: Redis losing its data loses it without anyone having run it. */
const NOT_STARTED = new Set(['waiting', 'delayed', 'prioritized', 'waiting-children']);

/**
 * Notices jobs lost to a Redis restarted without persistence, which nobody would otherwise tell:
 * the jobs this process queued are remembered here (not in Redis) until they start, each with the
 * marker Redis held when it took them, a random value that lives as long as Redis keeps its data.
 * A remembered job the queue no longer has, while Redis holds another marker, was lost with that
 * data, and `onLost` tells its requester. A job that started is forgotten (its worker reports how
 * it ends); what a restart of this process forgets cannot be told.
 */
export function createLostJobWatch(options: LostJobWatchOptions): LostJobWatch {
  const jobs = new Map<string, Remembered>();
  const maxJobs = options.maxJobs ?? 10_000;
  let running = false;

  // Asked all at once (pipelined on the one connection), a batch at a time: one round trip per batch, not per job.
  async function statesOf(entries: Array<[string, Remembered]>): Promise<Array<[string, Remembered, string | null]>> {
    const states: Array<[string, Remembered, string | null]> = [];
    for (let i = 0; i < entries.length; i += STATE_BATCH) {
      const batch = entries.slice(i, i + STATE_BATCH);
      const answers = await Promise.all(batch.map(([id]) => options.jobState(id)));
      batch.forEach(([id, remembered], k) => states.push([id, remembered, answers[k] ?? null]));
    }
    return states;
  }

  async function check(): Promise<void> {
    if (running || jobs.size === 0) return;
    running = true;
    try {
      const epoch = await options.epoch.current();
      const lost: AcceptedJob[] = [];
      for (const [id, remembered, state] of await statesOf([...jobs])) {
        if (state !== null && NOT_STARTED.has(state)) continue;
        jobs.delete(id);
        // Gone from the Redis that took it: it ran and was cleaned up. Gone with that Redis's data: lost.
        if (state === null && remembered.epoch !== epoch) lost.push(remembered.job);
      }
      if (lost.length > 0) {
        options.logger.warn({ lost: lost.length }, 'jobs lost with Redis data (restarted without persistence); telling their requesters');
        await options.onLost(lost);
      }
    } catch (error) {
      // Redis down: look again next round.
      options.logger.debug({ err: error }, 'lost-job check skipped');
    } finally {
      running = false;
    }
  }

  const timer = setInterval(() => void check(), options.intervalMs ?? 5_000);
  timer.unref();
  return {
    epoch: () => options.epoch.remembered(),
    remember(job, epoch) {
      jobs.set(job.id, { job, epoch });
      for (const id of jobs.keys()) {
        if (jobs.size <= maxJobs) break;
        jobs.delete(id);
      }
    },
    check,
    close: () => clearInterval(timer),
  };
}

/** The queue, remembering each new job that carries a requester (channel and user) in `watch`. */
export function rememberingQueue<Q extends JobQueue>(queue: Q, watch: Pick<LostJobWatch, 'epoch' | 'remember'>, now: () => number): Q {
  return {
    ...queue,
    async enqueue(name, data, options) {
      const origin = data as { channel?: unknown; user?: unknown; threadTs?: unknown; cluster?: unknown };
      const forSomeone = typeof origin.channel === 'string' && typeof origin.user === 'string';
      // Read first: a restart between this and the add leaves the job in the new Redis, never lost unseen.
      const epoch = forSomeone ? await watch.epoch().catch(() => null) : null;
      const result = await queue.enqueue(name, data, options);
      if (result.created && epoch !== null && typeof origin.channel === 'string' && typeof origin.user === 'string') {
        watch.remember(
          {
            id: result.jobId,
            name,
            channel: origin.channel,
            user: origin.user,
            ...(typeof origin.threadTs === 'string' ? { threadTs: origin.threadTs } : {}),
            ...(typeof origin.cluster === 'string' ? { cluster: origin.cluster } : {}),
            at: now(),
          },
          epoch,
        );
      }
      return result;
    },
  };
}
