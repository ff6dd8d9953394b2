import { randomUUID } from 'node:crypto';
import type { Access } from '../src/core/access.js';
import { UsageError, isBotError } from '../src/core/errors.js';
import type { Clock, JobQueue, Logger } from '../src/core/ports.js';
import type { CommandPlan, ModalOpener, Reply, SlashCommandHandler, SlashRequest } from '../src/core/slack-request.js';
import { renderErrorMessage } from '../src/render/error-message.js';
import { renderCommandHelp, renderHelp } from '../src/render/help.js';
import {
  deniedRecord,
  noteEnqueued,
  requestedRecords,
  routerAuditsRequest,
  writeAudit,
  type CommandAudit,
  type EnqueuedJob,
} from './command-audit.js';
import type { CommandDefinition } from './definition.js';
import { tokenize } from './parse-args.js';

export interface RouterDeps {
  queue: JobQueue;
  access: Access;
  modals: ModalOpener;
  clock: Clock;
  logger: Logger;
  /** Every denied command, and the request of a mutation whose job does not record it. */
  audit: CommandAudit;
}

/**
 * Turns `/kube ...` text into a plan: help and usage errors are answered in the ack, the
 * rest (authorize, enqueue) runs after it. Synchronous on purpose: nothing remote before the ack.
 */
export function createCommandRouter(definitions: readonly CommandDefinition[], deps: RouterDeps): SlashCommandHandler {
  const byName = new Map(definitions.map((d) => [d.name, d]));
  return {
    plan(request: SlashRequest): CommandPlan {
      const [sub = 'help', ...argv] = tokenize(request.text);
      const name = sub.toLowerCase();
      if (name === 'help' || name === '--help' || name === '-h') return helpPlan(definitions, byName, argv[0]);
      const definition = byName.get(name);
      if (!definition) return { kind: 'reply', message: unknownSubcommand(sub, [...byName.keys()]) };
      try {
        const args = definition.parse(argv);
        return { kind: 'run', run: (reply) => runCommand(definition, args, request, reply, deps) };
      } catch (error) {
        if (error instanceof UsageError) return { kind: 'reply', message: renderErrorMessage(error, 'usage', definition.usage) };
        throw error;
      }
    },
  };
}

async function runCommand(
  definition: CommandDefinition,
  args: unknown,
  request: SlashRequest,
  reply: Reply,
  deps: RouterDeps,
): Promise<void> {
  const correlationId = randomUUID().slice(0, 8);
  const log = deps.logger.child({ command: definition.name, channel: request.channelId, user: request.userId, correlationId });
  try {
    const decision = await deps.access.authorize(
      { userId: request.userId, channelId: request.channelId },
      definition.role,
      definition.name,
    );
    const cloud = deps.access.cloudFor(request.channelId);
    if (!decision.allowed) {
      log.info({ needed: definition.role, role: decision.role }, 'command denied');
      await writeAudit(deps.audit, [deniedRecord(deps, { request, cloud }, definition, args, decision.role)], log);
      await reply({ text: decision.message });
      return;
    }
    const enqueued: EnqueuedJob[] = [];
    const queue = routerAuditsRequest(definition) ? noteEnqueued(deps.queue, enqueued) : deps.queue;
    try {
      await definition.handle({ request, args, cloud, queue, access: deps.access, modals: deps.modals, reply, clock: deps.clock, log });
    } finally {
      // Written even when the handler failed after enqueueing: the job runs either way.
      await writeAudit(deps.audit, requestedRecords(deps, { request, cloud }, definition, enqueued), log);
    }
  } catch (error) {
    if (isBotError(error)) log.warn({ code: error.code, err: error }, 'command failed');
    else log.error({ err: error }, 'command crashed');
    await reply(renderErrorMessage(error, correlationId, definition.usage));
  }
}

function helpPlan(
  definitions: readonly CommandDefinition[],
  byName: Map<string, CommandDefinition>,
  topic: string | undefined,
): CommandPlan {
  if (topic === undefined) return { kind: 'reply', message: renderHelp(definitions) };
  const entry = byName.get(topic.toLowerCase());
  if (!entry) return { kind: 'reply', message: unknownSubcommand(topic, [...byName.keys()]) };
  return { kind: 'reply', message: renderCommandHelp(entry) };
}

function unknownSubcommand(sub: string, known: string[]) {
  const guess = closest(sub.toLowerCase(), known);
  const error = new UsageError(
    `Unknown subcommand \`${sub.slice(0, 40)}\`.${guess ? ` Did you mean \`${guess}\`?` : ''} Try \`/kube help\`.`,
  );
  return renderErrorMessage(error, 'usage');
}

/** The known name within edit distance 2, if any. */
function closest(word: string, candidates: string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const name of candidates) {
    const distance = editDistance(word, name);
    if (distance <= 2 && (!best || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j] as number;
      row[j] = Math.min(current + 1, (row[j - 1] as number) + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length] as number;
}
