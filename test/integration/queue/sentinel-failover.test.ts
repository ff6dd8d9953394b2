/**
 * The bot on Redis Sentinel (Debian's redis-server and redis-sentinel: a primary, a replica and
 * three Sentinels on loopback): slash commands keep flowing while the Sentinels fail the primary
 * over, and the same bot process, never restarted, answers every command it accepted; a command
 * refused in the failover window is refused out loud, never dropped.
 */
import { jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { localBotEnv } from '../../../src/bin/local-bot-env.js';
import { loadConfig } from '../../../src/config/load-config.js';
import { createSilentLogger } from '../../../src/logging/logger.js';
import { startBot, type RunningBot } from '../../../src/main/start-bot.js';
import { sendSlashCommand, startSim, startSlackStandIn, type Sim, type SlackStandIn } from '../../../src/sim/index.js';
import { MASTER_NAME, startSentinelGroup, type SentinelGroup } from '../../helpers/redis-sentinel-group.js';

jest.setTimeout(180_000);

const SECRET = 'sentinel-signing-secret';
const CHANNEL = 'C1OPS';
const USER = 'U1ALICE';
/** One user per command, so each answer names the command it answers. */
const USERS = Array.from({ length: 200 }, (_, i) => `U${String(i + 100)}`);
const LISTED = /^\d+ clusters/;
/** Slack's tiers times this, in the stand-in and the bot alike: this test is about Redis, not Slack's pace. */
const RATE_LIMIT_SCALE = 100;
const REFUSED = /job queue \(Redis\) is not answering/;

describe('Redis Sentinel', () => {
  let group: SentinelGroup;
  let sim: Sim;
  let slack: SlackStandIn;
  let bot: RunningBot;

  beforeAll(async () => {
    group = await startSentinelGroup();
    sim = await startSim();
    slack = await startSlackStandIn({
      channels: [{ id: CHANNEL, name: 'ops' }],
      users: [USER, ...USERS].map((id) => ({ id, name: id.toLowerCase() })),
      rateLimitScale: RATE_LIMIT_SCALE,
    });
    const env = {
      ...localBotEnv({
        slack,
        signingSecret: SECRET,
        // Nothing listens here: every connection must go through the Sentinels.
        redisUrl: 'redis://127.0.0.1:1',
        queuePrefix: `test-sentinel-${randomUUID()}`,
        cloud: sim.osEnv,
        operators: [USER],
        workerConcurrency: 4,
        rateLimitScale: RATE_LIMIT_SCALE,
      }),
      REDIS_SENTINELS: group.sentinels.join(','),
      REDIS_SENTINEL_MASTER: MASTER_NAME,
    };
    bot = await startBot({
      config: { ...loadConfig(env), pollIntervalMs: 100 },
      logger: createSilentLogger(),
      clock: sim.clock,
      worker: { lockDurationMs: 1_000, stalledIntervalMs: 1_000 },
    });
  });

  afterAll(async () => {
    await bot?.stop();
    await slack?.close();
    await sim?.close();
    await group?.stop();
  });

  it('loses no command across a failover: each is answered or refused out loud, and the same process works on the new primary', async () => {
    const url = `http://127.0.0.1:${bot.port}`;
    const sent: string[] = [];
    const statuses: number[] = [];
    const send = async () => {
      const user = USERS[sent.length] as string;
      sent.push(user);
      const response = await sendSlashCommand(url, SECRET, { text: 'list', user_id: user, channel_id: CHANNEL, team_id: 'T0STANDIN' });
      statuses.push(response.status);
    };
    const answersBy = (user: string) =>
      slack.messages(CHANNEL).filter((m) => LISTED.test(m.text) && JSON.stringify(m.blocks).includes(`<@${user}>`)).length;
    const refusedTo = (user: string) => slack.ephemerals(CHANNEL).filter((e) => e.user === user && REFUSED.test(e.text)).length;
    const settled = () => sent.every((user) => answersBy(user) + refusedTo(user) > 0);

    // Before: the bot works through the Sentinels at all.
    await send();
    await slack.waitFor(settled, 60_000);

    // During: a burst in flight, then one command every 100 ms while the Sentinels fail over.
    const burst = Array.from({ length: 20 }, () => send());
    let flowing = true;
    const trickle = (async () => {
      while (flowing) {
        await send();
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();
    const { from, to } = await group.failover();
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    flowing = false;
    await Promise.all([...burst, trickle]);
    const duringCount = sent.length - 1;

    // After: the same process, on the new primary.
    await send();
    await slack.waitFor(settled, 60_000).catch((error: unknown) => {
      const lost = sent.filter((user) => answersBy(user) === 0 && refusedTo(user) === 0);
      throw new Error(`neither answered nor refused: ${lost.join(', ')}; HTTP statuses ${statuses.join(' ')}`, { cause: error });
    });
    // Long enough for a job orphaned on the old primary to be found stalled and run again (locks are 1 s here).
    await new Promise((resolve) => setTimeout(resolve, 5_000));

    const unanswered = sent.filter((user) => answersBy(user) === 0 && refusedTo(user) === 0);
    const refused = sent.filter((user) => refusedTo(user) > 0);
    expect(to).not.toBe(from);
    expect(await group.primaryPort()).toBe(to);
    expect(statuses.every((s) => s === 200)).toBe(true);
    expect(duringCount).toBeGreaterThan(20);
    // Nothing lost. Not asserted: across a failover delivery is at least once. A job run on the old
    // primary in its last second is added again on the new one and can answer twice, and a
    // command whose write the failover cut off can be refused yet have run (see README, "Operate").
    expect(unanswered).toEqual([]);
    // Refusals only in the failover window: most commands sent during it were accepted and answered.
    expect(refused.length).toBeLessThan(duringCount / 2);
    expect(answersBy(sent[sent.length - 1] as string)).toBe(1);
  });
});
