import { BotError, NotFoundError, UpstreamError, UsageError } from '../../../src/core/errors.js';
import { failureReference } from '../../../src/core/failure-reference.js';
import { createLogger } from '../../../src/logging/logger.js';
import { renderErrorMessage } from '../../../src/render/error-message.js';
import { rescheduleIn } from '../../../src/queue/reschedule.js';
import { createHarness, type Harness } from './harness.js';
import { eventually, signal } from './queue-test-kit.js';

interface FinalFailure {
  name: string;
  data: unknown;
  error: unknown;
}

describe('worker failures, retries and reschedules on real Redis', () => {
  let h: Harness;
  let finalFailures: FinalFailure[];
  const onFinalFailure = async (name: string, data: unknown, error: unknown) => {
    finalFailures.push({ name, data, error });
  };

  beforeEach(() => {
    h = createHarness({ backoffDelayMs: 10 });
    finalFailures = [];
  });

  afterEach(async () => {
    await h.teardown();
  });

  const failedJobs = async () => (await h.queue.getJobs(['failed'], 10)).map((j) => ({ id: j.id, failedReason: j.failedReason }));

  it('fails a job that throws a non-retryable BotError after one run, and reports it once', async () => {
    let runs = 0;
    const missing = new NotFoundError('No cluster named prod.');
    await h.startWorkers(
      {
        show: async () => {
          runs += 1;
          throw missing;
        },
      },
      { onFinalFailure },
    );

    await h.queue.enqueue('show', { cluster: 'prod' }, { jobId: 'show-1', attempts: 3 });
    await eventually(() => finalFailures.length === 1);

    expect(runs).toBe(1);
    expect(finalFailures).toEqual([{ name: 'show', data: { cluster: 'prod' }, error: missing }]);
    expect(await failedJobs()).toEqual([{ id: 'show-1', failedReason: 'not_found: No cluster named prod.' }]);
  });

  it('logs a refused request at info and a real failure at error', async () => {
    const lines: string[] = [];
    const logger = createLogger('info', { write: (line: string) => void lines.push(line) });
    const refusal = new UsageError(
      '`dev-a` is UPDATE_IN_PROGRESS: Magnum upgrades a cluster only from CREATE_COMPLETE or UPDATE_COMPLETE. Wait for the current operation to end.',
    );
    const outage = new UpstreamError('upstream_unavailable', 'Magnum is unavailable.', {
      service: 'magnum',
      status: 503,
      retryable: false,
    });
    await h.startWorkers(
      {
        upgrade: async () => {
          throw refusal;
        },
        list: async () => {
          throw outage;
        },
      },
      { onFinalFailure, logger },
    );

    await h.queue.enqueue('upgrade', { cluster: 'dev-a' }, { jobId: 'upgrade-1' });
    await h.queue.enqueue('list', {}, { jobId: 'list-1' });
    // The requester is told inside the last attempt; BullMQ's 'failed' (the error log) comes after.
    await eventually(() => finalFailures.length === 2 && lines.some((l) => l.includes('job failed for good')));

    const byJob = (name: string) =>
      lines.map((l) => JSON.parse(l) as { level: number; msg: string; job?: string; code?: string }).filter((l) => l.job === name);
    expect(byJob('upgrade').map((l) => [l.level, l.msg, l.code])).toEqual([[30, 'job refused', 'usage_invalid_args']]);
    expect(
      byJob('list')
        .filter((l) => l.level >= 50)
        .map((l) => [l.msg, l.code]),
    ).toEqual([['job failed for good', 'upstream_unavailable']]);
    // The requester still hears about both.
    expect(finalFailures.map((f) => f.error)).toEqual(expect.arrayContaining([refusal, outage]));
  });

  it('retries a retryable error until the attempts are used up, then reports it once', async () => {
    const attempts: Array<{ attemptsMade: number; isFinalAttempt: boolean }> = [];
    const outage = new UpstreamError('upstream_unavailable', 'Magnum is unavailable.', { service: 'magnum', status: 503 });
    await h.startWorkers(
      {
        list: async (_data, runtime) => {
          attempts.push({ attemptsMade: runtime.attemptsMade, isFinalAttempt: runtime.isFinalAttempt });
          throw outage;
        },
      },
      { onFinalFailure },
    );

    await h.queue.enqueue('list', {}, { jobId: 'list-1', attempts: 3 });
    await eventually(() => finalFailures.length === 1);

    expect(attempts).toEqual([
      { attemptsMade: 0, isFinalAttempt: false },
      { attemptsMade: 1, isFinalAttempt: false },
      { attemptsMade: 2, isFinalAttempt: true },
    ]);
    expect(finalFailures).toEqual([{ name: 'list', data: {}, error: outage }]);
  });

  it('completes a job whose retry succeeds, without reporting a failure', async () => {
    let runs = 0;
    const done = signal();
    await h.startWorkers(
      {
        flaky: async () => {
          runs += 1;
          if (runs === 1) throw new Error('socket hang up');
          done.resolve();
          return 'ok';
        },
      },
      { onFinalFailure },
    );

    await h.queue.enqueue('flaky', {}, { jobId: 'flaky-1', attempts: 3 });
    await done.promise;
    await eventually(async () => (await h.queue.getJobs(['completed'], 10)).length === 1);

    expect({ runs, finalFailures }).toEqual({ runs: 2, finalFailures: [] });
  });

  it('tells a final failure inside the last attempt, before the job is failed, with a key the same on every run', async () => {
    const told: Array<{ key: string; states: string[] }> = [];
    const tell = async (_name: string, _data: unknown, _error: unknown, key: string) => {
      // A worker killed here must leave the job to be run again, not failed and never told.
      told.push({ key, states: (await h.queue.getJobs(['active', 'failed'], 10)).map((j) => j.state) });
    };
    await h.startWorkers({ show: async () => Promise.reject(new NotFoundError('No cluster named prod.')) }, { onFinalFailure: tell });

    await h.queue.enqueue('show', {}, { jobId: 'show-2', attempts: 3 });
    await eventually(async () => (await failedJobs()).length === 1);

    const [job] = await h.queue.getJobs(['failed'], 1);
    expect(told).toEqual([{ key: `show-2@${job?.timestamp}/failed`, states: ['active'] }]);
  });

  it('logs a final failure with the reference its message shows the user', async () => {
    const lines: string[] = [];
    const logger = createLogger('info', { write: (line: string) => void lines.push(line) });
    const keys: string[] = [];
    const tell = async (_name: string, _data: unknown, _error: unknown, key: string) => void keys.push(key);
    const outage = new UpstreamError('upstream_unavailable', 'Magnum is unavailable.', {
      service: 'magnum',
      status: 503,
      retryable: false,
    });
    await h.startWorkers({ list: async () => Promise.reject(outage) }, { onFinalFailure: tell, logger });

    await h.queue.enqueue('list', {}, { jobId: 'list-ref' });
    await eventually(() => keys.length === 1);

    const logged = lines
      .map((l) => JSON.parse(l) as { msg: string; final?: boolean; ref?: string })
      .find((l) => l.msg === 'job attempt failed');
    expect(logged).toMatchObject({ final: true, ref: failureReference(keys[0] ?? '') });
    expect(renderErrorMessage(outage, logged?.ref ?? '').blocks?.[1]).toMatchObject({
      elements: [expect.objectContaining({ text: expect.stringContaining(`ref ${failureReference(keys[0] ?? '')}`) })],
    });
  });

  it('fails a job with no processor for its name at once and reports it', async () => {
    await h.startWorkers({}, { onFinalFailure });

    await h.queue.enqueue('mystery', { a: 1 }, { jobId: 'mystery-1', attempts: 3 });
    await eventually(() => finalFailures.length === 1);

    expect(finalFailures.map((f) => f.name)).toEqual(['mystery']);
    expect(await failedJobs()).toEqual([{ id: 'mystery-1', failedReason: 'no processor for job name "mystery"' }]);
  });

  it('runs a rescheduled step job again with its new data without using up attempts', async () => {
    const seen: Array<{ data: unknown; attemptsMade: number }> = [];
    await h.startWorkers(
      {
        wait: async (data, runtime) => {
          seen.push({ data, attemptsMade: runtime.attemptsMade });
          const step = (data as { step: number }).step;
          return step < 3 ? rescheduleIn(10, { step: step + 1 }) : { finishedAt: step };
        },
      },
      { onFinalFailure },
    );

    await h.queue.enqueue('wait', { step: 0 }, { jobId: 'wait-1', attempts: 1 });
    await eventually(async () => (await h.queue.getJobs(['completed'], 10)).length === 1);

    expect(seen).toEqual([0, 1, 2, 3].map((step) => ({ data: { step }, attemptsMade: 0 })));
    expect(finalFailures).toEqual([]);
  });

  it('persists data updated by a failed attempt so the retry resumes from it', async () => {
    const seen: unknown[] = [];
    await h.startWorkers({
      resume: async (data, runtime) => {
        seen.push(data);
        if (runtime.attemptsMade === 0) {
          await runtime.updateData({ step: 'created', anchorTs: '1.2' });
          throw new BotError('upstream_unavailable', 'Try again.', { retryable: true });
        }
      },
    });

    await h.queue.enqueue('resume', { step: 'start' }, { jobId: 'resume-1', attempts: 2 });
    await eventually(async () => (await h.queue.getJobs(['completed'], 10)).length === 1);

    expect(seen).toEqual([{ step: 'start' }, { step: 'created', anchorTs: '1.2' }]);
  });

  it('waits for a running job when closing', async () => {
    const started = signal();
    const release = signal();
    let finished = false;
    const workers = await h.startWorkers({
      slow: async () => {
        started.resolve();
        await release.promise;
        finished = true;
      },
    });
    await h.queue.enqueue('slow', {}, { jobId: 'slow-1' });
    await started.promise;

    const closed = workers.close();
    release.resolve();
    await closed;

    expect(finished).toBe(true);
    expect((await h.queue.getJobs(['completed'], 10)).map((j) => j.id)).toEqual(['slow-1']);
  });
});
