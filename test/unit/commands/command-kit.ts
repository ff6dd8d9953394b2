import type { Access } from '../../../src/core/access.js';
import type { AuditRecord } from '../../../src/core/audit.js';
import type { Confirmations } from '../../../src/core/confirmation.js';
import type { CommandOutcome, EnqueueOptions, JobQueue, Logger, Message, MessageRef } from '../../../src/core/ports.js';
import type { ActionRequest, SlashRequest } from '../../../src/core/slack-request.js';
import { createRegistry, type RegistryDeps } from '../../../commands/registry.js';
import type { CommandDefinition } from '../../../commands/definition.js';
import { unexpectedPort } from '../../helpers/job-deps.js';

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

export type Role = 'viewer' | 'operator' | 'admin';

/** Access where the user holds `role` (and admins pass every check). */
export function accessAs(role: Role): Access {
  const rank = { viewer: 0, operator: 1, admin: 2 } as const;
  return {
    authorize: async (_actor, needed) =>
      rank[role] >= rank[needed] ? { allowed: true, role } : { allowed: false, role, message: `You need the ${needed} role.` },
    cloudFor: () => 'sim',
    kubeconfigAllowed: () => true,
  };
}

/** Registry deps that record what they are asked: enqueued jobs, audit records, message edits, metrics. */
export function recordingDeps(role: Role = 'operator', confirmations?: Pick<Confirmations, 'redeem'>) {
  const enqueued: Enqueued[] = [];
  const audited: AuditRecord[] = [];
  const updates: { ref: MessageRef; message: Message }[] = [];
  const counted: { subcommand: string; outcome: CommandOutcome }[] = [];
  const known = new Set<string>();
  const queue: JobQueue = {
    enqueue: async (name, data, options) => {
      const created = !known.has(options.jobId);
      known.add(options.jobId);
      if (created) enqueued.push({ name, data, options });
      return { jobId: options.jobId, created };
    },
    enqueueMany: async () => {
      throw new Error('a command enqueues one job at a time');
    },
  };
  const deps: RegistryDeps = {
    queue,
    access: accessAs(role),
    modals: { open: async () => undefined },
    clock: { now: () => 0 },
    logger: silent,
    audit: { write: async (r) => void audited.push(r), recent: async () => [] },
    confirmations: confirmations ?? unexpectedPort('confirmations'),
    messages: { update: async (ref, message) => void updates.push({ ref, message }) },
    metrics: { handled: (subcommand, outcome) => void counted.push({ subcommand, outcome }) },
  };
  return { deps, enqueued, audited, updates, counted };
}

/** Runs `/kube <text>` through the real registry with a recording queue; returns what was enqueued, replied and audited. */
export async function runSlash(definitions: readonly CommandDefinition[], text: string, role: Role = 'operator') {
  const { deps, enqueued, audited, counted } = recordingDeps(role);
  const replies: Message[] = [];
  const { commands } = createRegistry(definitions, deps);
  const request: SlashRequest = { text, userId: 'U1', teamId: 'T1', channelId: 'C1', triggerId: '123.456.abc' };
  const plan = commands.plan(request);
  if (plan.kind === 'reply') return { enqueued, replies: [plan.message], audited, counted, planned: 'reply' as const };
  await plan.run(async (m) => void replies.push(m));
  return { enqueued, replies, audited, counted, planned: 'run' as const };
}

/** A click on a button in channel C1 (the message 200.1, in no thread unless given). */
export function aClick(actionId: string, value: string, overrides: Partial<ActionRequest> = {}): ActionRequest {
  return {
    actionId,
    value,
    userId: 'U1',
    teamId: 'T1',
    channelId: 'C1',
    messageTs: '200.1',
    threadTs: undefined,
    triggerId: 'trigger-1',
    ...overrides,
  };
}

/** Sends one click through the real registry; returns the replies and what the deps recorded. */
export async function runClick(
  definitions: readonly CommandDefinition[],
  click: ActionRequest,
  recorded: ReturnType<typeof recordingDeps> = recordingDeps(),
) {
  const replies: Message[] = [];
  await createRegistry(definitions, recorded.deps).interactions.onAction(click, async (m) => void replies.push(m));
  return { ...recorded, replies };
}

export const ORIGIN = { cloud: 'sim', teamId: 'T1', channel: 'C1', user: 'U1' };
