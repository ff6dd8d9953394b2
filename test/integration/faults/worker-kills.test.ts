/**
 * A real worker process SIGKILLed inside each mutating job, at several points (before the
 * remote call, after the remote service did it but before the worker heard, after Slack
 * accepted a post but before its ts was saved): another worker takes the job over (BullMQ's
 * stalled-job recovery) and the test checks the exact outcome. The kill point is chosen by
 * holding one request (the sim's `hold` fault, or a proxy in front of Slack and the ticket
 * sink), never by timing: the worker is killed while it waits for that answer.
 */
import { jest } from '@jest/globals';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { startWebhookReceiver } from '../../../src/sim/index.js';
import { forkTypeScript, killChild } from '../../helpers/child-process.js';
import { POLL_MS, eventually, startLifecycleHarness } from '../lifecycle/harness.js';
import { startHoldProxy, type HoldProxy } from './hold-proxy.js';
import { KILL_ROWS, type KillRow, type KillWorld } from './kill-rows.js';

// Each row forks a worker (the whole bot under tsx: slow on a loaded machine) and runs a job to its end.
jest.setTimeout(180_000);

// Jest runs from the repository root.
const CHILD = join(process.cwd(), 'test/integration/lifecycle/fixtures/worker-child.ts');
const TICKET_SECRET = 'worker-kills-ticket-secret';

async function forkWorker(env: Record<string, string>): Promise<ChildProcess> {
  const child = forkTypeScript(CHILD, [JSON.stringify(env), String(POLL_MS)]);
  await new Promise<void>((resolve, reject) => {
    child.on('message', (m: { ready?: boolean }) => {
      if (m.ready === true) resolve();
    });
    child.once('exit', (code) => reject(new Error(`worker exited before it was ready (${String(code)})`)));
  });
  return child;
}

describe.each(KILL_ROWS.map((row) => [`${row.job}: killed ${row.point}`, row] as const))('%s', (_title, row: KillRow) => {
  let world: KillWorld;
  let slackProxy: HoldProxy;
  let ticketProxy: HoldProxy;
  let child: ChildProcess | undefined;

  beforeEach(async () => {
    const tickets = await startWebhookReceiver({ secret: TICKET_SECRET });
    ticketProxy = await startHoldProxy(tickets.url);
    const sink = { TICKET_SINK: 'webhook', TICKET_WEBHOOK_SECRET: TICKET_SECRET };
    const h = await startLifecycleHarness({
      worker: false,
      env: { ...sink, TICKET_WEBHOOK_URL: tickets.url },
      // The worker that takes over finds the dead one's jobs within seconds.
      locks: { lockDurationMs: 10_000, stalledIntervalMs: 1_000 },
    });
    slackProxy = await startHoldProxy(h.slack.apiUrl);
    world = { h, tickets };
  });

  afterEach(async () => {
    if (child) await killChild(child);
    child = undefined;
    await world.h.stop();
    await slackProxy.close();
    await ticketProxy.close();
    await world.tickets.close();
  });

  it('ends the job once, with nothing done twice or lost', async () => {
    const { h } = world;
    const worker = await forkWorker({
      ...h.env('worker'),
      SLACK_API_URL: `${slackProxy.url}/api/`,
      TICKET_WEBHOOK_URL: ticketProxy.url,
    });
    child = worker;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    let held = false;
    const kill = () => {
      held = true;
      worker.kill('SIGKILL');
    };
    const arm = () => {
      const { hold } = row;
      if ('cloud' in hold) {
        h.sim.faults.onHold(() => kill());
        h.sim.faults.inject({ ...hold.cloud, kind: 'hold', count: 1 });
      } else if ('slack' in hold) slackProxy.holdOnce(hold.slack, kill);
      else ticketProxy.holdOnce(hold.tickets, kill);
    };

    await Promise.all([row.start(world, arm), exited]);
    expect(held).toBe(true);

    await h.startWorker();
    await row.finish(world);
    const { jobName } = row;
    if (jobName !== null) {
      await eventually(async () =>
        (await h.jobs()).filter((j) => j.name === jobName).every((j) => j.state === 'completed' || j.state === 'failed'),
      );
    }
    await row.check(world);
  });
});
