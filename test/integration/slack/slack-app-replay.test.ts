import type { ReplayGuard } from '../../../src/slack/replay-guard.js';
import { blockActionPayload, sendSigned, sendSlashCommand } from '../../../src/sim/index.js';
import { COMMAND, SECRET, startHarness, type Harness } from './slack-app-harness.js';

/** A guard with the semantics of the Redis one (first caller wins), recording the windows asked for. */
function memoryGuard(): ReplayGuard & { seen: Map<string, number> } {
  const seen = new Map<string, number>();
  return {
    seen,
    async firstSeen(signature, ttlMs) {
      if (seen.has(signature)) return false;
      seen.set(signature, ttlMs);
      return true;
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
    const click = {
      action_id: 'confirm-delete',
      value: 'token',
      user_id: 'U1ALICE',
      team_id: 'T0STANDIN',
      channel_id: 'C1OPS',
      message_ts: '1.2',
      trigger_id: '1795000000.2.replay',
    };
    // The same bytes twice: the payload carries its own action_ts.
    const body = new URLSearchParams({ payload: JSON.stringify(blockActionPayload(click)) }).toString();
    const timestamp = Math.floor(Date.now() / 1000);

    const first = await sendSigned(h.botUrl, SECRET, body, { timestamp });
    const replay = await sendSigned(h.botUrl, SECRET, body, { timestamp });
    const resigned = await sendSigned(h.botUrl, SECRET, body, { timestamp: timestamp - 1 });

    expect([first.status, replay.status, resigned.status]).toEqual([200, 401, 200]);
    expect(h.interactions.actions).toHaveLength(2);
  });

  it('lets requests through when the guard cannot answer (Redis down): replays are idempotent anyway', async () => {
    h = await startHarness({ replayGuard: { firstSeen: () => Promise.reject(new Error('redis down')) } });

    const first = await sendSlashCommand(h.botUrl, SECRET, COMMAND);

    expect(first.status).toBe(200);
    expect(h.commands.requests).toHaveLength(1);
  });
});
