import { randomUUID } from 'node:crypto';
import { UsageError, isBotError } from '../src/core/errors.js';
import type { CommandMetrics, Logger } from '../src/core/ports.js';
import type { CommandPlan, Reply, SlashCommandHandler, SlashRequest } from '../src/core/slack-request.js';
import { renderErrorMessage } from '../src/render/error-message.js';
import { renderCommandHelp, renderHelp } from '../src/render/help.js';
import { authorizeStep } from './access-step.js';
import type { CommandDefinition, HandlerDeps } from './definition.js';
import { noteEnqueued, requestedRecords, routerAuditsRequest, targetOf, writeAudit, type EnqueuedJob } from './handler-audit.js';
import { tokenize } from './parse-args.js';

export interface RegistryDeps extends HandlerDeps {
  logger: Logger;
  metrics: CommandMetrics;
}

/**
 * Turns `/kube ...` text into a plan: help and usage errors are answered in the ack, the
 * rest (authorize, handle, audit) runs after it. Synchronous on purpose: nothing remote before the ack.
 */
export function createCommandRouter(definitions: readonly CommandDefinition[], deps: RegistryDeps): SlashCommandHandler {
  const byName = new Map(definitions.map((d) => [d.name, d]));
  return {
    plan(request: SlashRequest): CommandPlan {
      const [sub = 'help', ...argv] = tokenize(request.text);
      const name = sub.toLowerCase();
      if (name === 'help' || name === '--help' || name === '-h') return helpPlan(definitions, byName, argv[0]);
      const definition = byName.get(name);
      if (!definition) {
        deps.metrics.handled('unknown', 'usage');
        return { kind: 'reply', message: unknownSubcommand(sub, [...byName.keys()]) };
      }
      try {
        const args = definition.parse(argv);
        return { kind: 'run', run: (reply) => runCommand(definition, args, request, reply, deps) };
      } catch (error) {
        if (!(error instanceof UsageError)) throw error;
        deps.metrics.handled(definition.name, 'usage');
        return { kind: 'reply', message: renderErrorMessage(error, 'usage', definition.usage) };
      }
    },
  };
}

async function runCommand(
  definition: CommandDefinition,
  args: unknown,
  request: SlashRequest,
  reply: Reply,
  deps: RegistryDeps,
): Promise<void> {
  const correlationId = randomUUID().slice(0, 8);
  const log = deps.logger.child({ command: definition.name, channel: request.channelId, user: request.userId, correlationId });
  const actor = { userId: request.userId, channelId: request.channelId };
  try {
    const step = await authorizeStep(deps, actor, definition.role, { action: definition.name, target: targetOf(args) ?? '-' }, log);
    if (!step.allowed) {
      deps.metrics.handled(definition.name, 'denied');
      await reply({ text: step.message });
      return;
    }
    const enqueued: EnqueuedJob[] = [];
    const queue = routerAuditsRequest(definition) ? noteEnqueued(deps.queue, enqueued) : deps.queue;
    try {
      await definition.handle({ ...deps, request, args, cloud: step.cloud, queue, reply, log });
    } finally {
      // Written even when the handler failed after enqueueing: the job runs either way.
      await writeAudit(deps.audit, requestedRecords(deps, { request, cloud: step.cloud }, definition, enqueued), log);
    }
    deps.metrics.handled(definition.name, 'ok');
  } catch (error) {
    deps.metrics.handled(definition.name, 'error');
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
