/**
 * Maps Bolt payloads to the transport-free requests of `core/slack-request.ts`. Each payload
 * is validated with zod (only the fields used; Slack adds fields freely).
 */
import { z } from 'zod';
import type { ActionRequest, SlashRequest, ViewSubmission } from '../core/slack-request.js';

const SlashPayload = z.object({
  text: z.string().default(''),
  user_id: z.string().min(1),
  team_id: z.string().min(1),
  channel_id: z.string().min(1),
  trigger_id: z.string().min(1),
  response_url: z.string().optional(),
});

/** The slash-command form body -> SlashRequest (text trimmed). */
export function toSlashRequest(body: unknown): SlashRequest {
  const p = SlashPayload.parse(body);
  return { text: p.text.trim(), userId: p.user_id, teamId: p.team_id, channelId: p.channel_id, triggerId: p.trigger_id };
}

const ResponseUrl = z.object({ response_url: z.string().min(1) });

/** The `response_url` of a payload, when it has one. */
export function responseUrlOf(body: unknown): string | undefined {
  const parsed = ResponseUrl.safeParse(body);
  return parsed.success ? parsed.data.response_url : undefined;
}

const Option = z.object({ value: z.string() });
const ActionElement = z.object({
  action_id: z.string(),
  value: z.string().optional(),
  selected_option: Option.nullish(),
});
const BlockActionsPayload = z.object({
  user: z.object({ id: z.string(), team_id: z.string().optional() }),
  team: z.object({ id: z.string() }).nullish(),
  channel: z.object({ id: z.string() }).nullish(),
  container: z
    .object({ message_ts: z.string().optional(), thread_ts: z.string().optional(), channel_id: z.string().optional() })
    .optional(),
  message: z.object({ ts: z.string(), thread_ts: z.string().optional() }).optional(),
  trigger_id: z.string().default(''),
  actions: z.array(ActionElement).min(1),
});

/** A block_actions payload (its first action) -> ActionRequest. */
export function toActionRequest(body: unknown): ActionRequest {
  const p = BlockActionsPayload.parse(body);
  const action = p.actions[0];
  if (action === undefined) throw new Error('block_actions payload without actions');
  return {
    actionId: action.action_id,
    value: action.value ?? action.selected_option?.value ?? '',
    userId: p.user.id,
    teamId: p.team?.id ?? p.user.team_id ?? '',
    channelId: p.channel?.id ?? p.container?.channel_id ?? '',
    messageTs: p.message?.ts ?? p.container?.message_ts ?? '',
    threadTs: p.message?.thread_ts ?? p.container?.thread_ts,
    triggerId: p.trigger_id,
  };
}

/** One input element's state; which field holds the value depends on the element type. */
const InputState = z.object({
  value: z.string().nullish(),
  selected_option: Option.nullish(),
  selected_options: z.array(Option).nullish(),
  selected_date: z.string().nullish(),
  selected_time: z.string().nullish(),
  selected_user: z.string().nullish(),
  selected_users: z.array(z.string()).nullish(),
  selected_conversation: z.string().nullish(),
  selected_channel: z.string().nullish(),
});
type InputState = z.infer<typeof InputState>;

const ViewSubmissionPayload = z.object({
  user: z.object({ id: z.string(), team_id: z.string().optional() }),
  team: z.object({ id: z.string() }).nullish(),
  view: z.object({
    id: z.string(),
    callback_id: z.string().default(''),
    private_metadata: z.string().default(''),
    state: z.object({ values: z.record(z.string(), z.record(z.string(), InputState)) }).default({ values: {} }),
  }),
});

function inputValue(state: InputState): string | undefined {
  const multi = state.selected_options?.map((o) => o.value) ?? state.selected_users ?? undefined;
  return (
    state.value ??
    state.selected_option?.value ??
    state.selected_date ??
    state.selected_time ??
    state.selected_user ??
    state.selected_conversation ??
    state.selected_channel ??
    multi?.join(',') ??
    undefined
  );
}

/** A view_submission payload -> ViewSubmission (each input flattened to one string). */
export function toViewSubmission(body: unknown): ViewSubmission {
  const p = ViewSubmissionPayload.parse(body);
  const values: ViewSubmission['values'] = {};
  for (const [blockId, actions] of Object.entries(p.view.state.values)) {
    values[blockId] = Object.fromEntries(Object.entries(actions).map(([actionId, state]) => [actionId, inputValue(state)]));
  }
  return {
    callbackId: p.view.callback_id,
    userId: p.user.id,
    teamId: p.team?.id ?? p.user.team_id ?? '',
    privateMetadata: p.view.private_metadata,
    values,
    viewId: p.view.id,
  };
}
