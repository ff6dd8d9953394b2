import type { JobRuntime } from '../../../src/core/job.js';
import { createHarness, type Harness } from './harness.js';
import { eventually, signal } from './queue-test-kit.js';

describe('job queue on real Redis', () => {
  let h: Harness;

  beforeEach(() => {
    h = createHarness();
  });

  afterEach(async () => {
    await h.teardown();
  });

  it('runs an enqueued job with its data and a runtime describing the first attempt', async () => {
    const seen = signal<{ data: unknown; runtime: Omit<JobRuntime, 'log' | 'updateData'> }>();
    await h.startWorkers({
      greet: async (data, runtime) => {
        seen.resolve({
          data,
          runtime: { jobId: runtime.jobId, name: runtime.name, attemptsMade: runtime.attemptsMade, isFinalAttempt: runtime.isFinalAttempt },
        });
        return 'done';
      },
    });

    const result = await h.queue.enqueue('greet', { who: 'ops' }, { jobId: 'greet-1', attempts: 2 });

    expect(result).toEqual({ jobId: 'greet-1', created: true });
    expect(await seen.promise).toEqual({
      data: { who: 'ops' },
      runtime: { jobId: 'greet-1', name: 'greet', attemptsMade: 0, isFinalAttempt: false },
    });
  });

  it('enqueues a job id once and reports the second enqueue as not created', async () => {
    const first = await h.queue.enqueue('greet', { n: 1 }, { jobId: 'same-id' });
    const second = await h.queue.enqueue('greet', { n: 2 }, { jobId: 'same-id' });

    expect([first, second]).toEqual([
      { jobId: 'same-id', created: true },
      { jobId: 'same-id', created: false },
    ]);
    const jobs = await h.queue.getJobs(['waiting'], 10);
    expect(jobs.map((j) => ({ id: j.id, data: j.data }))).toEqual([{ id: 'same-id', data: { n: 1 } }]);
  });

  it('adds many jobs at once, leaving a job whose id exists as it was', async () => {
    await h.queue.enqueue('greet', { n: 0 }, { jobId: 'bulk-1' });

    await h.queue.enqueueMany([1, 2, 3].map((n) => ({ name: 'greet', data: { n }, options: { jobId: `bulk-${n}` } })));

    const jobs = await h.queue.getJobs(['waiting'], 10);
    expect(jobs.map((j) => [j.id, j.data]).sort()).toEqual([
      ['bulk-1', { n: 0 }],
      ['bulk-2', { n: 2 }],
      ['bulk-3', { n: 3 }],
    ]);
  });

  it('runs background jobs after every job without it, whatever the order they were added in', async () => {
    const order: string[] = [];
    const done = signal();
    await h.queue.enqueueMany(
      ['bg-1', 'bg-2', 'bg-3'].map((id) => ({ name: 'note', data: { id }, options: { jobId: id, background: true } })),
    );
    await h.queue.enqueue('note', { id: 'poll' }, { jobId: 'poll' });
    await h.startWorkers(
      {
        note: async (data) => {
          order.push((data as { id: string }).id);
          if (order.length === 4) done.resolve();
        },
      },
      { concurrency: 1 },
    );

    await done.promise;
    expect(order).toEqual(['poll', 'bg-1', 'bg-2', 'bg-3']);
  });

  it('reports exactly one of several concurrent enqueues of one id as created', async () => {
    const results = await Promise.all([1, 2, 3, 4, 5].map((n) => h.queue.enqueue('greet', { n }, { jobId: 'raced-id' })));

    expect(results.filter((r) => r.created)).toHaveLength(1);
  });

  it('processes a job enqueued twice only once', async () => {
    const runs: unknown[] = [];
    const done = signal();
    await h.startWorkers({
      count: async (data) => {
        runs.push(data);
        done.resolve();
      },
    });
    await h.queue.enqueue('count', { n: 1 }, { jobId: 'count-1' });
    await h.queue.enqueue('count', { n: 2 }, { jobId: 'count-1' });
    await done.promise;
    await eventually(async () => (await h.queue.getJobs(['completed'], 10)).length === 1);

    expect(runs).toEqual([{ n: 1 }]);
  });

  it('rejects a job id containing a colon without enqueuing anything', async () => {
    await expect(h.queue.enqueue('greet', {}, { jobId: 'a:b' })).rejects.toMatchObject({ code: 'job_id_invalid' });
    expect(await h.queue.getJobs(['waiting', 'delayed'], 10)).toEqual([]);
  });

  it('keeps a delayed job delayed', async () => {
    await h.queue.enqueue('later', { x: 1 }, { jobId: 'later-1', delayMs: 60_000 });

    const jobs = await h.queue.getJobs(['delayed', 'waiting'], 10);
    expect(jobs.map((j) => ({ id: j.id, state: j.state }))).toEqual([{ id: 'later-1', state: 'delayed' }]);
  });

  it('lists finished jobs newest first with their outcome', async () => {
    await h.startWorkers({
      ok: async () => 'fine',
      bad: async () => {
        throw new Error('boom');
      },
    });
    await h.queue.enqueue('ok', { k: 'ok' }, { jobId: 'ok-1', attempts: 1 });
    await eventually(async () => (await h.queue.getJobs(['completed'], 10)).length === 1);
    await h.queue.enqueue('bad', { k: 'bad' }, { jobId: 'bad-1', attempts: 1 });
    await eventually(async () => (await h.queue.getJobs(['failed'], 10)).length === 1);

    const jobs = await h.queue.getJobs(['completed', 'failed'], 10);
    expect(
      jobs.map((j) => ({
        id: j.id,
        name: j.name,
        state: j.state,
        data: j.data,
        failedReason: j.failedReason,
        finished: j.finishedOn !== undefined,
      })),
    ).toEqual([
      { id: 'bad-1', name: 'bad', state: 'failed', data: { k: 'bad' }, failedReason: 'boom', finished: true },
      { id: 'ok-1', name: 'ok', state: 'completed', data: { k: 'ok' }, failedReason: undefined, finished: true },
    ]);
  });

  it('runs a scheduled job repeatedly and stops after unschedule', async () => {
    const polls: unknown[] = [];
    await h.startWorkers({
      poll: async (data) => {
        polls.push(data);
      },
    });

    await h.queue.schedule('poll-cloud-a', 50, { cloud: 'a' }, { jobName: 'poll' });
    await eventually(() => polls.length >= 2);
    await h.queue.unschedule('poll-cloud-a');

    expect(polls.slice(0, 2)).toEqual([{ cloud: 'a' }, { cloud: 'a' }]);
    expect(await h.queue.getJobs(['delayed'], 10)).toEqual([]);
  });

  it('answers ready while Redis answers', async () => {
    await eventually(() => h.queue.isReady());
    expect(await h.queue.isReady()).toBe(true);
  });
});
