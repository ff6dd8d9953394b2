/**
 * Job throughput: no-op jobs through our queue layer (createJobQueue + startWorkers, with
 * dedupe, runtime adapter and error mapping) against bare BullMQ (Queue.addBulk + Worker),
 * on the same Redis, same concurrency. Prints jobs/s and the ratio.
 */
import { randomBytes } from 'node:crypto';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { createSilentLogger } from '../src/logging/logger.js';
import { createJobQueue } from '../src/queue/job-queue.js';
import { createRedisConnection } from '../src/queue/connection.js';
import { startWorkers } from '../src/queue/run-workers.js';
import { ratioLine } from './stats.js';

const JOBS = 3000;
const CONCURRENCY = 8;
const redisUrl = process.argv[2] ?? 'redis://127.0.0.1:6379';
const logger = createSilentLogger();

async function bare(): Promise<number> {
  const prefix = `bench-bare-${randomBytes(4).toString('hex')}`;
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue('jobs', { connection, prefix });
  let done = 0;
  let finish: () => void = () => undefined;
  const all = new Promise<void>((resolve) => (finish = resolve));
  const started = performance.now();
  // BullMQ leaves a connection it was given open on close(): keep it, to disconnect it (an open socket kept `npm run bench` from exiting).
  const workerConnection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const worker = new Worker('jobs', async () => undefined, {
    connection: workerConnection,
    prefix,
    concurrency: CONCURRENCY,
  });
  worker.on('completed', () => {
    if (++done === JOBS) finish();
  });
  for (let i = 0; i < JOBS; i += 500) {
    await queue.addBulk(
      Array.from({ length: Math.min(500, JOBS - i) }, (_, k) => ({ name: 'noop', data: { i: i + k }, opts: { jobId: `noop-${i + k}` } })),
    );
  }
  await all;
  const seconds = (performance.now() - started) / 1000;
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  connection.disconnect();
  workerConnection.disconnect();
  return JOBS / seconds;
}

async function ours(): Promise<number> {
  const prefix = `bench-ours-${randomBytes(4).toString('hex')}`;
  const connection = createRedisConnection(redisUrl, 'producer', logger);
  const queue = createJobQueue({ connection, prefix, logger });
  let done = 0;
  let finish: () => void = () => undefined;
  const all = new Promise<void>((resolve) => (finish = resolve));
  const started = performance.now();
  const workers = await startWorkers({
    url: redisUrl,
    prefix,
    processors: { noop: async () => (++done === JOBS ? finish() : undefined) },
    concurrency: CONCURRENCY,
    logger,
  });
  for (let i = 0; i < JOBS; i += 100) {
    await Promise.all(
      Array.from({ length: Math.min(100, JOBS - i) }, (_, k) => queue.enqueue('noop', { i: i + k }, { jobId: `noop-${i + k}` })),
    );
  }
  await all;
  const seconds = (performance.now() - started) / 1000;
  await workers.close();
  await queue.close();
  const cleanup = new Queue('jobs', { connection: connection.client, prefix });
  await cleanup.obliterate({ force: true });
  await cleanup.close();
  await connection.close();
  return JOBS / seconds;
}

const baseline = await bare();
const measured = await ours();
console.log(ratioLine(`job throughput (${JOBS} no-op jobs)`, measured, baseline, 'jobs/s'));
