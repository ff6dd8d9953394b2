import { createRedisSingleUse } from '../../../src/queue/redis-single-use.js';
import type { ReplayGuard } from '../../../src/slack/replay-guard.js';
import { blockActionPayload, sendSigned, sendSlashCommand } from '../../../src/sim/index.js';
import { redisKit } from '../security/redis-kit.js';
import { COMMAND, SECRET, startHarness, type Harness } from './slack-app-harness.js';

/** A guard with the semantics of the Redis one (first caller wins), recording the windows asked for. */
function memoryGuard(): ReplayGuard & { seen: Map<string, number> } {
  const seen = new Map<string, number>();
  return {
    seen,
    async firstSeen(signature, ttlMs) {
      if (seen.has(signature)) return 'used';
      seen.set(signature, ttlMs);
      return 'first';
    },
  };
}

describe('replayed Slack requests', () => {
  let h: Harness;
  afterEach(async () => {
    await h.stop();
  });

  it('refuses the same signed slash command a second time with 401, before plan runs', async () => {
    const guard = memoryGuard();
    h = await startHarness({ replayGuard: guard });
    const timestamp = Math.floor(Date.now() / 1000);
    const command = { ...COMMAND, trigger_id: '1795000000.1.replay' };

    const first = await sendSlashCommand(h.botUrl, SECRET, command, { timestamp });
    const replay = await sendSlashCommand(h.botUrl, SECRET, command, { timestamp });

    expect([first.status, replay.status]).toEqual([200, 401]);
    expect(h.commands.requests).toHaveLength(1);
    expect([...guard.seen.values()]).toEqual([6 * 60_000]);
  });

  it('refuses a replayed button click, and lets a fresh signature of the same click through', async () => {
    h = await startHarness({ replayGuard: memoryGuard() });
    // The same bytes twice: the payload carries its own action_ts.
    const body = confirmClick({ trigger_id: '1795000000.2.replay' });
    const timestamp = Math.floor(Date.now() / 1000);

    const first = await sendSigned(h.botUrl, SECRET, body, { timestamp });
    const replay = await sendSigned(h.botUrl, SECRET, body, { timestamp });
    const resigned = await sendSigned(h.botUrl, SECRET, body, { timestamp: timestamp - 1 });

    expect([first.status, replay.status, resigned.status]).toEqual([200, 401, 200]);
    expect(h.interactions.actions).toHaveLength(2);
  });

  /** A Confirm click's request body, signed by each test. */
  const CONFIRM_CLICK = confirmClick();

  it('when the guard cannot answer (Redis down): refuses clicks (503), lets slash commands through', async () => {
    h = await startHarness({ replayGuard: { firstSeen: () => Promise.reject(new Error('redis down')) } });

    const command = await sendSlashCommand(h.botUrl, SECRET, COMMAND);
    const clicked = await sendSigned(h.botUrl, SECRET, CONFIRM_CLICK);

    expect([command.status, clicked.status]).toEqual([200, 503]);
    expect(h.commands.requests).toHaveLength(1);
    expect(h.interactions.actions).toHaveLength(0);
  });

  it('when the guard does not answer in time (Redis failing over): acks the slash command at once, refuses the click (503)', async () => {
    h = await startHarness({ replayGuard: { firstSeen: () => new Promise(() => undefined) } });

    const [command, clicked] = await Promise.all([
      sendSlashCommand(h.botUrl, SECRET, COMMAND),
      sendSigned(h.botUrl, SECRET, CONFIRM_CLICK),
    ]);

    // Without the deadline Bolt answers 404 once its 3 s are up, and the command is lost.
    expect([command.status, clicked.status]).toEqual([200, 503]);
    expect(h.commands.requests).toHaveLength(1);
    expect(h.interactions.actions).toHaveLength(0);
  });

  describe('on the real Redis guard', () => {
    const kit = redisKit();
    afterAll(() => kit.cleanup());

    it('after Redis restarted without persistence, refuses a replay of a request signed before the restart', async () => {
      const once = createRedisSingleUse(kit.redis, kit.prefix, { scope: 'slack-signatures' });
      await once.start();
      h = await startHarness({ replayGuard: { firstSeen: (s, ttl, at) => once.claim(`slack-signature:${s}`, ttl, at) } });
      const timestamp = Math.floor(Date.now() / 1000);
      const body = confirmClick();

      const first = await sendSigned(h.botUrl, SECRET, body, { timestamp });
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      // Redis restarts with an empty memory: every key is gone, the memory start too.
      const keys = await kit.redis.keys(`${kit.prefix}:*`);
      await kit.redis.del(...keys);
      const replay = await sendSigned(h.botUrl, SECRET, body, { timestamp });
      const command = await sendSlashCommand(h.botUrl, SECRET, COMMAND, { timestamp });
      const fresh = await sendSlashCommand(
        h.botUrl,
        SECRET,
        { ...COMMAND, trigger_id: 'fresh' },
        { timestamp: Math.floor(Date.now() / 1000) + 1 },
      );

      expect([first.status, replay.status, command.status, fresh.status]).toEqual([200, 401, 401, 200]);
      expect(h.interactions.actions).toHaveLength(1);
      expect(h.commands.requests).toHaveLength(1);
    });
  });
});

/** The form body of a Confirm click on a delete preview. */
function confirmClick(extra: Record<string, string> = {}): string {
  const click = {
    action_id: 'confirm-delete',
    value: 'token',
    user_id: 'U1ALICE',
    team_id: 'T0STANDIN',
    channel_id: 'C1OPS',
    message_ts: '1.2',
    ...extra,
  };
  return new URLSearchParams({ payload: JSON.stringify(blockActionPayload(click)) }).toString();
}
