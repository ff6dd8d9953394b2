/**
 * What the Slack layer hands to the command layer, transport-free. `slack/` builds these
 * from Bolt payloads; `commands/` answers them. No Bolt type crosses this line.
 */
import type { Message } from './ports.js';

export interface SlashRequest {
  /** The text after `/kube`. */
  text: string;
  userId: string;
  teamId: string;
  channelId: string;
  /** Slack's trigger id: unique per invocation, used for deterministic job ids and modals. */
  triggerId: string;
}

/** Sends an ephemeral answer to the requester (response_url or chat.postEphemeral). */
export type Reply = (message: Message) => Promise<void>;

/**
 * The synchronous decision for a slash command: answer at once in the ack (help, usage
 * errors), or ack empty and run the rest (authorize, enqueue, open a modal) after the ack.
 */
export type CommandPlan = { kind: 'reply'; message: Message } | { kind: 'run'; run(reply: Reply): Promise<void> };

export interface SlashCommandHandler {
  plan(request: SlashRequest): CommandPlan;
}

/** A button click or select in a message the bot posted. */
export interface ActionRequest {
  actionId: string;
  value: string;
  userId: string;
  teamId: string;
  channelId: string;
  /** ts of the message that holds the button. */
  messageTs: string;
  /** Thread root ts, when the message is in a thread. */
  threadTs: string | undefined;
  triggerId: string;
}

/** A modal submission (e.g. the create form). Returns field errors to show, or null. */
export interface ViewSubmission {
  callbackId: string;
  userId: string;
  teamId: string;
  /** `private_metadata` of the view (the bot sets it: channel id and such, no secrets). */
  privateMetadata: string;
  /** block_id -> action_id -> value. */
  values: Record<string, Record<string, string | undefined>>;
  viewId: string;
}

export interface InteractionHandler {
  /** Runs after the ack. */
  onAction(request: ActionRequest, reply: Reply): Promise<void>;
  /** Runs before the ack: field errors are sent back in the ack (`response_action: errors`). */
  onViewSubmission(submission: ViewSubmission): Promise<Record<string, string> | null>;
}

/** Opens modals; implemented by slack/ over views.open (trigger ids live 3 seconds). */
export interface ModalOpener {
  open(triggerId: string, view: object): Promise<void>;
}
