import { createLostJobWatch, rememberingQueue, type AcceptedJob } from '../../../src/queue/lost-jobs.js';
import { createSilentLogger } from '../../../src/logging/logger.js';

const job = (id: string): AcceptedJob => ({ id, name: 'cluster-list', channel: 'C1', user: 'U1', at: 0 });

function watchOver(states: Map<string, string | null>, epoch: { value: string; down?: boolean }) {
  const told: string[][] = [];
  const current = async () => {
    if (epoch.down === true) throw new Error('connection closed');
    return epoch.value;
  };
  const watch = createLostJobWatch({
    epoch: { current, remembered: current },
    jobState: async (id) => states.get(id) ?? null,
    onLost: async (jobs) => void told.push(jobs.map((j) => j.id)),
    logger: createSilentLogger(),
    intervalMs: 60_000,
  });
  return { watch, told };
}

describe('lost-job watch', () => {
  it('tells about the jobs gone with the Redis data they were queued in, once, and about no other', async () => {
    const states = new Map<string, string | null>([
      ['waiting', 'waiting'],
      ['started', 'active'],
      ['cleaned', null],
      ['lost', null],
    ]);
    const epoch = { value: 'e1' };
    const { watch, told } = watchOver(states, epoch);
    for (const id of ['waiting', 'started', 'cleaned']) watch.remember(job(id), 'e1');
    watch.remember(job('lost'), 'e0');

    await watch.check();
    await watch.check();
    watch.close();

    expect(told).toEqual([['lost']]);
  });

  it('keeps waiting jobs while Redis cannot answer, and tells once it is back without them', async () => {
    const states = new Map<string, string | null>([['a', 'waiting']]);
    const epoch = { value: 'e1', down: true };
    const { watch, told } = watchOver(states, epoch);
    watch.remember(job('a'), 'e1');

    await watch.check();
    Object.assign(epoch, { value: 'e2', down: false });
    states.set('a', null);
    await watch.check();
    watch.close();

    expect(told).toEqual([['a']]);
  });

  it('asks the queue about every remembered job at once, not one after another', async () => {
    let inFlight = 0;
    let most = 0;
    const watch = createLostJobWatch({
      epoch: { current: async () => 'e1', remembered: async () => 'e1' },
      jobState: async () => {
        inFlight += 1;
        most = Math.max(most, inFlight);
        await Promise.resolve();
        inFlight -= 1;
        return 'waiting';
      },
      onLost: async () => undefined,
      logger: createSilentLogger(),
      intervalMs: 60_000,
    });
    for (let i = 0; i < 100; i += 1) watch.remember(job(`j${i}`), 'e1');

    await watch.check();
    watch.close();

    expect(most).toBe(100);
  });

  it('remembers only new jobs with a requester, with the marker read before they were queued', async () => {
    const remembered: Array<[string, string]> = [];
    const queue = rememberingQueue(
      {
        enqueue: async (_name: string, _data: object, o: { jobId: string }) => ({ jobId: o.jobId, created: o.jobId !== 'again' }),
        enqueueMany: async () => undefined,
      },
      { epoch: async () => 'e1', remember: (j, e) => void remembered.push([j.id, e]) },
      () => 0,
    );

    await queue.enqueue('cluster-list', { channel: 'C1', user: 'U1' }, { jobId: 'new' });
    await queue.enqueue('cluster-list', { channel: 'C1', user: 'U1' }, { jobId: 'again' });
    await queue.enqueue('poll', { cloud: 'default' }, { jobId: 'poll' });

    expect(remembered).toEqual([['new', 'e1']]);
  });
});
