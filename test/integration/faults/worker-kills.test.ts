/**
 * A real worker process SIGKILLed inside each mutating job, at several points (before the
 * remote call, after the remote service did it but before the worker heard, after Slack
 * accepted a post but before its ts was saved): another worker takes the job over (BullMQ's
 * stalled-job recovery) and the test checks the exact outcome. The kill point is chosen by
 * holding one request (the sim's `hold` fault, or a proxy in front of Slack and the ticket
 * sink), never by timing: the worker is killed while it waits for that answer. The rows run
 * side by side (each its own sim, Slack stand-in, Redis prefix and worker process): most of a
 * row's time is spent waiting for a lock to expire.
 */
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { startWebhookReceiver } from '../../../src/sim/index.js';
import { forkTypeScript, killChild } from '../../helpers/child-process.js';
import { POLL_MS, eventually, startLifecycleHarness } from '../lifecycle/harness.js';
import { startHoldProxy } from '../../helpers/hold-proxy.js';
import { KILL_ROWS, type KillRow, type KillWorld } from './kill-rows.js';

/** One row's limit: it forks a worker (the whole bot under tsx: slow on a loaded machine) and runs a job to its end. */
const ROW_LIMIT_MS = 240_000;

// Jest runs from the repository root.
const CHILD = join(process.cwd(), 'test/integration/lifecycle/fixtures/worker-child.ts');
const TICKET_SECRET = 'worker-kills-ticket-secret';
/**
 * The killed worker's lock: its job is found stalled this long after the kill. Not shorter: a
 * loaded machine that misses a lock renewal would have the job taken for stalled and run twice
 * by the worker itself before any kill.
 */
const CHILD_LOCK_MS = 4_000;

async function forkWorker(env: Record<string, string>): Promise<ChildProcess> {
  const child = forkTypeScript(CHILD, [JSON.stringify(env), String(POLL_MS), String(CHILD_LOCK_MS)]);
  await new Promise<void>((resolve, reject) => {
    child.on('message', (m: { ready?: boolean }) => {
      if (m.ready === true) resolve();
    });
    child.once('exit', (code) => reject(new Error(`worker exited before it was ready (${String(code)})`)));
  });
  return child;
}

/** Kills the worker at the row's hold, lets another worker take over, and checks the outcome. */
async function runRow(row: KillRow): Promise<void> {
  const tickets = await startWebhookReceiver({ secret: TICKET_SECRET });
  const ticketProxy = await startHoldProxy(tickets.url);
  const h = await startLifecycleHarness({
    worker: false,
    env: { TICKET_SINK: 'webhook', TICKET_WEBHOOK_SECRET: TICKET_SECRET, TICKET_WEBHOOK_URL: tickets.url },
    // The worker that takes over finds the dead one's jobs within seconds.
    locks: { lockDurationMs: 10_000, stalledIntervalMs: 1_000 },
  });
  const slackProxy = await startHoldProxy(h.slack.apiUrl);
  const world: KillWorld = { h, tickets };
  let worker: ChildProcess | undefined;
  try {
    worker = await forkWorker({ ...h.env('worker'), SLACK_API_URL: `${slackProxy.url}/api/`, TICKET_WEBHOOK_URL: ticketProxy.url });
    const child = worker;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    let held = false;
    const kill = () => {
      held = true;
      child.kill('SIGKILL');
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
  } finally {
    if (worker) await killChild(worker);
    await h.stop();
    await slackProxy.close();
    await ticketProxy.close();
    await tickets.close();
  }
}

/** Fails a row that has not ended within ROW_LIMIT_MS (its cleanup still runs when it ends). */
async function withinLimit(run: Promise<void>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`the row did not end within ${ROW_LIMIT_MS} ms`)), ROW_LIMIT_MS);
  });
  try {
    await Promise.race([run, limit]);
  } finally {
    clearTimeout(timer);
  }
}

/** Rows run at once: enough to overlap their waits, few enough for a 2-core CI machine. */
const AT_ONCE = 4;
const outcomes = new Map<KillRow, unknown>();

// The rows run side by side here, in a hook (jest's it.concurrent lets a late row's dynamic
// imports fall between tests); each row's own test then reports its outcome.
beforeAll(async () => {
  const queue = [...KILL_ROWS];
  const lane = async (): Promise<void> => {
    for (let row = queue.shift(); row !== undefined; row = queue.shift()) {
      outcomes.set(
        row,
        await withinLimit(runRow(row)).then(
          () => null,
          (error: unknown) => error ?? new Error('failed'),
        ),
      );
    }
  };
  await Promise.all(Array.from({ length: AT_ONCE }, lane));
}, 900_000);

it.each(KILL_ROWS.map((row) => [`${row.job}: killed ${row.point}`, row] as const))(
  '%s: the job ends once, with nothing done twice or lost',
  (_title, row) => {
    expect(outcomes.has(row)).toBe(true);
    const error = outcomes.get(row);
    if (error !== null) throw error;
  },
);
