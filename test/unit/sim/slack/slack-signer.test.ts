import { toActionRequest, toSlashRequest, toViewSubmission } from '../../../../src/slack/slack-payloads.js';
import { slackSignature } from '../../../../src/sim/slack/slack-signer.js';
import { blockActionPayload, slashCommandForm, viewSubmissionPayload } from '../../../../src/sim/slack/slack-wire-payloads.js';

describe('slackSignature', () => {
  it("matches Slack's documented example", () => {
    // docs.slack.dev "Verifying requests from Slack" worked example.
    const body =
      'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
    expect(slackSignature('8f742231b10e8888abcd99yyyzzz85a5', 1531420618, body)).toBe(
      'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
    );
  });
});

describe('the payloads the signer sends', () => {
  it('carry every slash-command field the bot reads', () => {
    const form = Object.fromEntries(
      new URLSearchParams(
        slashCommandForm({
          text: 'cluster list',
          user_id: 'U1',
          channel_id: 'C1',
          team_id: 'T1',
          trigger_id: '1.2.3',
          response_url: 'https://hooks.slack.com/x',
        }),
      ),
    );

    expect(form).toMatchObject({
      command: '/kube',
      text: 'cluster list',
      api_app_id: expect.any(String),
      token: expect.any(String),
      response_url: 'https://hooks.slack.com/x',
    });
    expect(toSlashRequest(form)).toEqual({ text: 'cluster list', userId: 'U1', teamId: 'T1', channelId: 'C1', triggerId: '1.2.3' });
  });

  it('leave response_url out when none is given', () => {
    expect(new URLSearchParams(slashCommandForm({ text: '', user_id: 'U1', channel_id: 'C1', team_id: 'T1' })).has('response_url')).toBe(
      false,
    );
  });

  it('give each command its own trigger id', () => {
    const trigger = () =>
      new URLSearchParams(slashCommandForm({ text: '', user_id: 'U1', channel_id: 'C1', team_id: 'T1' })).get('trigger_id');
    expect(trigger()).not.toEqual(trigger());
  });

  it('build a block_actions payload the bot maps back to the same action', () => {
    const payload = blockActionPayload({
      action_id: 'retry',
      value: 'job-1',
      user_id: 'U1',
      team_id: 'T1',
      channel_id: 'C1',
      message_ts: '2.0',
      thread_ts: '1.0',
      trigger_id: 't',
    });

    expect(toActionRequest(payload)).toEqual({
      actionId: 'retry',
      value: 'job-1',
      userId: 'U1',
      teamId: 'T1',
      channelId: 'C1',
      messageTs: '2.0',
      threadTs: '1.0',
      triggerId: 't',
    });
  });

  it('build a view_submission payload with text inputs and raw element states', () => {
    const payload = viewSubmissionPayload({
      callback_id: 'create',
      user_id: 'U1',
      team_id: 'T1',
      view_id: 'V9',
      values: { name: { input: 'prod' }, template: { select: { type: 'static_select', selected_option: { value: 'k8s' } } } },
    });

    expect(toViewSubmission(payload)).toEqual({
      callbackId: 'create',
      userId: 'U1',
      teamId: 'T1',
      privateMetadata: '',
      values: { name: { input: 'prod' }, template: { select: 'k8s' } },
      viewId: 'V9',
    });
  });
});
