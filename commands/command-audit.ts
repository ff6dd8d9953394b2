import type { Role } from '../src/core/access.js';
import type { Clock, JobQueue, Logger } from '../src/core/ports.js';
import type { SlashRequest } from '../src/core/slack-request.js';
import type { CommandDefinition } from './definition.js';

/** An audit record as the router writes it: the fields of security/'s AuditRecord it needs. */
export interface CommandAuditRecord {
  at: string;
  actor: string;
  channelId: string;
  cloud: string;
  action: string;
  target: string;
  decision: 'requested' | 'denied';
  outcome: string;
  /** The requester's role, on a denial. */
  role?: Role;
  jobId?: string;
}

/** The audit log the router writes to (security/'s AuditLog fits; commands/ may not import it). */
export interface CommandAudit {
  write(record: CommandAuditRecord): Promise<void>;
}

export interface CommandAuditDeps {
  audit: CommandAudit;
  clock: Clock;
}

const MAX_OUTCOME = 300;

/** The denial of a slash command: who, where, which command on what, the role it needs and the one the user has. */
export function deniedRecord(
  deps: CommandAuditDeps,
  where: { request: SlashRequest; cloud: string },
  definition: CommandDefinition,
  args: unknown,
  role: Role,
): CommandAuditRecord {
  return {
    ...base(deps, where.request, where.cloud),
    action: definition.name,
    target: targetOf(args) ?? '-',
    decision: 'denied',
    outcome: `needs the ${definition.role} role; the user has ${role}`,
    role,
  };
}

/** One `requested` record per job a mutation enqueued for the first time (a Slack retry adds none). */
export function requestedRecords(
  deps: CommandAuditDeps,
  where: { request: SlashRequest; cloud: string },
  definition: CommandDefinition,
  jobs: readonly EnqueuedJob[],
): CommandAuditRecord[] {
  const line = cut(`/kube ${where.request.text.trim().replace(/\s+/g, ' ')}`);
  return jobs
    .filter((job) => job.created)
    .map((job) => ({
      ...base(deps, where.request, where.cloud),
      action: job.name,
      target: job.cluster ?? definition.name,
      decision: 'requested' as const,
      outcome: line,
      jobId: job.jobId,
    }));
}

/** Whether the router writes the `requested` record for this command (its job does not). */
export function routerAuditsRequest(definition: CommandDefinition): boolean {
  return definition.role !== 'viewer' && definition.auditsRequest !== true;
}

export interface EnqueuedJob {
  name: string;
  jobId: string;
  created: boolean;
  cluster?: string;
}

/** The queue a handler sees, noting each job it enqueues. */
export function noteEnqueued(queue: JobQueue, into: EnqueuedJob[]): JobQueue {
  return {
    async enqueue(name, data, options) {
      const result = await queue.enqueue(name, data, options);
      const cluster = (data as { cluster?: unknown }).cluster;
      into.push({ name, jobId: result.jobId, created: result.created, ...(typeof cluster === 'string' ? { cluster } : {}) });
      return result;
    },
  };
}

/** Writes records; a failed write is logged and never changes the answer to the user. */
export async function writeAudit(audit: CommandAudit, records: readonly CommandAuditRecord[], log: Logger): Promise<void> {
  for (const record of records) {
    try {
      await audit.write(record);
    } catch (error) {
      log.error({ err: error, decision: record.decision, action: record.action }, 'audit write failed');
    }
  }
}

function base(deps: CommandAuditDeps, request: SlashRequest, cloud: string) {
  return { at: new Date(deps.clock.now()).toISOString(), actor: request.userId, channelId: request.channelId, cloud };
}

/** The cluster the parsed arguments name (`cluster`, or the create spec's). */
function targetOf(args: unknown): string | undefined {
  if (typeof args !== 'object' || args === null) return undefined;
  const { cluster, spec } = args as { cluster?: unknown; spec?: unknown };
  if (typeof cluster === 'string') return cluster;
  return spec === undefined ? undefined : targetOf(spec);
}

function cut(text: string): string {
  return text.length <= MAX_OUTCOME ? text : `${text.slice(0, MAX_OUTCOME - 1)}…`;
}
