/**
 * Request to the first thread message: a signed `/kube list` sent to the whole bot (web and
 * worker in this process: signature check, replay guard, router, enqueue, worker, Keystone and
 * Magnum on the simulated cloud, render, the outbox, chat.postMessage to the Slack stand-in)
 * until the stand-in holds the answer (the root of the request's thread), against the floor of
 * the queue under it: bare BullMQ, Queue.add until its Worker reports the job completed, on the
 * same Redis. Alternating rounds; prints medians and the ratio (target at most 3x).
 *
 * Each sample asks from a channel of its own, so Slack's one-message-a-second-per-channel tier
 * (enforced by the stand-in and kept by the outbox) does not queue one sample behind another.
 */
import { randomBytes } from 'node:crypto';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { startBotWorld } from './bot-world.js';
import { median, ratioLine } from './stats.js';
import { targetLine } from './targets.js';

const ROUNDS = 5;
const PER_ROUND = 6;
const redisUrl = process.argv[2] ?? 'redis://127.0.0.1:6379';
const world = await startBotWorld(redisUrl);

/** The acks' share of our samples, to say where the time goes. */
const acks: number[] = [];
/** One signed `/kube list` from a new channel; ms until the bot's first message there. */
async function ours(): Promise<number> {
  const started = performance.now();
  const channel = await world.command('list');
  acks.push(performance.now() - started);
  await world.slack.waitFor(() => world.messages(channel)[0], 30_000);
  return performance.now() - started;
}

const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
// BullMQ leaves a connection it was given open on close(): kept, to disconnect it.
const workerConnection = new Redis(redisUrl, { maxRetriesPerRequest: null });
const barePrefix = `bench-bare-${randomBytes(4).toString('hex')}`;
const queue = new Queue('jobs', { connection, prefix: barePrefix });
const completed = new Map<string, () => void>();
const worker = new Worker('jobs', async () => undefined, { connection: workerConnection, prefix: barePrefix });
worker.on('completed', (job) => completed.get(job.id ?? '')?.());
let bareJobs = 0;
/** One job added to bare BullMQ; ms until its Worker reports it completed. */
async function bare(): Promise<number> {
  const id = `bare-${++bareJobs}`;
  const done = new Promise<void>((resolve) => completed.set(id, resolve));
  const started = performance.now();
  await queue.add('cluster-list', { channel: 'C1', user: 'U1' }, { jobId: id });
  await done;
  completed.delete(id);
  return performance.now() - started;
}

// Warm-up: Keystone's token, the directory's user, JIT.
for (let i = 0; i < 3; i += 1) {
  await bare();
  await ours();
}
acks.length = 0;
const ourSamples: number[] = [];
const bareSamples: number[] = [];
const ratios: number[] = [];
for (let round = 0; round < ROUNDS; round += 1) {
  const b: number[] = [];
  const o: number[] = [];
  for (let i = 0; i < PER_ROUND; i += 1) b.push(await bare());
  for (let i = 0; i < PER_ROUND; i += 1) o.push(await ours());
  bareSamples.push(...b);
  ourSamples.push(...o);
  ratios.push(median(o) / median(b));
}
console.log(ratioLine('signed request to first message', median(ourSamples), median(bareSamples), 'ms'));
console.log(targetLine('signed request to first message, ratio', median(ourSamples) / median(bareSamples), { atMost: 3 }));
console.log(
  `${''.padEnd(34)} rounds' ratios ${ratios
    .sort((x, y) => x - y)
    .map((r) => r.toFixed(2))
    .join(' ')}; of our median, the ack ${median(acks).toFixed(1)} ms (job, Magnum list, outbox and post after it)`,
);

await world.stop();
await worker.close();
await queue.obliterate({ force: true });
await queue.close();
connection.disconnect();
workerConnection.disconnect();
