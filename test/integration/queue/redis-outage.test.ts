import { fileURLToPath } from 'node:url';
import { QueueUnavailableError } from '../../../src/core/errors.js';
import { createLogger } from '../../../src/logging/logger.js';
import { createRedisConnection } from '../../../src/queue/connection.js';
import { createJobQueue } from '../../../src/queue/job-queue.js';
import { forkTypeScript, killChild } from '../../helpers/child-process.js';
import { createHarness } from './harness.js';
import { startPrivateRedis, type PrivateRedis } from '../../helpers/private-redis.js';
import { eventually, silentLogger, signal, uniquePrefix } from './queue-test-kit.js';

const CLOSING_WORKER = fileURLToPath(new URL('./fixtures/closing-worker.ts', import.meta.url));

describe('when Redis is unreachable', () => {
  it('rejects enqueue with QueueUnavailableError and reports not ready, with nothing listening on the port', async () => {
    const connection = createRedisConnection('redis://127.0.0.1:1', 'producer', silentLogger);
    const queue = createJobQueue({ connection, prefix: uniquePrefix(), logger: silentLogger });
    try {
      await expect(queue.enqueue('greet', {}, { jobId: 'never' })).rejects.toBeInstanceOf(QueueUnavailableError);
      await expect(queue.enqueue('greet', {}, { jobId: 'never' })).rejects.toMatchObject({ code: 'queue_unavailable', retryable: true });
      expect(await queue.isReady()).toBe(false);
    } finally {
      await queue.close();
      await connection.close();
    }
  });
});

describe('redis connection logging', () => {
  it('logs a connection failure once, without the password', async () => {
    const lines: string[] = [];
    const logger = createLogger('debug', { write: (line: string) => void lines.push(line) });
    const connection = createRedisConnection('redis://bot:s3cret@127.0.0.1:1/0', 'producer', logger);
    let attempts = 0;
    connection.client.on('error', () => (attempts += 1));
    try {
      await eventually(() => attempts >= 3);
    } finally {
      await connection.close();
    }

    const errors = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === 'redis connection error');
    expect(errors.map((l) => ({ code: l.code, redis: l.redis, role: l.role }))).toEqual([
      { code: 'ECONNREFUSED', redis: 'redis://bot:redacted@127.0.0.1:1/0', role: 'producer' },
    ]);
    expect(lines.join('\n')).not.toContain('s3cret');
  });
});

describe('when Redis stops and starts again', () => {
  let redis: PrivateRedis;

  beforeEach(async () => {
    redis = await startPrivateRedis({ appendOnly: true });
  });

  afterEach(async () => {
    await redis.stop();
  });

  it('rejects enqueue while it is down and accepts jobs once it is back', async () => {
    const h = createHarness({ url: redis.url });
    try {
      await h.queue.enqueue('greet', {}, { jobId: 'before' });
      await redis.kill();

      await expect(h.queue.enqueue('greet', {}, { jobId: 'during' })).rejects.toBeInstanceOf(QueueUnavailableError);
      expect(await h.queue.isReady()).toBe(false);

      await redis.start();
      await eventually(() => h.queue.isReady(), 100);
      expect(await h.queue.enqueue('greet', {}, { jobId: 'after' })).toEqual({ jobId: 'after', created: true });
      expect((await h.queue.getJobs(['waiting'], 10)).map((j) => j.id).sort()).toEqual(['after', 'before']);
    } finally {
      await h.teardown();
    }
  });

  it('keeps its jobs across the restart and the worker reconnects to run them', async () => {
    const h = createHarness({ url: redis.url });
    const ran: string[] = [];
    const firstRan = signal();
    try {
      await h.startWorkers({
        note: async (_data, runtime) => {
          ran.push(runtime.jobId);
          firstRan.resolve();
        },
      });
      await h.queue.enqueue('note', {}, { jobId: 'first' });
      await firstRan.promise;
      // Due after the restart: it must survive in Redis's append-only file.
      await h.queue.enqueue('note', {}, { jobId: 'kept', delayMs: 1_500 });

      await redis.kill();
      await redis.start();
      await eventually(() => h.queue.isReady(), 100);
      await h.queue.enqueue('note', {}, { jobId: 'after-restart' });
      await eventually(() => ran.length === 3, 100);

      expect(ran.sort()).toEqual(['after-restart', 'first', 'kept']);
    } finally {
      await h.teardown();
    }
  });

  it('serves a producer and a worker that started before Redis was up', async () => {
    await redis.kill();
    const h = createHarness({ url: redis.url });
    const ran = signal<string>();
    try {
      await h.startWorkers({ note: async (_data, runtime) => ran.resolve(runtime.jobId) });
      await expect(h.queue.enqueue('note', {}, { jobId: 'too-early' })).rejects.toBeInstanceOf(QueueUnavailableError);

      await redis.start();
      await eventually(() => h.queue.isReady(), 100);
      await h.queue.enqueue('note', {}, { jobId: 'on-time' });

      expect(await ran.promise).toEqual('on-time');
    } finally {
      await h.teardown();
    }
  });

  it('lets a worker process shut down cleanly on SIGTERM while Redis is down', async () => {
    const child = forkTypeScript(CLOSING_WORKER, [redis.url, uniquePrefix()]);
    const messages: unknown[] = [];
    const ready = signal();
    // 'close' comes after the exit and the end of the child's stdout, where it writes 'closed'.
    const closed = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
    let stdout = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.on('message', (message) => {
      messages.push(message);
      if (message === 'ready') ready.resolve();
    });
    try {
      await ready.promise;
      await redis.kill();
      child.kill('SIGTERM');

      // 0: the worker's close returned within the shutdown deadline (1 would mean it timed out).
      expect(await closed).toBe(0);
      expect(messages).toEqual(['ready']);
      expect(stdout.split('\n')).toContain('closed');
    } finally {
      await killChild(child);
    }
  });
});
