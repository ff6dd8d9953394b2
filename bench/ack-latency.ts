/**
 * Slash-command ack latency: the bot (Bolt HTTPReceiver, signature check, the replay guard's
 * Redis claim, our router, ack, then enqueue on real Redis) against a bare Bolt app that only acks. Same process, same
 * signed requests, alternating rounds; prints medians, p95 and the ratio.
 */
import { randomBytes } from 'node:crypto';
import bolt from '@slack/bolt';
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

const REQUESTS = 400;
const ROUNDS = 3;
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
bare.command('/kube', async ({ ack }) => ack());
const bareServer = (await bare.start(0)) as { address(): { port: number } };
const bareUrl = `http://127.0.0.1:${bareServer.address().port}/slack/events`;

const connection = createRedisConnection(redisUrl, 'producer', logger);
const prefix = `bench-${randomBytes(4).toString('hex')}`;
const queue = createJobQueue({ connection, prefix, logger });
const singleUse = createRedisSingleUse(connection.client, prefix);
const access = { authorize: async () => ({ allowed: true as const, role: 'viewer' as const }), cloudFor: () => 'default' };
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

const bareSamples: number[] = [];
const ourSamples: number[] = [];
for (let i = 0; i < 50; i++) await Promise.all([sample(bareUrl), sample(oursUrl)]);
for (let round = 0; round < ROUNDS; round++) {
  for (let i = 0; i < REQUESTS; i++) bareSamples.push(await sample(bareUrl));
  for (let i = 0; i < REQUESTS; i++) ourSamples.push(await sample(oursUrl));
}

console.log(ratioLine('ack latency, median', median(ourSamples), median(bareSamples), 'ms'));
console.log(ratioLine('ack latency, p95', percentile(ourSamples, 95), percentile(bareSamples, 95), 'ms'));

await ours.stop();
await bare.stop();
await queue.close();
await connection.close();
await slack.close();
