import { randomBytes } from 'node:crypto';
import { loadConfig } from '../config/load-config.js';
import { createLogger } from '../logging/logger.js';
import { startBot, type RunningBot } from '../main/start-bot.js';
import {
  sendBlockAction,
  sendSlashCommand,
  startSim,
  startSlackStandIn,
  startZendeskStandIn,
  type SignedResponse,
  type Sim,
  type SlackStandIn,
  type StandInMessage,
  type ZendeskStandIn,
} from '../sim/index.js';
import { createSilentLogger } from '../logging/logger.js';
import { createRedisConnection } from '../queue/connection.js';
import { deleteKeysWithPrefix } from '../queue/delete-prefix.js';
import { ensureRedis, type RedisHandle } from './ensure-redis.js';
import { localBotEnv } from './local-bot-env.js';

/** The Slack stand-in's workspace: the bot serves only its own (SLACK_ALLOWED_TEAMS). */
export const DEMO_TEAM = 'T0STANDIN';
export const DEMO_CHANNEL = 'C0DEMO';
export const DEMO_OPERATOR = 'U0OPERATOR';
export const DEMO_VIEWER = 'U0VIEWER';

export interface DemoWorldOptions {
  redisUrl: string;
  logLevel: string;
  /** Simulated seconds per real second (the demo uses 60). */
  speed: number;
  /** Real milliseconds between polls of tracked operations (default: one simulated minute). */
  pollIntervalMs?: number;
}

/** Everything the demo (and flow tests) run: Redis, the simulated cloud, the Slack stand-in and the bot. */
export interface DemoWorld {
  sim: Sim;
  slack: SlackStandIn;
  /** The ticket system the demo attaches bundles to (a local Zendesk API stand-in). */
  zendesk: ZendeskStandIn;
  bot: RunningBot;
  botUrl: string;
  signingSecret: string;
  /** Types `/kube <text>` in the demo channel as `user`. */
  say(text: string, user?: string): Promise<SignedResponse>;
  /** Every message of the demo channel, roots and replies, updates applied. */
  allMessages(): StandInMessage[];
  /** The first message (root or reply) whose text matches. */
  waitForMessage(match: RegExp, timeoutMs?: number): Promise<StandInMessage>;
  /** Clicks a button of a message the bot posted. */
  click(message: StandInMessage, actionId: string, user?: string): Promise<SignedResponse>;
  stop(): Promise<void>;
}

/** Starts the demo world on loopback ports; `stop()` tears all of it down. */
export async function startDemoWorld(options: DemoWorldOptions): Promise<DemoWorld> {
  const redis: RedisHandle = await ensureRedis(options.redisUrl);
  const sim = await startSim({ speed: options.speed, seed: true });
  // Slack's limits run on simulated time too: at speed 60, a simulated minute's allowance each second.
  const rateLimitScale = Math.max(1, options.speed);
  const slack = await startSlackStandIn({
    now: () => sim.clock.now(),
    rateLimitScale,
    users: [
      { id: DEMO_OPERATOR, name: 'olivia', realName: 'Olivia Operator' },
      { id: DEMO_VIEWER, name: 'victor', realName: 'Victor Viewer' },
    ],
    channels: [{ id: DEMO_CHANNEL, name: 'platform-ops' }],
  });
  const zendeskToken = randomBytes(12).toString('hex');
  const zendesk = await startZendeskStandIn({ email: 'support-bot@example.com', apiToken: zendeskToken });
  const signingSecret = randomBytes(16).toString('hex');
  const prefix = `demo-${randomBytes(4).toString('hex')}`;
  const loaded = loadConfig({
    ...localBotEnv({
      slack,
      signingSecret,
      redisUrl: redis.url,
      queuePrefix: prefix,
      cloud: sim.osEnv,
      operators: [DEMO_OPERATOR],
      logLevel: options.logLevel,
      rateLimitScale,
    }),
    TICKET_SINK: 'zendesk',
    ZENDESK_URL: zendesk.url,
    ZENDESK_EMAIL: 'support-bot@example.com',
    ZENDESK_API_TOKEN: zendeskToken,
  });
  // Polls every simulated minute: at speed 60 that is once a second.
  const config = { ...loaded, pollIntervalMs: options.pollIntervalMs ?? 60_000 / Math.max(1, options.speed) };
  const bot = await startBot({ config, logger: createLogger(config.logLevel), clock: sim.clock });
  const botUrl = `http://127.0.0.1:${bot.port}/slack/events`;
  let triggers = 0;
  const allMessages = () => slack.messages(DEMO_CHANNEL).flatMap((root) => slack.thread(DEMO_CHANNEL, root.ts));
  return {
    sim,
    slack,
    zendesk,
    bot,
    botUrl,
    signingSecret,
    allMessages,
    waitForMessage: (match, timeoutMs = 60_000) => slack.waitFor(() => allMessages().find((m) => match.test(m.text)), timeoutMs),
    say: (text, user = DEMO_OPERATOR) =>
      sendSlashCommand(botUrl, signingSecret, {
        text,
        user_id: user,
        channel_id: DEMO_CHANNEL,
        team_id: DEMO_TEAM,
        trigger_id: `${Date.now()}.${++triggers}.demo`,
        response_url: slack.responseUrl(DEMO_CHANNEL, user),
      }),
    click: (message, actionId, user = DEMO_OPERATOR) =>
      sendBlockAction(botUrl, signingSecret, {
        action_id: actionId,
        value: buttonValue(message, actionId),
        user_id: user,
        team_id: DEMO_TEAM,
        channel_id: message.channel,
        message_ts: message.ts,
        thread_ts: message.threadTs,
        trigger_id: `${Date.now()}.${++triggers}.demo`,
      }),
    async stop() {
      await bot.stop();
      const cleanup = createRedisConnection(redis.url, 'producer', createSilentLogger());
      // Best effort: a Redis that is gone has nothing left to clean.
      await deleteKeysWithPrefix(cleanup, prefix).catch(() => 0);
      await cleanup.close();
      await slack.close();
      await zendesk.close();
      await sim.close();
      await redis.stop();
    },
  };
}

/** The value of the button with `actionId` in a message's blocks. */
export function buttonValue(message: StandInMessage, actionId: string): string {
  for (const block of message.blocks ?? []) {
    const elements = (block as { elements?: Array<{ action_id?: string; value?: string }> }).elements ?? [];
    const button = elements.find((e) => e.action_id === actionId);
    if (button) return button.value ?? '';
  }
  throw new Error(`no button ${actionId} in message ${message.ts}`);
}
