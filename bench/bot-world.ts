/**
 * The whole bot (web and worker in this process) on the simulated cloud and the Slack stand-in,
 * real Redis under a prefix of its own: what the end-to-end benchmarks time. `command` sends a
 * signed slash command from a new channel of the stand-in (each its own chat.postMessage bucket).
 */
import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import { localBotEnv } from '../src/bin/local-bot-env.js';
import { loadConfig } from '../src/config/load-config.js';
import { createSilentLogger } from '../src/logging/logger.js';
import { startBot } from '../src/main/start-bot.js';
import { createRedisConnection } from '../src/queue/connection.js';
import { deleteKeysWithPrefix } from '../src/queue/delete-prefix.js';
import { DEFAULT_QUEUE_NAME } from '../src/queue/job-queue.js';
import { sendSlashCommand, startSim, startSlackStandIn, type Sim, type SlackStandIn, type StandInMessage } from '../src/sim/index.js';

const OPERATOR = 'U1BENCH';

export interface BotWorld {
  sim: Sim;
  slack: SlackStandIn;
  /** Sends `/kube <text>` from a new channel; resolves with that channel once the bot acked. */
  command(text: string): Promise<string>;
  /** Every message of the channel, roots and replies. */
  messages(channel: string): StandInMessage[];
  /** Resolves once the bot's queue has no job waiting or running (a sample's tail ended). */
  settled(): Promise<void>;
  stop(): Promise<void>;
}

export async function startBotWorld(
  redisUrl: string,
  options: { pollIntervalMs?: number; prepare?: (sim: Sim) => void } = {},
): Promise<BotWorld> {
  const logger = createSilentLogger();
  const secret = randomBytes(16).toString('hex');
  const sim = await startSim();
  options.prepare?.(sim);
  const slack = await startSlackStandIn({ users: [{ id: OPERATOR, name: 'bench' }] });
  const prefix = `bench-world-${randomBytes(4).toString('hex')}`;
  const env = localBotEnv({ slack, signingSecret: secret, redisUrl, queuePrefix: prefix, cloud: sim.osEnv, operators: [OPERATOR] });
  const config = loadConfig(env);
  const bot = await startBot({
    config: { ...config, pollIntervalMs: options.pollIntervalMs ?? config.pollIntervalMs },
    logger,
    clock: sim.clock,
  });
  const botUrl = `http://127.0.0.1:${bot.port}`;
  let channels = 0;
  let queue: Queue | undefined;
  let queueConnection: ReturnType<typeof createRedisConnection> | undefined;
  return {
    sim,
    slack,
    async command(text) {
      channels += 1;
      const channel = `C${String(channels).padStart(6, '0')}BENCH`;
      slack.addChannel({ id: channel, name: `bench-${channels}` });
      const response = await sendSlashCommand(botUrl, secret, { text, user_id: OPERATOR, channel_id: channel, team_id: slack.teamId });
      if (response.status !== 200) throw new Error(`the bot answered ${response.status}`);
      return channel;
    },
    messages: (channel) => slack.messages(channel).flatMap((root) => slack.thread(channel, root.ts)),
    async settled() {
      queueConnection ??= createRedisConnection(redisUrl, 'producer', logger);
      queue ??= new Queue(DEFAULT_QUEUE_NAME, { connection: queueConnection.client, prefix });
      for (;;) {
        const counts = await queue.getJobCounts('active', 'waiting', 'prioritized');
        if (Object.values(counts).every((n) => n === 0)) return;
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
    },
    async stop() {
      await queue?.close();
      await queueConnection?.close();
      await bot.stop();
      const cleanup = createRedisConnection(redisUrl, 'producer', logger);
      await deleteKeysWithPrefix(cleanup, prefix);
      await cleanup.close();
      await slack.close();
      await sim.close();
    },
  };
}
