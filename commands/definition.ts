import type { Access, Role } from '../src/core/access.js';
import type { Clock, JobQueue, Logger } from '../src/core/ports.js';
import type { ModalOpener, Reply, SlashRequest } from '../src/core/slack-request.js';

/** What a subcommand's handler may use: no remote I/O beyond enqueueing and replying. */
export interface CommandContext<A> {
  request: SlashRequest;
  args: A;
  /** The cloud bound to the request's channel. */
  cloud: string;
  queue: JobQueue;
  access: Access;
  modals: ModalOpener;
  reply: Reply;
  clock: Clock;
  log: Logger;
}

/** One `/kube` subcommand, written like a probot app function. */
export interface CommandDefinition<A = unknown> {
  name: string;
  summary: string;
  usage: string;
  examples: readonly string[];
  /** The least role that may run it. */
  role: Role;
  /**
   * Its job writes the `requested` audit record itself (with the id of the job that does the
   * work). Otherwise the router writes one for each job a mutation enqueues.
   */
  auditsRequest?: boolean;
  /** Validates the words after the subcommand; throws UsageError naming the problem. */
  parse(argv: readonly string[]): A;
  handle(ctx: CommandContext<A>): Promise<void>;
}

/** Widens a typed definition for the registry. */
export function defineCommand<A>(definition: CommandDefinition<A>): CommandDefinition<unknown> {
  return definition as CommandDefinition<unknown>;
}
