import { deleteKeysWithPrefix } from '../../../src/queue/delete-prefix.js';
/**
 * The whole bot against the simulated cloud and the Slack stand-in: real Redis under a unique
 * prefix, requests signed like Slack's, the SimClock stepped by the test.
 */
import { randomUUID } from 'node:crypto';
import { localBotEnv } from '../../../src/bin/local-bot-env.js';
import { loadConfig, type Config } from '../../../src/config/load-config.js';
import type { Logger } from '../../../src/core/ports.js';
import { createSilentLogger } from '../../../src/logging/logger.js';
import { startBot, type BotTiming, type RunningBot } from '../../../src/main/start-bot.js';
import { createRedisConnection, type RedisConnection } from '../../../src/queue/connection.js';
import { createJobQueue, type BullJobQueue } from '../../../src/queue/job-queue.js';
import type { JobSummary } from '../../../src/queue/list-jobs.js';
import { createRedisAuditLog } from '../../../src/queue/redis-audit-log.js';
import { createOperationStore } from '../../../src/queue/operation-store.js';
import type { AuditRecord } from '../../../src/core/audit.js';
import {
  MAGNUM_CLUSTER_LISTS,
  sendBlockAction,
  sendSlashCommand,
  startSim,
  startSlackStandIn,
  type SignedResponse,
  type Sim,
  type SlackStandIn,
  type StandInMessage,
} from '../../../src/sim/index.js';

export const REDIS_URL = 'redis://127.0.0.1:6379';
export const SECRET = 'lifecycle-signing-secret';
export const TEAM = 'T0STANDIN';
export const CHANNEL = 'C1OPS';
/** A channel the bot was never invited to: Slack refuses its posts there with `not_in_channel`. */
export const QUIET_CHANNEL = 'C2QUIET';
export const OPERATOR = 'U1ALICE';
export const OTHER_OPERATOR = 'U3BOB';
export const ADMIN = 'U9ADMIN';
export const VIEWER = 'U2VIEWER';
export const MINUTE = 60_000;
/** Real milliseconds between polls (the sim's time moves only when the test steps it). */
export const POLL_MS = 100;

export interface LifecycleHarness {
  sim: Sim;
  slack: SlackStandIn;
  prefix: string;
  queue: BullJobQueue;
  botUrl: string | null;
  /** The first bot's metrics port: /metrics, /healthz, /readyz. */
  metricsUrl: string;
  config: Config;
  /** Magnum cluster-list requests (`GET /v1/clusters`, `/v1/clusters/detail`) the sim has served. */
  magnumListCalls(): number;
  command(text: string, user?: string, channel?: string): Promise<SignedResponse>;
  /** Clicks a button (by action id) in a bot message. */
  click(message: StandInMessage, actionId: string, user?: string): Promise<SignedResponse>;
  /** Steps the simulated clock. */
  advance(ms: number): void;
  /** Every message of the channel, roots and replies. */
  allMessages(): StandInMessage[];
  /** The first message (root or reply) whose text matches. */
  waitForMessage(match: RegExp, timeoutMs?: number): Promise<StandInMessage>;
  waitForEphemeral(match: RegExp, timeoutMs?: number): Promise<string>;
  jobs(): Promise<JobSummary[]>;
  /** Operations the poller still tracks. */
  trackedOperations(): Promise<number>;
  audit(): Promise<AuditRecord[]>;
  /** The environment a worker in another process needs to join this bot. */
  env(role: 'all' | 'web' | 'worker'): Record<string, string>;
  startWorker(): Promise<RunningBot>;
  /** Stops one bot process started by the harness (a restart, for instance). */
  stopBot(bot: RunningBot): Promise<void>;
  stop(): Promise<void>;
}

export interface HarnessOptions {
  /** Start the worker role in this process too (default true). */
  worker?: boolean;
  confirmTtlMs?: number;
  logger?: Logger;
  /** Slack's limits times this, in the stand-in and the bot alike (default 1: Slack's real tiers). */
  rateLimitScale?: number;
  /** Jobs the bot runs at once (default 4). */
  workerConcurrency?: number;
  /** Another Redis than the shared one (a private server a test restarts). */
  redisUrl?: string;
  /** Client timeouts and backoffs (the fault suites shorten them). */
  timing?: BotTiming;
  /**
   * Worker locks (default 10 s lock, stalled check every 5 s): short enough that a worker the
   * test stops is replaced within seconds, long enough that a loaded machine does not take a
   * running job for stalled and run it twice (1 s locks did, under CI load).
   */
  locks?: { lockDurationMs: number; stalledIntervalMs: number };
  /** More environment for every role (a ticket sink, for instance). */
  env?: Record<string, string>;
}

