/**
 * Finding 9 of issue 10: a command in a channel the bot was never invited to. Slack refuses the
 * bot's post and the ephemeral fallback there (`not_in_channel`); the user is told, in a direct
 * message from the bot, to invite it, once, and the job is not retried in vain.
 */
import { jest } from '@jest/globals';
import { OPERATOR, QUIET_CHANNEL, eventually, startLifecycleHarness, type LifecycleHarness } from '../lifecycle/harness.js';

jest.setTimeout(120_000);

/** The stand-in keeps the bot's direct messages to U… under D…, as Slack's IM channel. */
const DM = `D${OPERATOR.slice(1)}`;

describe('a command where the bot is not a member', () => {
  let h: LifecycleHarness;

  beforeEach(async () => {
    h = await startLifecycleHarness();
  });

  afterEach(async () => {
    await h.stop();
  });

  it.each(['list', 'show healthy'])('`/kube %s` gets the user a direct message saying to invite the bot', async (text) => {
    await h.command(text, OPERATOR, QUIET_CHANNEL);

    const dm = await h.slack.waitFor(() => h.slack.messages(DM).find((m) => /not a member of that channel/.test(m.text)), 20_000);
    expect(dm.text).toContain('/invite @kube-chatops');
    expect(JSON.stringify(dm.blocks)).toContain(`<#${QUIET_CHANNEL}>`);
    expect(h.slack.messages(QUIET_CHANNEL)).toEqual([]);
    // The direct message is sent inside the job's last attempt, before BullMQ marks it failed.
    // (waitFor takes a synchronous probe: an async one returned a Promise, truthy at once.)
    await eventually(async () => (await h.jobs()).some((j) => j.state === 'failed'));
    const failed = (await h.jobs()).filter((j) => j.state === 'failed');
    expect(failed).toHaveLength(1);
    expect(h.slack.messages(DM).filter((m) => /not a member/.test(m.text))).toHaveLength(1);
  });
});
