/** Payloads shaped like the ones Slack sends (see docs.slack.dev interactivity references). */
import { randomBytes } from 'node:crypto';
import { fakeTriggerIdShape } from './trigger-id.js';

const APP_ID = 'A0STANDIN';
/** The deprecated verification token Slack still sends in every payload. */
const VERIFICATION_TOKEN = 'stand-in-verification-token';

export interface SlashCommandInput {
  command?: string;
  text: string;
  user_id: string;
  channel_id: string;
  team_id: string;
  trigger_id?: string;
  /** Omitted when not given: replies then go through chat.postEphemeral. Use `standIn.responseUrl(...)`. */
  response_url?: string;
  user_name?: string;
  channel_name?: string;
  team_domain?: string;
}

export interface BlockActionInput {
  action_id: string;
  value: string;
  user_id: string;
  team_id: string;
  channel_id: string;
  /** ts of the message holding the button. */
  message_ts: string;
  thread_ts?: string;
  block_id?: string;
  trigger_id?: string;
  response_url?: string;
}

export interface ViewSubmissionInput {
  callback_id: string;
  user_id: string;
  team_id: string;
  private_metadata?: string;
  /** block_id -> action_id -> a text input's value, or the element's raw state object. */
  values: Record<string, Record<string, string | object>>;
  view_id?: string;
  trigger_id?: string;
}

/** The slash-command form body. */
export function slashCommandForm(input: SlashCommandInput): string {
  const fields: Record<string, string> = {
    token: VERIFICATION_TOKEN,
    team_id: input.team_id,
    team_domain: input.team_domain ?? 'stand-in',
    channel_id: input.channel_id,
    channel_name: input.channel_name ?? input.channel_id.toLowerCase(),
    user_id: input.user_id,
    user_name: input.user_name ?? input.user_id.toLowerCase(),
    command: input.command ?? '/kube',
    text: input.text,
    api_app_id: APP_ID,
    is_enterprise_install: 'false',
    trigger_id: input.trigger_id ?? fakeTriggerIdShape(),
  };
  if (input.response_url !== undefined) fields['response_url'] = input.response_url;
  return new URLSearchParams(fields).toString();
}

function user(id: string, teamId: string): object {
  return { id, username: id.toLowerCase(), name: id.toLowerCase(), team_id: teamId };
}

/** A block_actions payload for a button in a bot message. */
export function blockActionPayload(input: BlockActionInput): object {
  const blockId = input.block_id ?? randomBytes(3).toString('hex');
  return {
    type: 'block_actions',
    user: user(input.user_id, input.team_id),
    api_app_id: APP_ID,
    token: VERIFICATION_TOKEN,
    container: {
      type: 'message',
      message_ts: input.message_ts,
      channel_id: input.channel_id,
      is_ephemeral: false,
      thread_ts: input.thread_ts,
    },
    trigger_id: input.trigger_id ?? fakeTriggerIdShape(),
    team: { id: input.team_id, domain: 'stand-in' },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: input.channel_id, name: input.channel_id.toLowerCase() },
    message: { type: 'message', ts: input.message_ts, thread_ts: input.thread_ts, user: 'U0BOT', bot_id: 'B0BOT', text: '' },
    state: { values: {} },
    response_url: input.response_url,
    actions: [
      {
        action_id: input.action_id,
        block_id: blockId,
        text: { type: 'plain_text', text: input.action_id, emoji: true },
        value: input.value,
        type: 'button',
        action_ts: (Date.now() / 1000).toFixed(6),
      },
    ],
  };
}

/** A view_submission payload for a modal the bot opened. */
export function viewSubmissionPayload(input: ViewSubmissionInput): object {
  const values = Object.fromEntries(
    Object.entries(input.values).map(([blockId, actions]) => [
      blockId,
      Object.fromEntries(
        Object.entries(actions).map(([actionId, v]) => [actionId, typeof v === 'string' ? { type: 'plain_text_input', value: v } : v]),
      ),
    ]),
  );
  return {
    type: 'view_submission',
    team: { id: input.team_id, domain: 'stand-in' },
    user: user(input.user_id, input.team_id),
    api_app_id: APP_ID,
    token: VERIFICATION_TOKEN,
    trigger_id: input.trigger_id ?? fakeTriggerIdShape(),
    view: {
      id: input.view_id ?? `V0${randomBytes(4).toString('hex').toUpperCase()}`,
      team_id: input.team_id,
      type: 'modal',
      blocks: [],
      private_metadata: input.private_metadata ?? '',
      callback_id: input.callback_id,
      state: { values },
      hash: `${Math.floor(Date.now() / 1000)}.${randomBytes(4).toString('hex')}`,
      title: { type: 'plain_text', text: 'kube-chatops' },
      app_id: APP_ID,
      bot_id: 'B0BOT',
    },
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
}
