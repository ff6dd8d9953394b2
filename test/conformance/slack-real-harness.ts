/**
 * The whole bot (ROLE=all) against the real Keystone + Magnum peers and the Slack stand-in: real
 * Redis under a unique prefix, requests signed like Slack's, real time between polls.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { localBotEnv } from '../../src/bin/local-bot-env.js';
import { loadConfig, type Config } from '../../src/config/load-config.js';
import { createSilentLogger } from '../../src/logging/logger.js';
import { startBot, type RunningBot } from '../../src/main/start-bot.js';
import { createRedisConnection } from '../../src/queue/connection.js';
import {
  sendBlockAction,
  sendSlashCommand,
  startSlackStandIn,
  type SignedResponse,
  type SlackStandIn,
  type StandInMessage,
} from '../../src/sim/index.js';
import { cliTemplateBody } from './sequence.js';
import { parseRc } from './targets.js';
import { magnum, openSession, type WireSession } from './wire.js';

const REDIS_URL = 'redis://127.0.0.1:6379';
const SECRET = 'slack-real-signing-secret';
const TEAM = 'T0STANDIN';
export const CHANNEL = 'C1OPS';
export const OPERATOR = 'U1ALICE';
/** Real milliseconds between the bot's polls of Magnum (a real create takes ~40 s). */
const POLL_MS = 1_500;
/** The OS_* keys of `admin.rc` the bot's config reads. */
const OS_KEYS = [
  'OS_AUTH_URL',
  'OS_USERNAME',
  'OS_PASSWORD',
  'OS_PROJECT_NAME',
  'OS_USER_DOMAIN_NAME',
  'OS_PROJECT_DOMAIN_NAME',
  'OS_REGION_NAME',
  'OS_INTERFACE',
] as const;

export interface RealSlackHarness {
  slack: SlackStandIn;
  /** A fresh name suffix for clusters and templates, so parallel runs never collide. */
  suffix: string;
  command(text: string): Promise<SignedResponse>;
  /** Clicks a button (by action id) in a bot message, as the requester. */
  click(message: StandInMessage, actionId: string): Promise<SignedResponse>;
  /** Every message of the channel, roots and replies. */
  allMessages(): StandInMessage[];
  /** The first message (root or reply) whose text matches. */
  waitForMessage(match: RegExp, timeoutMs: number): Promise<StandInMessage>;
  /** Creates a cluster template on the real Magnum as `openstack coe cluster template create` does; returns its uuid. */
  createTemplate(name: string): Promise<string>;
  deleteTemplate(uuid: string): Promise<number>;
  /** The HTTP status the real Magnum answers `GET /v1/clusters/NAME` with. */
  clusterStatus(name: string): Promise<number>;
  /** Deletes a cluster left behind by a failed run (ignores a 404). */
  deleteClusterQuietly(name: string): Promise<void>;
  stop(): Promise<void>;
}

/** Starts the Slack stand-in and the bot, configured with the peers' `admin.rc`. */
export async function startRealSlackHarness(rcFile: string): Promise<RealSlackHarness> {
  const rc = parseRc(await readFile(rcFile, 'utf8'));
  const osEnv = Object.fromEntries(OS_KEYS.flatMap((key) => (rc[key] === undefined ? [] : [[key, rc[key]]])));
  const login = {
    authUrl: rc['OS_AUTH_URL'] ?? '',
    username: rc['OS_USERNAME'] ?? '',
    password: rc['OS_PASSWORD'] ?? '',
    projectName: rc['OS_PROJECT_NAME'] ?? '',
    userDomainName: rc['OS_USER_DOMAIN_NAME'] ?? 'Default',
    projectDomainName: rc['OS_PROJECT_DOMAIN_NAME'] ?? 'Default',
    regionName: rc['OS_REGION_NAME'] ?? 'RegionOne',
  };
  const session: WireSession = await openSession(login);
  const slack = await startSlackStandIn({ channels: [{ id: CHANNEL, name: 'ops' }], users: [{ id: OPERATOR, name: 'alice' }] });
  const prefix = `test-slack-real-${randomUUID()}`;
  const env = localBotEnv({
    slack,
    signingSecret: SECRET,
    redisUrl: REDIS_URL,
    queuePrefix: prefix,
    cloud: osEnv,
    operators: [OPERATOR],
    workerConcurrency: 4,
  });
  const config: Config = { ...loadConfig(env), pollIntervalMs: POLL_MS };
  let bot: RunningBot;
  try {
    bot = await startBot({ config, logger: createSilentLogger() });
  } catch (error) {
    await slack.close();
    throw error;
  }
  const botUrl = `http://127.0.0.1:${bot.port ?? 0}`;
  const allMessages = (): StandInMessage[] => slack.messages(CHANNEL).flatMap((root) => slack.thread(CHANNEL, root.ts));

  return {
    slack,
    suffix: randomBytes(3).toString('hex'),
    command: (text) => sendSlashCommand(botUrl, SECRET, { text, user_id: OPERATOR, channel_id: CHANNEL, team_id: TEAM }),
    click: (message, actionId) =>
      sendBlockAction(botUrl, SECRET, {
        action_id: actionId,
        value: buttonValue(message, actionId),
        user_id: OPERATOR,
        team_id: TEAM,
        channel_id: CHANNEL,
        message_ts: message.ts,
        ...(message.threadTs === undefined ? {} : { thread_ts: message.threadTs }),
      }),
    allMessages,
    waitForMessage: (match, timeoutMs) => slack.waitFor(() => allMessages().find((m) => match.test(m.text)), timeoutMs),
    async createTemplate(name) {
      const created = await magnum(session, 'POST', '/clustertemplates', { body: cliTemplateBody(name) });
      const uuid = (created.json as { uuid?: unknown } | null)?.uuid;
      if (created.record.status !== 201 || typeof uuid !== 'string')
        throw new Error(`template create answered HTTP ${created.record.status}`);
      return uuid;
    },
    deleteTemplate: async (uuid) => (await magnum(session, 'DELETE', `/clustertemplates/${uuid}`)).record.status,
    clusterStatus: async (name) => (await magnum(session, 'GET', `/clusters/${name}`)).record.status,
    async deleteClusterQuietly(name) {
      await magnum(session, 'DELETE', `/clusters/${name}`).catch(() => undefined);
    },
    async stop() {
      await bot.stop();
      await deletePrefix(prefix);
      await slack.close();
    },
  };
}

/** Removes every Redis key the bot wrote under this run's prefix. */
async function deletePrefix(prefix: string): Promise<void> {
  const connection = createRedisConnection(REDIS_URL, 'producer', createSilentLogger());
  // A producer connection fails commands until it is ready (no offline queue).
  if (connection.client.status !== 'ready') await new Promise((resolve) => connection.client.once('ready', resolve));
  try {
    let cursor = '0';
    do {
      const [next, keys] = await connection.client.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length > 0) await connection.client.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    await connection.close();
  }
}

/** The value of the button with that action id in a message's blocks. */
function buttonValue(message: StandInMessage, actionId: string): string {
  for (const block of (message.blocks ?? []) as Array<{ elements?: Array<{ action_id?: string; value?: string }> }>) {
    const found = block.elements?.find((e) => e.action_id === actionId);
    if (found?.value !== undefined) return found.value;
  }
  throw new Error(`no button ${actionId} in message ${message.ts}: ${message.text}`);
}
