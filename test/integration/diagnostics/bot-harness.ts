import { deleteKeysWithPrefix } from '../../../src/queue/delete-prefix.js';
/**
 * The whole bot (web + worker) against the sim and the Slack stand-in, for the diagnostics and
 * ticket flows: real Redis under a unique prefix, requests signed like Slack's.
 */
import { randomUUID } from 'node:crypto';
import { localBotEnv } from '../../../src/bin/local-bot-env.js';
import { loadConfig } from '../../../src/config/load-config.js';
import { createSilentLogger } from '../../../src/logging/logger.js';
import { startBot, type RunningBot } from '../../../src/main/start-bot.js';
import { createRedisConnection } from '../../../src/queue/connection.js';
import {
  sendBlockAction,
  sendSlashCommand,
  startSim,
  startSlackStandIn,
  type SignedResponse,
  type Sim,
  type SlackStandIn,
  type StandInMessage,
} from '../../../src/sim/index.js';

const REDIS_URL = 'redis://127.0.0.1:6379';
const SECRET = 'diagnostics-signing-secret';
export const TEAM = 'T0STANDIN';
export const CHANNEL = 'C1OPS';
export const USER = 'U1ALICE';

export interface BotHarness {
  sim: Sim;
  slack: SlackStandIn;
  /** A slash command from the harness's user, in CHANNEL unless told. */
  command(text: string, channel?: string): Promise<SignedResponse>;
  /** Clicks a button of `message`; `value` replaces the button's own (a forged click). */
  click(message: StandInMessage, actionId: string, value?: string): Promise<SignedResponse>;
  /** Every message of the channel, roots and replies (current versions). */
  allMessages(): StandInMessage[];
  waitForMessage(match: RegExp, timeoutMs?: number): Promise<StandInMessage>;
  waitForEphemeral(match: RegExp, timeoutMs?: number, channel?: string): Promise<string>;
  stop(): Promise<void>;
}

/** Starts the sim, the stand-in and the bot with extra environment (ticket sink, KUBECONFIG_DIR...). */
export async function startBotHarness(
  extraEnv: (sim: Sim) => Record<string, string> = () => ({}),
  otherChannels: readonly { id: string; name: string }[] = [],
): Promise<BotHarness> {
  const sim = await startSim();
  const slack = await startSlackStandIn({
    channels: [{ id: CHANNEL, name: 'ops' }, ...otherChannels],
    users: [{ id: USER, name: 'alice' }],
  });
  const prefix = `test-diagnostics-${randomUUID()}`;
  const env = {
    ...localBotEnv({
      slack,
      signingSecret: SECRET,
      redisUrl: REDIS_URL,
      queuePrefix: prefix,
      cloud: sim.osEnv,
      operators: [USER],
      workerConcurrency: 4,
    }),
    ...extraEnv(sim),
  };
  const logger = createSilentLogger();
  const bot: RunningBot = await startBot({ config: loadConfig(env), logger, clock: sim.clock });
  const botUrl = `http://127.0.0.1:${bot.port ?? 0}`;
  // Made now: a producer connection refuses commands until it is ready (no offline queue).
  const redis = createRedisConnection(REDIS_URL, 'producer', logger);
  const allMessages = () => slack.messages(CHANNEL).flatMap((root) => slack.thread(CHANNEL, root.ts));
  return {
    sim,
    slack,
    command: (text, channel = CHANNEL) => sendSlashCommand(botUrl, SECRET, { text, user_id: USER, channel_id: channel, team_id: TEAM }),
    click: (message, actionId, value) =>
      sendBlockAction(botUrl, SECRET, {
        action_id: actionId,
        value: value ?? buttonValue(message, actionId),
        user_id: USER,
        team_id: TEAM,
        channel_id: CHANNEL,
        message_ts: message.ts,
        ...(message.threadTs === undefined ? {} : { thread_ts: message.threadTs }),
      }),
    allMessages,
    waitForMessage: (match, timeoutMs = 20_000) => slack.waitFor(() => allMessages().find((m) => match.test(m.text)), timeoutMs),
    waitForEphemeral: (match, timeoutMs = 20_000, channel = CHANNEL) =>
      slack.waitFor(() => slack.ephemerals(channel).find((e) => match.test(e.text))?.text, timeoutMs),
    async stop() {
      try {
        await bot.stop();
        await deleteKeysWithPrefix(redis, prefix);
      } finally {
        await redis.close();
        await slack.close();
        await sim.close();
      }
    },
  };
}

/** Every button of a message, as `action_id` -> value (or url). */
export function buttons(message: StandInMessage | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const block of (message?.blocks ?? []) as Array<{ elements?: Array<{ action_id?: string; value?: string; url?: string }> }>) {
    for (const e of block.elements ?? []) if (e.action_id) out[e.action_id] = e.value ?? e.url ?? '';
  }
  return out;
}

export function buttonValue(message: StandInMessage, actionId: string): string {
  const value = buttons(message)[actionId];
  if (value === undefined) throw new Error(`no button ${actionId} in message ${message.ts}: ${message.text}`);
  return value;
}

/** The mrkdwn of a message's section blocks, joined. */
export function sectionsOf(message: StandInMessage): string {
  return ((message.blocks ?? []) as Array<{ text?: { text?: string } }>).map((b) => b.text?.text ?? '').join('\n');
}
