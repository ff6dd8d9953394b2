import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { forkTypeScript, killChild as kill } from '../../helpers/child-process.js';
import { createHarness, type Harness } from './harness.js';
import { eventually, signal } from './queue-test-kit.js';

const HANGING_WORKER = fileURLToPath(new URL('./fixtures/hanging-worker.ts', import.meta.url));
const LOCK_MS = 1_000;

interface ChildMessage {
  ready?: boolean;
  started?: string;
}

function forkHangingWorker(url: string, prefix: string): { child: ChildProcess; ready: Promise<void>; started: Promise<string> } {
  const child = forkTypeScript(HANGING_WORKER, [url, prefix, String(LOCK_MS)]);
  const ready = signal();
  const started = signal<string>();
  child.on('message', (message: ChildMessage) => {
    if (message.ready === true) ready.resolve();
    if (message.started !== undefined) started.resolve(message.started);
  });
  return { child, ready: ready.promise, started: started.promise };
}

describe('a worker killed mid-job', () => {
  let h: Harness;
  let child: ChildProcess | undefined;

  beforeEach(() => {
    h = createHarness();
  });

  afterEach(async () => {
    if (child !== undefined) await kill(child);
    await h.teardown();
  });

  it('leaves the job to another worker once its lock expires, without using an attempt', async () => {
    const hanging = forkHangingWorker(h.url, h.prefix);
    child = hanging.child;
    await hanging.ready;
    await h.queue.enqueue('create', { cluster: 'prod' }, { jobId: 'create-prod', attempts: 1 });
    expect(await hanging.started).toBe('create-prod');

    await kill(hanging.child);
    const reruns: Array<{ jobId: string; data: unknown; attemptsMade: number }> = [];
    await h.startWorkers(
      {
        create: async (data, runtime) => {
          reruns.push({ jobId: runtime.jobId, data, attemptsMade: runtime.attemptsMade });
        },
      },
      { lockDurationMs: LOCK_MS, stalledIntervalMs: LOCK_MS },
    );
    await eventually(async () => (await h.queue.getJobs(['completed'], 10)).length === 1, 100);

    expect(reruns).toEqual([{ jobId: 'create-prod', data: { cluster: 'prod' }, attemptsMade: 0 }]);
  });
});