/** Starts the sim, the stand-in and the bot (web + worker unless told otherwise). */
export async function startLifecycleHarness(options: HarnessOptions = {}): Promise<LifecycleHarness> {
  const sim = await startSim();
  const users = [OPERATOR, OTHER_OPERATOR, ADMIN, VIEWER].map((id) => ({ id, name: id.slice(2).toLowerCase() }));
  const slack = await startSlackStandIn({
    channels: [
      { id: CHANNEL, name: 'ops' },
      { id: QUIET_CHANNEL, name: 'quiet', botIsMember: false },
    ],
    users,
    rateLimitScale: options.rateLimitScale,
  });
  const prefix = `test-lifecycle-${randomUUID()}`;
  const env = (role: 'all' | 'web' | 'worker'): Record<string, string> => ({
    ...localBotEnv({
      role,
      slack,
      signingSecret: SECRET,
      redisUrl: options.redisUrl ?? REDIS_URL,
      queuePrefix: prefix,
      cloud: sim.osEnv,
      operators: [OPERATOR, OTHER_OPERATOR],
      admins: [ADMIN],
      workerConcurrency: options.workerConcurrency ?? 4,
      rateLimitScale: options.rateLimitScale,
    }),
    ...options.env,
  });
  const config: Config = { ...loadConfig(env(options.worker === false ? 'web' : 'all')), pollIntervalMs: POLL_MS };
  const logger = options.logger ?? createSilentLogger();
  const tuning = {
    clock: sim.clock,
    worker: options.locks ?? { lockDurationMs: 10_000, stalledIntervalMs: 5_000 },
    confirmTtlMs: options.confirmTtlMs ?? 10 * MINUTE,
    ...(options.timing ? { timing: options.timing } : {}),
  };
  const bots: RunningBot[] = [await startBot({ config, logger, ...tuning })];
  const botUrl = bots[0]?.port ? `http://127.0.0.1:${bots[0].port}` : null;
  const metricsUrl = `http://127.0.0.1:${bots[0]?.metricsPort ?? 0}`;
  const connection: RedisConnection = createRedisConnection(options.redisUrl ?? REDIS_URL, 'producer', logger);
  // A producer connection fails commands until it is ready (no offline queue).
  if (connection.client.status !== 'ready') await new Promise((resolve) => connection.client.once('ready', resolve));
  const queue = createJobQueue({ connection, prefix, logger });
  const auditLog = createRedisAuditLog(connection.client, prefix, logger);
  const operations = createOperationStore(connection.client, prefix);

  const allMessages = () => slack.messages(CHANNEL).flatMap((root) => slack.thread(CHANNEL, root.ts));
  /** Waits (at most 3 s: a preview that audits nothing is clicked anyway) for the 'requested' record of the preview at `ts`. */
  const requestAudited = async (ts: string): Promise<void> => {
    const deadline = Date.now() + 3_000;
    while (Date.now() < deadline) {
      const records = await auditLog.recent({ channelId: CHANNEL, limit: 500 });
      if (records.some((r) => r.decision === 'requested' && r.threadTs === ts)) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };
  return {
    sim,
    slack,
    prefix,
    queue,
    botUrl,
    metricsUrl,
    config,
    magnumListCalls: () => sim.requests.count(MAGNUM_CLUSTER_LISTS),
    command(text, user = OPERATOR, channel = CHANNEL) {
      if (!botUrl) throw new Error('no web role running');
      return sendSlashCommand(botUrl, SECRET, { text, user_id: user, channel_id: channel, team_id: TEAM });
    },
    async click(message, actionId, user = OPERATOR) {
      if (!botUrl) throw new Error('no web role running');
      const value = buttonValue(message, actionId);
      // A preview's request is audited once the preview is posted: a person does not click Confirm
      // within those milliseconds, a test could (then 'confirmed' came before 'requested').
      if (actionId.endsWith('-confirm')) await requestAudited(message.ts);
      return sendBlockAction(botUrl, SECRET, {
        action_id: actionId,
        value,
        user_id: user,
        team_id: TEAM,
        channel_id: CHANNEL,
        message_ts: message.ts,
        ...(message.threadTs === undefined ? {} : { thread_ts: message.threadTs }),
      });
    },
    advance: (ms) => sim.clock.advance(ms),
    allMessages,
    waitForMessage: (match, timeoutMs = 15_000) => slack.waitFor(() => allMessages().find((m) => match.test(m.text)), timeoutMs),
    waitForEphemeral: (match, timeoutMs = 15_000) =>
      slack.waitFor(() => slack.ephemerals(CHANNEL).find((e) => match.test(e.text))?.text, timeoutMs),
    jobs: () => queue.getJobs(['active', 'waiting', 'delayed', 'prioritized', 'completed', 'failed'], 500),
    audit: () => auditLog.recent({ channelId: CHANNEL, limit: 500 }),
    trackedOperations: async () => (await operations.list('default')).length,
    env,
    async startWorker() {
      const workerConfig: Config = { ...loadConfig(env('worker')), pollIntervalMs: POLL_MS };
      const bot = await startBot({ config: workerConfig, logger, ...tuning });
      bots.push(bot);
      return bot;
    },
    async stopBot(bot) {
      const at = bots.indexOf(bot);
      if (at >= 0) bots.splice(at, 1);
      await bot.stop();
    },
    async stop() {
      for (const bot of bots.reverse()) await bot.stop();
      await queue.close();
      await deleteKeysWithPrefix(connection, prefix);
      await connection.close();
      await slack.close();
      await sim.close();
    },
  };
}

/** The value of the button with that action id in a message's blocks. */
export function buttonValue(message: StandInMessage, actionId: string): string {
  for (const block of (message.blocks ?? []) as Array<{ elements?: Array<{ action_id?: string; value?: string }> }>) {
    const found = block.elements?.find((e) => e.action_id === actionId);
    if (found?.value !== undefined) return found.value;
  }
  throw new Error(`no button ${actionId} in message ${message.ts}: ${message.text}`);
}

/** Whether a message (current version) has a button with that action id. */
export function hasButton(message: StandInMessage, actionId: string): boolean {
  try {
    buttonValue(message, actionId);
    return true;
  } catch {
    return false;
  }
}

/** Polls until `check` holds (the jest timeout bounds the wait). */
export async function eventually(check: () => Promise<boolean>): Promise<void> {
  while (!(await check())) await new Promise((resolve) => setTimeout(resolve, 25));
}

/** The sim's clusters of that name (the "never two clusters" check). */
export function simClustersNamed(sim: Sim, name: string): number {
  return sim.state.clusters.filter((c) => c.name === name).length;
}
