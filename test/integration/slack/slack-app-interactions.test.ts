import { BotError } from '../../../src/core/errors.js';
import { sendBlockAction, sendViewSubmission, type SlackStandIn } from '../../../src/sim/index.js';
import { SECRET, startHarness, type FakeInteractions, type Harness } from './slack-app-harness.js';

describe('buttons and modals over HTTP', () => {
  let h: Harness;
  let slack: SlackStandIn;
  let botUrl: string;
  let interactions: FakeInteractions;

  beforeEach(async () => {
    h = await startHarness();
    ({ slack, botUrl, interactions } = h);
  });

  afterEach(async () => {
    await h.stop();
  });

  it('acks a button click and hands it to onAction', async () => {
    const response = await sendBlockAction(botUrl, SECRET, {
      action_id: 'cluster_retry',
      value: 'job-42',
      user_id: 'U1ALICE',
      team_id: 'T0STANDIN',
      channel_id: 'C1OPS',
      message_ts: '1700000000.000100',
      thread_ts: '1700000000.000001',
      trigger_id: '1.2.x',
    });
    await slack.waitFor(() => interactions.actions.length > 0);

    expect(response.status).toBe(200);
    expect(interactions.actions).toEqual([
      {
        actionId: 'cluster_retry',
        value: 'job-42',
        userId: 'U1ALICE',
        teamId: 'T0STANDIN',
        channelId: 'C1OPS',
        messageTs: '1700000000.000100',
        threadTs: '1700000000.000001',
        triggerId: '1.2.x',
      },
    ]);
  });

  it("lets onAction reply ephemerally through the click's response_url", async () => {
    interactions.onAction = async (_request, reply) => {
      await reply({ text: 'Retrying job-42' });
    };

    await sendBlockAction(botUrl, SECRET, {
      action_id: 'cluster_retry',
      value: 'job-42',
      user_id: 'U1ALICE',
      team_id: 'T0STANDIN',
      channel_id: 'C1OPS',
      message_ts: '1700000000.000100',
      response_url: slack.responseUrl('C1OPS', 'U1ALICE'),
    });
    const ephemerals = await slack.waitFor(() => slack.ephemerals('C1OPS').length > 0 && slack.ephemerals('C1OPS'));

    expect(ephemerals.map((e) => [e.text, e.via])).toEqual([['Retrying job-42', 'response_url']]);
  });

  it('shows an error view when the submission handler fails', async () => {
    interactions.onViewSubmission = async () => {
      throw new BotError('quota_exceeded', 'The project has no quota left for 3 nodes.');
    };

    const response = await sendViewSubmission(botUrl, SECRET, {
      callback_id: 'cluster_create',
      user_id: 'U1ALICE',
      team_id: 'T0STANDIN',
      values: {},
    });

    expect(response.body).toMatchObject({
      response_action: 'update',
      view: {
        type: 'modal',
        blocks: [
          {
            type: 'section',
            text: {
              type: 'mrkdwn',
              text: 'The project has no quota left for 3 nodes. The project is out of quota: delete unused clusters or ask for a quota increase.',
            },
          },
        ],
      },
    });
  });

  it('returns field errors of a view submission in the ack', async () => {
    interactions.errors = { name_block: 'Names are lowercase letters, digits and dashes.' };

    const response = await sendViewSubmission(botUrl, SECRET, {
      callback_id: 'cluster_create',
      user_id: 'U1ALICE',
      team_id: 'T0STANDIN',
      private_metadata: '{"channel":"C1OPS"}',
      values: { name_block: { name: 'Prod!' } },
      view_id: 'V1',
    });

    expect(response).toEqual({
      status: 200,
      body: { response_action: 'errors', errors: { name_block: 'Names are lowercase letters, digits and dashes.' } },
    });
    expect(interactions.submissions).toEqual([
      {
        callbackId: 'cluster_create',
        userId: 'U1ALICE',
        teamId: 'T0STANDIN',
        privateMetadata: '{"channel":"C1OPS"}',
        values: { name_block: { name: 'Prod!' } },
        viewId: 'V1',
      },
    ]);
  });

  it('acks a valid view submission empty, which closes the modal', async () => {
    const response = await sendViewSubmission(botUrl, SECRET, {
      callback_id: 'cluster_create',
      user_id: 'U1ALICE',
      team_id: 'T0STANDIN',
      values: {},
    });

    expect(response).toEqual({ status: 200, body: '' });
  });
});
