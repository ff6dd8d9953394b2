/**
 * Request to the first thread message: a signed `/kube list` sent to the whole bot (web and
 * worker in this process: signature check, replay guard, router, enqueue, worker, Keystone and
 * Magnum on the simulated cloud, render, the outbox, chat.postMessage to the Slack stand-in)
 * until the stand-in holds the answer (the root of the request's thread), against the floor of
 * the queue under it: bare BullMQ, Queue.add until its Worker reports the job completed, on the
 * same Redis. Alternating rounds; prints medians and the ratio (target at most 3x).
 *
 * A second baseline, the floor: the same parts bare (bare-parts.ts: a Bolt app that enqueues and
 * acks, a Worker that GETs the same Magnum list with the same token, JSON.parse, and POSTs
 * chat.postMessage to the same stand-in), timed the same way. ours/floor is the bot's own
 * overhead; floor/bare BullMQ is what the mandated parts cost before the bot adds anything.
 *
 * Each sample asks from a channel of its own, so Slack's one-message-a-second-per-channel tier
 * (enforced by the stand-in and kept by the outbox) does not queue one sample behind another; a
 * new channel costs the bot nothing more (no lookup: the stand-in sees one chat.postMessage per
 * sample, printed below). A sample starts once the bot's queue is idle again, as a bare sample
 * starts once its job completed: the tail of the one before (the post's ts recorded, the job
 * completed) would otherwise run inside the next one's timing, which a request arriving on its
 * own does not pay.
 *
 * What this bench adds that production would not have: the simulated cloud (Keystone, Magnum)
 * and the Slack stand-in run in this process, on the same cores, and the signed request comes
 * from a fetch client here too. The breakdown line says what each stage cost, measured from the
 * HTTP servers' diagnostics channels (request-stages.ts); the simulated Magnum's own time is
 * one of them.
 */
import { randomBytes } from 'node:crypto';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { closeBareQueue, startBareParts, type BareParts } from './bare-parts.js';
import { startBotWorld } from './bot-world.js';
import { recordStages, type StageMarks } from './request-stages.js';
import { median, ratioLine } from './stats.js';
import { targetLine } from './targets.js';

const ROUNDS = 5;
const PER_ROUND = 6;
const redisUrl = process.argv[2] ?? 'redis://127.0.0.1:6379';
const world = await startBotWorld(redisUrl);
const parts = await startBareParts(redisUrl, world.sim, world.slack);

const stages = recordStages();
/** Each of our samples' stages, in ms: to say where the time goes. */
const STAGES = {
  'ack written': (m: StageMarks, s: number) => (m.acked ?? NaN) - s,
  'ack to Magnum asked': (m: StageMarks) => (m.magnumAsked ?? NaN) - (m.acked ?? NaN),
  'Magnum (simulated) answering': (m: StageMarks) => (m.magnumAnswered ?? NaN) - (m.magnumAsked ?? NaN),
  'parse, render, outbox': (m: StageMarks) => (m.postArrived ?? NaN) - (m.magnumAnswered ?? NaN),
  'post answered and seen': (m: StageMarks, _s: number, seen: number) => seen - (m.postArrived ?? NaN),
} as const;
type Stages = Map<string, number[]>;
const newStages = (): Stages => new Map(Object.keys(STAGES).map((name) => [name, []]));
const stageSamples = newStages();
const floorStages = newStages();
/** The acks as the bench's client sees them (its own fetch included). */
const acks: number[] = [];
/** One signed `/kube list` from a new channel; ms until the first message there (the bot's, or the floor's). */
async function timed(target: BareParts, into: Stages, ackTimes?: number[]): Promise<number> {
  await target.settled();
  stages.begin();
  const started = performance.now();
  const channel = await target.command('list');
  ackTimes?.push(performance.now() - started);
  await world.slack.waitFor(() => target.messages(channel)[0], 30_000);
  const seen = performance.now();
  for (const [name, stage] of Object.entries(STAGES)) into.get(name)?.push(stage(stages.marks(), started, seen));
  return seen - started;
}
const ours = (): Promise<number> => timed(world, stageSamples, acks);
const floor = (): Promise<number> => timed(parts, floorStages);

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
  await floor();
  await ours();
}
acks.length = 0;
for (const samples of [...stageSamples.values(), ...floorStages.values()]) samples.length = 0;
const callsBefore = world.slack.calls.length;
const ourSamples: number[] = [];
const bareSamples: number[] = [];
const floorSamples: number[] = [];
const ratios: number[] = [];
const floorRatios: number[] = [];
for (let round = 0; round < ROUNDS; round += 1) {
  const b: number[] = [];
  const o: number[] = [];
  const f: number[] = [];
  for (let i = 0; i < PER_ROUND; i += 1) b.push(await bare());
  for (let i = 0; i < PER_ROUND; i += 1) f.push(await floor());
  for (let i = 0; i < PER_ROUND; i += 1) o.push(await ours());
  bareSamples.push(...b);
  floorSamples.push(...f);
  ourSamples.push(...o);
  ratios.push(median(o) / median(b));
  floorRatios.push(median(o) / median(f));
}
const spread = (rs: number[]): string =>
  [...rs]
    .sort((x, y) => x - y)
    .map((r) => r.toFixed(2))
    .join(' ');
console.log(ratioLine('signed request to first message', median(ourSamples), median(bareSamples), 'ms'));
console.log(targetLine('signed request to first message, ratio', median(ourSamples) / median(bareSamples), { atMost: 3 }));
console.log(`${''.padEnd(34)} rounds' ratios ${spread(ratios)}; the ack as the client sees it ${median(acks).toFixed(1)} ms`);
console.log(ratioLine('  against the same parts, bare', median(ourSamples), median(floorSamples), 'ms'));
console.log(
  `${''.padEnd(34)} rounds' ratios ${spread(floorRatios)}; the floor against bare BullMQ ${(median(floorSamples) / median(bareSamples)).toFixed(2)}x ` +
    `(at most 3x over bare BullMQ leaves ${((3 * median(bareSamples)) / median(floorSamples)).toFixed(2)}x over the floor)`,
);
const perSample = new Map<string, number>();
// The bot's calls only: the floor's posts go to channels of its own.
const ourCalls = world.slack.calls.slice(callsBefore).filter((call) => !String(call.body.channel ?? '').endsWith('PARTS'));
for (const call of ourCalls) perSample.set(call.method, (perSample.get(call.method) ?? 0) + 1 / ourSamples.length);
const stageMedians = (of: Stages): string => [...of].map(([name, samples]) => `${name} ${median(samples).toFixed(2)}`).join(', ');
console.log(
  `${''.padEnd(34)} stages (medians): ${stageMedians(stageSamples)} ms; ` +
    `Slack calls per sample: ${[...perSample].map(([method, n]) => `${method} ${n.toFixed(1)}`).join(', ')}`,
);
console.log(`${''.padEnd(34)} the floor's stages: ${stageMedians(floorStages)} ms`);

stages.close();
await parts.stop();
await world.stop();
await closeBareQueue(worker, queue, [connection, workerConnection]);
