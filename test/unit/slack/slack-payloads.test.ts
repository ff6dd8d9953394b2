import { responseUrlOf, toActionRequest, toSlashRequest, toViewSubmission } from '../../../src/slack/slack-payloads.js';

const SLASH_BODY = {
  token: 'gIkuvaNzQIHg97ATvDxqgjtO',
  team_id: 'T0001',
  team_domain: 'example',
  enterprise_id: 'E0001',
  channel_id: 'C2147483705',
  channel_name: 'ops',
  user_id: 'U2147483697',
  user_name: 'alice',
  command: '/kube',
  text: '  cluster show prod  ',
  api_app_id: 'A123456',
  is_enterprise_install: 'false',
  response_url: 'https://hooks.slack.com/commands/1234/5678',
  trigger_id: '13345224609.738474920.8088930838d88f008e0',
};

describe('toSlashRequest', () => {
  it('maps the form fields Slack sends and trims the text', () => {
    expect(toSlashRequest(SLASH_BODY)).toEqual({
      text: 'cluster show prod',
      userId: 'U2147483697',
      teamId: 'T0001',
      channelId: 'C2147483705',
      triggerId: '13345224609.738474920.8088930838d88f008e0',
    });
  });

  it('treats a missing text as an empty command', () => {
    expect(toSlashRequest({ ...SLASH_BODY, text: undefined }).text).toBe('');
  });

  it('rejects a payload without a user', () => {
    expect(() => toSlashRequest({ ...SLASH_BODY, user_id: undefined })).toThrow();
  });

  it('finds the response_url, and nothing when there is none', () => {
    expect(responseUrlOf(SLASH_BODY)).toBe('https://hooks.slack.com/commands/1234/5678');
    expect(responseUrlOf({ ...SLASH_BODY, response_url: undefined })).toBeUndefined();
  });
});

describe('toActionRequest', () => {
  const body = {
    type: 'block_actions',
    user: { id: 'U1', username: 'alice', team_id: 'T1' },
    team: { id: 'T1', domain: 'example' },
    channel: { id: 'C1', name: 'ops' },
    container: { type: 'message', message_ts: '1700000000.000200', channel_id: 'C1' },
    message: { ts: '1700000000.000200', thread_ts: '1700000000.000100', text: '' },
    trigger_id: '1.2.3',
    actions: [{ action_id: 'pick_template', block_id: 'b', type: 'static_select', selected_option: { value: 'k8s-1.31' } }],
  };

  it("maps a message action and reads a select's chosen value", () => {
    expect(toActionRequest(body)).toEqual({
      actionId: 'pick_template',
      value: 'k8s-1.31',
      userId: 'U1',
      teamId: 'T1',
      channelId: 'C1',
      messageTs: '1700000000.000200',
      threadTs: '1700000000.000100',
      triggerId: '1.2.3',
    });
  });

  it('falls back to the container when there is no message or channel', () => {
    const request = toActionRequest({
      ...body,
      message: undefined,
      channel: undefined,
      container: { ...body.container, thread_ts: '9.9' },
      actions: [{ action_id: 'a', value: 'v' }],
    });
    expect([request.channelId, request.messageTs, request.threadTs, request.value]).toEqual(['C1', '1700000000.000200', '9.9', 'v']);
  });
});

describe('toViewSubmission', () => {
  it('flattens each input to one string', () => {
    const body = {
      type: 'view_submission',
      user: { id: 'U1', team_id: 'T1' },
      team: { id: 'T1' },
      view: {
        id: 'V1',
        callback_id: 'cluster_create',
        private_metadata: '{"channel":"C1"}',
        state: {
          values: {
            name: { name_input: { type: 'plain_text_input', value: 'prod' } },
            template: { template_select: { type: 'static_select', selected_option: { value: 'k8s-1.31' } } },
            nodes: { nodes_input: { type: 'plain_text_input', value: null } },
            zones: { zones_select: { type: 'multi_static_select', selected_options: [{ value: 'a' }, { value: 'b' }] } },
          },
        },
      },
    };

    expect(toViewSubmission(body)).toEqual({
      callbackId: 'cluster_create',
      userId: 'U1',
      teamId: 'T1',
      privateMetadata: '{"channel":"C1"}',
      values: {
        name: { name_input: 'prod' },
        template: { template_select: 'k8s-1.31' },
        nodes: { nodes_input: undefined },
        zones: { zones_select: 'a,b' },
      },
      viewId: 'V1',
    });
  });
});
