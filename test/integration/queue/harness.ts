/** One queue under a unique prefix, with its producer and workers, torn down in one call. */
import type { JobProcessor } from '../../../src/core/job.js';
import { createRedisConnection } from '../../../src/queue/connection.js';
import { createJobQueue, type BullJobQueue } from '../../../src/queue/job-queue.js';
import { startWorkers, type StartWorkersOptions } from '../../../src/queue/run-workers.js';
import { deletePrefix, REDIS_URL, silentLogger, uniquePrefix } from './queue-test-kit.js';

export interface Harness {
  url: string;
  prefix: string;
  queue: BullJobQueue;
  startWorkers(
    processors: Record<string, JobProcessor>,
    extra?: Partial<Omit<StartWorkersOptions, 'processors'>>,
  ): Promise<{ close(): Promise<void> }>;
  teardown(): Promise<void>;
}

export function createHarness(options: { url?: string; backoffDelayMs?: number } = {}): Harness {
  const url = options.url ?? REDIS_URL;
  const prefix = uniquePrefix();
  const connection = createRedisConnection(url, 'producer', silentLogger);
  const queue = createJobQueue({ connection, prefix, logger: silentLogger, backoffDelayMs: options.backoffDelayMs ?? 10 });
  const closers: Array<() => Promise<void>> = [];
  return {
    url,
    prefix,
    queue,
    async startWorkers(processors, extra = {}) {
      const workers = await startWorkers({ url, prefix, processors, concurrency: 2, logger: silentLogger, ...extra });
      closers.push(() => workers.close());
      return workers;
    },
    async teardown() {
      for (const close of closers.reverse()) await close();
      await queue.close();
      await connection.close();
      await deletePrefix(url, prefix);
    },
  };
}
