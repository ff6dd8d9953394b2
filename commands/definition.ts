import type { z } from 'zod';
import type { Access, Role } from '../src/core/access.js';
import type { AuditLog } from '../src/core/audit.js';
import type { Confirmations } from '../src/core/confirmation.js';
import type { Clock, JobQueue, Logger, SlackPoster } from '../src/core/ports.js';
import type { ActionRequest, ModalOpener, Reply, SlashRequest, ViewSubmission } from '../src/core/slack-request.js';

/** What every handler may use: no remote I/O beyond enqueueing, replying and editing its own message. */
export interface HandlerDeps {
  queue: JobQueue;
  access: Access;
  clock: Clock;
  audit: AuditLog;
  confirmations: Pick<Confirmations, 'redeem'>;
  /** Edits the message that held a button once it is decided. */
  messages: Pick<SlackPoster, 'update'>;
  modals: ModalOpener;
}

/** A subcommand's handler context. */
export interface CommandContext<A> extends HandlerDeps {
  request: SlashRequest;
  args: A;
  /** The cloud bound to the request's channel. */
  cloud: string;
  reply: Reply;
  log: Logger;
}

/** A button's handler context: the click, its validated value, and the channel's cloud. */
export interface ActionContext<V> extends HandlerDeps {
  request: ActionRequest;
  value: V;
  cloud: string;
  reply: Reply;
  log: Logger;
}

/** A modal submission's handler context; the channel comes from the form's metadata. */
export interface ViewContext<V> extends HandlerDeps {
  submission: ViewSubmission;
  channel: string;
  value: V;
  cloud: string;
  log: Logger;
}

/**
 * A button that belongs to a subcommand: its action ids, the least role that may click it,
 * the schema of its value, and what a click does. The registry checks the value and the role,
 * and audits a denial, before `handle` runs.
 */
export interface ActionDefinition<V = unknown> {
  /** What the click asks for, in audit records and metrics (e.g. `cluster-delete`). */
  name: string;
  ids: readonly string[];
  role: Role;
  value: z.ZodType<V>;
  handle(ctx: ActionContext<V>): Promise<void>;
}

/** Field errors for a modal (block id -> message), shown under its inputs. */
export type FieldErrors = Record<string, string>;

/** A modal form that belongs to a subcommand, routed by its callback id. */
export interface ViewDefinition<V = unknown> {
  name: string;
  callbackId: string;
  role: Role;
  /** The form's values, or the errors to show; `channel` is where the form was opened. */
  parse(submission: ViewSubmission): { ok: true; channel: string; value: V } | { ok: false; errors: FieldErrors };
  /** Runs before the ack; field errors returned here are shown too. */
  handle(ctx: ViewContext<V>): Promise<FieldErrors | null>;
  /** Where a refusal (role) is shown: the block id of the form's first input. */
  errorField: string;
}

/** One `/kube` subcommand, written like a probot app function, with the buttons and forms it owns. */
export interface CommandDefinition<A = unknown> {
  name: string;
  summary: string;
  usage: string;
  examples: readonly string[];
  /** The least role that may run it. */
  role: Role;
  /**
   * Its job writes the `requested` audit record itself (with the id of the job that does the
   * work). Otherwise the registry writes one for each job a mutation enqueues.
   */
  auditsRequest?: boolean;
  /** Validates the words after the subcommand; throws UsageError naming the problem. */
  parse(argv: readonly string[]): A;
  handle(ctx: CommandContext<A>): Promise<void>;
  actions?: readonly ActionDefinition[];
  views?: readonly ViewDefinition[];
}

/** Widens a typed definition for the registry. */
export function defineCommand<A>(definition: CommandDefinition<A>): CommandDefinition<unknown> {
  return definition as CommandDefinition<unknown>;
}

/** Widens a typed button definition for its command's `actions`. */
export function defineAction<V>(definition: ActionDefinition<V>): ActionDefinition<unknown> {
  return definition as ActionDefinition<unknown>;
}

/** Widens a typed form definition for its command's `views`. */
export function defineView<V>(definition: ViewDefinition<V>): ViewDefinition<unknown> {
  return definition as ViewDefinition<unknown>;
}
