import { DELETE_ACTIONS } from '../../src/core/requests/delete-request.js';
/**
 * The create → CREATE_COMPLETE → resize → delete flow driven through signed Slack requests, with
 * the bot (web + worker) talking to the real Keystone 22 + Magnum 15 (Zed) peers, not the sim.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { setTimeout as sleep } from 'node:timers/promises';
import { PEERS_RC_ENV, peersRcPath } from '../helpers/peers-env.js';
import type { StandInMessage } from '../../src/sim/index.js';
import { startRealSlackHarness, type RealSlackHarness } from './slack-real-harness.js';

/** The keypair the peers' stand-in Nova knows. */
const KEYPAIR = 'ops-key';
/** A real create takes ~40 s and a resize ~25 s on the peers; a busy machine may triple that. */
const STEP_MS = 180_000;

const rcFile = peersRcPath();
if (!rcFile) {
  console.warn(
    `slack lifecycle (real): the real Keystone + Magnum peers are not running, skipping. As root, start them with ` +
      `../shared/peers install.sh + all_up.sh (RP=/tmp/rp), then run ${PEERS_RC_ENV}=/tmp/rp/admin.rc npm run jest -- test/conformance/slack-lifecycle-real.test.ts`,
  );
}
const describeReal = rcFile ? describe : describe.skip;

describeReal('/kube create, resize and delete through Slack against real Keystone + Magnum', () => {
  let h: RealSlackHarness;
  let cluster: string;
  let templateName: string;
  let templateUuid: string | undefined;

  beforeAll(async () => {
    h = await startRealSlackHarness(rcFile ?? '');
    cluster = `slack-${h.suffix}`;
    templateName = `slack-tpl-${h.suffix}`;
    templateUuid = await h.createTemplate(templateName);
  }, 60_000);

  afterAll(async () => {
    if (!h) return;
    // Leave nothing behind on the peers when a step failed half-way.
    if ((await h.clusterStatus(cluster)) !== 404) {
      await h.deleteClusterQuietly(cluster);
      for (let poll = 0; poll < 60 && (await h.clusterStatus(cluster)) !== 404; poll += 1) await sleep(2_000);
    }
    if (templateUuid) await h.deleteTemplate(templateUuid);
    await h.stop();
  }, 180_000);

  /** The first message matching `match`, or an error listing what the channel got instead (also on `failure`). */
  async function expectMessage(match: RegExp, failure: RegExp): Promise<StandInMessage> {
    try {
      const found = await h.waitForMessage(new RegExp(`${match.source}|${failure.source}`, 'i'), STEP_MS);
      if (!match.test(found.text)) throw new Error(`got a failure: ${found.text}`);
      return found;
    } catch (error) {
      const seen = h
        .allMessages()
        .map((m) => `  ${m.text}`)
        .join('\n');
      throw new Error(`waiting for ${match}: ${error instanceof Error ? error.message : String(error)}\nchannel so far:\n${seen}`, {
        cause: error,
      });
    }
  }

  it('reports the cluster ready, resized and deleted in Slack, and the real Magnum no longer has it', async () => {
    await h.command(`create ${cluster} --template ${templateName} --nodes 1 --keypair ${KEYPAIR}`);
    const ready = await expectMessage(new RegExp(`${cluster} is ready`), new RegExp(`creating ${cluster} failed|CREATE_FAILED`));
    expect(ready.text).toContain('<@U1ALICE>');
    expect(ready.text).toMatch(/CREATE_COMPLETE/);
    expect(await h.clusterStatus(cluster)).toBe(200);

    await h.command(`resize ${cluster} --nodes 2`);
    const resized = await expectMessage(new RegExp(`${cluster} now has 2 worker nodes`), /UPDATE_FAILED|resiz\w* \S+ failed/);
    expect(resized.text).toContain('<@U1ALICE>');

    await h.command(`delete ${cluster}`);
    const preview = await expectMessage(new RegExp(`^Delete ${cluster}`), new RegExp(`no cluster ${cluster}|could not`));
    await h.click(preview, DELETE_ACTIONS.confirm);
    const deleted = await expectMessage(new RegExp(`${cluster} is deleted`), /DELETE_FAILED|delet\w* \S+ failed/);
    expect(deleted.threadTs).toBe(preview.ts);
    expect(await h.clusterStatus(cluster)).toBe(404);

    const uuid = templateUuid;
    templateUuid = undefined;
    expect(uuid && (await h.deleteTemplate(uuid))).toBe(204);
  }, 480_000);
});
