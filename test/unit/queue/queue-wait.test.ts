import type { Job } from 'bullmq';
import { queueWaitMs } from '../../../src/queue/run-workers.js';

type Timing = Pick<Job, 'timestamp' | 'opts' | 'attemptsMade' | 'progress' | 'processedOn'>;
const job = (fields: Partial<Timing>): Timing => ({
  timestamp: 1_000,
  opts: {},
  attemptsMade: 0,
  progress: 0,
  processedOn: undefined,
  ...fields,
});

describe('queue wait of a job run', () => {
  it('counts a first run from its add, after its delay', () => {
    expect(queueWaitMs(job({ processedOn: 1_250 }), 9_999)).toBe(250);
    expect(queueWaitMs(job({ opts: { delay: 5_000 }, processedOn: 6_100 }), 9_999)).toBe(100);
    expect(queueWaitMs(job({}), 1_400)).toBe(400);
  });

  it('counts a rescheduled step from when it was due, for the attempt that rescheduled it', () => {
    const progress = { dueAt: 50_000, attemptsMade: 1 };

    expect(queueWaitMs(job({ attemptsMade: 1, progress, processedOn: 50_030 }), 0)).toBe(30);
    // The mark of an earlier attempt says nothing about this retry.
    expect(queueWaitMs(job({ attemptsMade: 2, progress, processedOn: 50_030 }), 0)).toBeUndefined();
  });

  it('does not guess for a retry after a failure (BullMQ keeps no start of its backoff)', () => {
    expect(queueWaitMs(job({ attemptsMade: 1, processedOn: 90_000 }), 0)).toBeUndefined();
  });

  it('never reports a negative wait (clocks of two hosts)', () => {
    expect(queueWaitMs(job({ opts: { delay: 5_000 }, processedOn: 5_900 }), 0)).toBe(0);
  });
});
