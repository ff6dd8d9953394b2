import type { Access } from '../../../src/core/access.js';
import type { EnqueueOptions, JobQueue, Logger, Message } from '../../../src/core/ports.js';
import type { SlashRequest } from '../../../src/core/slack-request.js';
import { createCommandRouter } from '../../../commands/router.js';
import type { CommandDefinition } from '../../../commands/definition.js';
import type { CommandAuditRecord } from '../../../commands/command-audit.js';

export interface Enqueued {
  name: string;
  data: object;
  options: EnqueueOptions;
}

const silent: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => silent,
};

/** Runs `/kube <text>` through the real router with a recording queue; returns what was enqueued, replied and audited. */
export async function runSlash(definitions: readonly CommandDefinition[], text: string, role: 'viewer' | 'operator' = 'operator') {
  const enqueued: Enqueued[] = [];
  const replies: Message[] = [];
  const audited: CommandAuditRecord[] = [];
  const queue: JobQueue = {
    enqueue: async (name, data, options) => {
      enqueued.push({ name, data, options });
      return { jobId: options.jobId, created: true };
    },
  };
  const access: Access = {
    authorize: async (_actor, needed) =>
      needed === 'viewer' || role === 'operator'
        ? { allowed: true, role }
        : { allowed: false, role, message: `You need the ${needed} role.` },
    cloudFor: () => 'sim',
  };
  const router = createCommandRouter(definitions, {
    queue,
    access,
    modals: { open: async () => undefined },
    clock: { now: () => 0 },
    logger: silent,
    audit: { write: async (r) => void audited.push(r) },
  });
  const request: SlashRequest = { text, userId: 'U1', teamId: 'T1', channelId: 'C1', triggerId: '123.456.abc' };
  const plan = router.plan(request);
  if (plan.kind === 'reply') return { enqueued, replies: [plan.message], audited, planned: 'reply' as const };
  await plan.run(async (m) => void replies.push(m));
  return { enqueued, replies, audited, planned: 'run' as const };
}

export const ORIGIN = { cloud: 'sim', teamId: 'T1', channel: 'C1', user: 'U1' };
