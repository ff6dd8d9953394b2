import { jest } from '@jest/globals';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { forkTypeScript, killChild as kill } from '../../helpers/child-process.js';
import { startHoldProxy, type HoldProxy } from '../../helpers/hold-proxy.js';
import { MINUTE, POLL_MS, simClustersNamed, startLifecycleHarness, type LifecycleHarness } from './harness.js';

// A forked worker starts the whole bot under tsx: on a loaded CI machine that alone can take
// tens of seconds, so these tests get more than jest's default 30 s.
jest.setTimeout(120_000);

// Jest runs from the repository root.
const CHILD = join(process.cwd(), 'test/integration/lifecycle/fixtures/worker-child.ts');

function forkWorker(env: Record<string, string>): { child: ChildProcess; ready: Promise<void> } {
  const child = forkTypeScript(CHILD, [JSON.stringify(env), String(POLL_MS)]);
  const ready = new Promise<void>((resolve, reject) => {
    child.on('message', (m: { ready?: boolean }) => {
      if (m.ready === true) resolve();
    });
    child.on('exit', (code) => reject(new Error(`worker exited early (${String(code)})`)));
  });
  return { child, ready };
}

describe('a worker killed between "create requested" and "create accepted"', () => {
  let h: LifecycleHarness;
  let proxy: HoldProxy;
  let child: ChildProcess | undefined;

  beforeEach(async () => {
    h = await startLifecycleHarness({ worker: false });
    proxy = await startHoldProxy(h.sim.url);
  });

  afterEach(async () => {
    if (child) await kill(child);
    await proxy.close();
    await h.stop();
  });

  it('leaves the job to another worker, which adopts the cluster: one cluster, one result', async () => {
    const worker = forkWorker({ ...h.env('worker'), OS_AUTH_URL: `${proxy.url}/identity/v3` });
    child = worker.child;
    child.on('exit', () => undefined);
    await worker.ready;

    // Magnum accepts the create (the cluster exists now); the worker dies before it hears so.
    const accepted = new Promise<void>((resolve) => {
      proxy.holdOnce({ method: 'POST', path: /^\/container-infra\/v1\/clusters(\?|$)/, phase: 'response' }, () => {
        worker.child.kill('SIGKILL');
        resolve();
      });
    });
    await h.command('create omega --template k8s-1.27-no-volume --nodes 2');
    await accepted;
    await kill(worker.child);
    expect(simClustersNamed(h.sim, 'omega')).toBe(1);

    await h.startWorker();
    // The new worker takes the job once two of its stalled checks (5 s apart) have seen the dead
    // worker's lock expired: about 10 s on an idle machine, more under CI load (15 s was missed once).
    await h.waitForMessage(/^Creating omega: CREATE_IN_PROGRESS/, 60_000);
    h.advance(19 * MINUTE);
    await h.waitForMessage(/omega is ready/);

    expect(simClustersNamed(h.sim, 'omega')).toBe(1);
    expect(h.allMessages().filter((m) => /omega is ready/.test(m.text)).length).toBe(1);
    expect(h.allMessages().filter((m) => /asked to create/.test(JSON.stringify(m.blocks))).length).toBe(1);
  });
});

describe('a worker restart while a create is tracked', () => {
  let h: LifecycleHarness;

  beforeEach(async () => {
    h = await startLifecycleHarness({ worker: false });
  });

  afterEach(async () => {
    await h.stop();
  });

  it('loses nothing: the next worker picks up the polling and posts the result once', async () => {
    const first = await h.startWorker();
    await h.command('create sigma --template k8s-1.27-no-volume');
    await h.waitForMessage(/^Creating sigma: CREATE_IN_PROGRESS/);
    await h.stopBot(first);

    h.advance(19 * MINUTE);
    await h.startWorker();
    await h.waitForMessage(/sigma is ready/);

    expect(simClustersNamed(h.sim, 'sigma')).toBe(1);
    expect(h.allMessages().filter((m) => /sigma is ready/.test(m.text)).length).toBe(1);
  });
});
