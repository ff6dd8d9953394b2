import { auditRecord, type AuditDecision, type AuditLog, type AuditRecord } from '../src/core/audit.js';
import type { Clock, JobQueue, Logger } from '../src/core/ports.js';
import type { SlashRequest } from '../src/core/slack-request.js';
import type { ActionContext, CommandDefinition } from './definition.js';

export interface CommandAuditDeps {
  audit: AuditLog;
  clock: Clock;
}

const MAX_OUTCOME = 300;

/** One `requested` record per job a mutation enqueued for the first time (a Slack retry adds none). */
export function requestedRecords(
  deps: CommandAuditDeps,
  where: { request: SlashRequest; cloud: string },
  definition: CommandDefinition,
  jobs: readonly EnqueuedJob[],
): AuditRecord[] {
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
    async enqueueMany(jobs) {
      await queue.enqueueMany(jobs);
      for (const job of jobs) into.push({ name: job.name, jobId: job.options.jobId, created: true });
    },
  };
}

/** Writes records; a failed write is logged and never changes the answer to the user. */
export async function writeAudit(audit: AuditLog, records: readonly AuditRecord[], log: Logger): Promise<void> {
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
export function targetOf(args: unknown): string | undefined {
  if (typeof args !== 'object' || args === null) return undefined;
  const { cluster, spec } = args as { cluster?: unknown; spec?: unknown };
  if (typeof cluster === 'string') return cluster;
  return spec === undefined ? undefined : targetOf(spec);
}

function cut(text: string): string {
  return text.length <= MAX_OUTCOME ? text : `${text.slice(0, MAX_OUTCOME - 1)}…`;
}

/** Writes one audit record for a click; a failed write is logged, the click still gets its answer. */
export async function auditAction(
  ctx: Pick<ActionContext<unknown>, 'audit' | 'clock' | 'request' | 'cloud' | 'log'>,
  fields: { action: string; target: string; decision: AuditDecision; outcome: string; jobId?: string; threadTs?: string },
): Promise<void> {
  const record = auditRecord(ctx.clock, {
    actor: ctx.request.userId,
    channelId: ctx.request.channelId,
    cloud: ctx.cloud,
    action: fields.action,
    target: fields.target,
    decision: fields.decision,
    outcome: fields.outcome,
    ...(fields.jobId === undefined ? {} : { jobId: fields.jobId }),
    ...(fields.threadTs === undefined ? {} : { threadTs: fields.threadTs }),
  });
  await writeAudit(ctx.audit, [record], ctx.log);
}
