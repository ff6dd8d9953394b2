/**
 * Slash-command ack latency and throughput: the bot (Bolt HTTPReceiver, signature check, the
 * replay guard's Redis claim, our router, enqueue on real Redis, ack) against the floor of this
 * architecture: a bare Bolt app whose handler enqueues one BullMQ job and acks. Same process,
 * same signed requests, alternating rounds, at concurrency 1 and 20; prints p50, p99, req/s and
 * the ratios (targets: latency at most 1.3x, req/s at least 0.8x).
 *
 * p99 is taken over every sample of a side (6,000 at each concurrency). At c=20 one pause of the
 * process (a major GC, the machine's other load) delays the 20 requests in flight at once, so
 * with 900 samples (3 rounds of 300) a single pause in one side's rounds decided its p99 (the
 * 9th slowest): 0.37x to 1.54x in three runs of the same code. Many short rounds, the side going
 * first swapped each round, spread such pauses over both sides; the rounds' own p99 ratios are
 * printed to show that spread.
 */
import { randomBytes } from 'node:crypto';
import bolt from '@slack/bolt';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { createSilentLogger } from '../src/logging/logger.js';
import { createMemoryAuditLog } from '../test/helpers/memory-audit-log.js';
import { createJobQueue } from '../src/queue/job-queue.js';
import { createRedisConnection } from '../src/queue/connection.js';
import { createRedisSingleUse } from '../src/queue/redis-single-use.js';
import { createSlackApp } from '../src/slack/create-slack-app.js';
import { sendSlashCommand, startSlackStandIn } from '../src/sim/index.js';
import { COMMANDS } from '../commands/index.js';
import { createRegistry } from '../commands/registry.js';
import { median, percentile, ratioLine } from './stats.js';
import { targetLine } from './targets.js';

const REQUESTS = 300;
const ROUNDS = 20;
const redisUrl = process.argv[2] ?? 'redis://127.0.0.1:6379';
const secret = randomBytes(16).toString('hex');
const logger = createSilentLogger();
const slack = await startSlackStandIn();

const bare = new bolt.App({
  signingSecret: secret,
  token: slack.botToken,
  botId: 'B1',
  botUserId: 'U1',
  tokenVerificationEnabled: false,
  clientOptions: { slackApiUrl: slack.apiUrl },
});
const bareRedis = new Redis(redisUrl, { maxRetriesPerRequest: null });
const bareQueue = new Queue('jobs', { connection: bareRedis, prefix: `bench-bare-${randomBytes(4).toString('hex')}` });
let bareJobs = 0;
bare.command('/kube', async ({ ack, command }) => {
  await bareQueue.add('cluster-list', { channel: command.channel_id, user: command.user_id }, { jobId: `bare-${++bareJobs}` });
  await ack();
});
const bareServer = (await bare.start(0)) as { address(): { port: number } };
const bareUrl = `http://127.0.0.1:${bareServer.address().port}/slack/events`;

const connection = createRedisConnection(redisUrl, 'producer', logger);
const prefix = `bench-${randomBytes(4).toString('hex')}`;
const queue = createJobQueue({ connection, prefix, logger });
const singleUse = createRedisSingleUse(connection.client, prefix);
const access = {
  authorize: async () => ({ allowed: true as const, role: 'viewer' as const }),
  cloudFor: () => 'default',
  kubeconfigAllowed: () => true,
};
const ours = await createSlackApp({
  config: { signingSecret: secret, botToken: slack.botToken, apiUrl: slack.apiUrl },
  port: 0,
  logger,
  ...createRegistry(COMMANDS, {
    queue,
    access,
    modals: { open: async () => undefined },
    clock: { now: Date.now },
    logger,
    audit: createMemoryAuditLog(),
    confirmations: { redeem: async () => ({ ok: false, reason: 'forged' }) },
    messages: { update: async () => undefined },
    metrics: { handled: () => undefined },
  }),
  readiness: () => queue.isReady(),
  replayGuard: { firstSeen: (signature, ttlMs) => singleUse.claim(`slack-signature:${signature}`, ttlMs) },
});
const { port } = await ours.start();
const oursUrl = `http://127.0.0.1:${port}/slack/events`;

let n = 0;
async function sample(url: string): Promise<number> {
  const started = performance.now();
  const response = await sendSlashCommand(url, secret, {
    text: 'list',
    user_id: 'U1',
    channel_id: 'C1',
    team_id: 'T1',
    trigger_id: `bench.${++n}`,
  });
  const elapsed = performance.now() - started;
  if (response.status !== 200) throw new Error(`status ${response.status}`);
  return elapsed;
}

/** `total` requests, `concurrency` at a time: each one's latency, and requests per second over the batch. */
async function batch(url: string, total: number, concurrency: number): Promise<{ samples: number[]; perSecond: number }> {
  const samples: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next++ < total) samples.push(await sample(url));
    }),
  );
  return { samples, perSecond: total / ((performance.now() - started) / 1000) };
}

for (let i = 0; i < 50; i++) await Promise.all([sample(bareUrl), sample(oursUrl)]);
for (const concurrency of [1, 20]) {
  const bareSamples: number[] = [];
  const ourSamples: number[] = [];
  const bareRates: number[] = [];
  const ourRates: number[] = [];
  const roundRatios: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const bareFirst = round % 2 === 0;
    const first = await batch(bareFirst ? bareUrl : oursUrl, REQUESTS, concurrency);
    const second = await batch(bareFirst ? oursUrl : bareUrl, REQUESTS, concurrency);
    const [b, o] = bareFirst ? [first, second] : [second, first];
    bareSamples.push(...b.samples);
    ourSamples.push(...o.samples);
    bareRates.push(b.perSecond);
    ourRates.push(o.perSecond);
    roundRatios.push(percentile(o.samples, 99) / percentile(b.samples, 99));
  }
  console.log(ratioLine(`ack latency c=${concurrency}, p50`, median(ourSamples), median(bareSamples), 'ms'));
  console.log(ratioLine(`ack latency c=${concurrency}, p99`, percentile(ourSamples, 99), percentile(bareSamples, 99), 'ms'));
  const spread = roundRatios.sort((a, b) => a - b);
  console.log(
    `${''.padEnd(34)} rounds' p99 ratios ${spread[0]?.toFixed(2)}-${spread.at(-1)?.toFixed(2)}, median ${median(spread).toFixed(2)} (${ROUNDS} rounds of ${REQUESTS})`,
  );
  console.log(ratioLine(`acks per second c=${concurrency}`, median(ourRates), median(bareRates), 'req/s'));
  console.log(targetLine(`ack latency c=${concurrency}, p50, ratio`, median(ourSamples) / median(bareSamples), { atMost: 1.3 }));
  console.log(
    targetLine(`ack latency c=${concurrency}, p99, ratio`, percentile(ourSamples, 99) / percentile(bareSamples, 99), { atMost: 1.3 }),
  );
  console.log(targetLine(`acks per second c=${concurrency}, ratio`, median(ourRates) / median(bareRates), { atLeast: 0.8 }));
}

await ours.stop();
await bare.stop();
await bareQueue.obliterate({ force: true });
await bareQueue.close();
bareRedis.disconnect();
await queue.close();
await connection.close();
await slack.close();
