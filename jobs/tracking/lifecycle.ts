import { BotError, isBotError } from '../../src/core/errors.js';
import type { AuditDecision, AuditLog } from '../../src/core/audit.js';
import { auditRecord } from '../../src/core/audit.js';
import type { Authorizer } from '../../src/security/authorize.js';
import type { Confirmations } from '../../src/core/confirmation.js';
import type { JobContext } from '../definition.js';
import type { OperationStore } from './operation.js';

/** What the lifecycle jobs need beyond the common ports (wired in start-bot). */
export interface LifecycleDeps {
  audit: AuditLog;
  authorizer: Pick<Authorizer, 'require'>;
  operations: OperationStore;
  confirmations: Pick<Confirmations, 'issueWithClaim'>;
  /** How long a confirmation button stays valid. */
  confirmTtlMs: number;
  /** The queue's recent jobs, newest first (for `/kube jobs`); absent when the queue cannot list. */
  recentJobs?: () => Promise<QueuedJobView[]>;
}

/** One queued, running or finished job as the queue reports it (structurally src/queue JobSummary). */
export interface QueuedJobView {
  id: string;
  name: string;
  state: string;
  data: unknown;
  /** Epoch ms when it was added. */
  timestamp: number;
  failedReason?: string | undefined;
}

/** The lifecycle deps, or a clear error when the worker was started without them. */
export function lifecycleOf(ctx: JobContext): LifecycleDeps {
  if (!ctx.lifecycle) throw new BotError('lifecycle_not_wired', 'This worker cannot run cluster lifecycle jobs (not configured).');
  return ctx.lifecycle;
}

/** The step-job result that runs the job again in `ms` without using an attempt. */
export { rescheduleIn } from '../../src/core/job.js';

export interface AuditFields {
  channel: string;
  user: string;
  cloud: string;
  threadTs?: string | undefined;
}

/** Writes one audit record for a job decision; an audit failure is logged, never hides the outcome. */
export async function audit(
  ctx: JobContext,
  origin: AuditFields,
  fields: { action: string; target: string; decision: AuditDecision; jobId: string; outcome?: string },
): Promise<void> {
  const record = auditRecord(ctx.clock, {
    actor: origin.user,
    channelId: origin.channel,
    cloud: origin.cloud,
    ...(origin.threadTs === undefined ? {} : { threadTs: origin.threadTs }),
    action: fields.action,
    target: fields.target,
    decision: fields.decision,
    jobId: fields.jobId,
    ...(fields.outcome === undefined ? {} : { outcome: fields.outcome }),
  });
  try {
    await lifecycleOf(ctx).audit.write(record);
  } catch (error) {
    ctx.log.error({ err: error, decision: fields.decision }, 'audit write failed');
  }
}

/** Re-checks in the worker that the requester still holds the role (membership may have changed). */
export async function recheck(ctx: JobContext, origin: AuditFields, action: string, target: string, jobId: string): Promise<void> {
  try {
    await lifecycleOf(ctx).authorizer.require({ userId: origin.user, channelId: origin.channel }, 'operator', action);
  } catch (error) {
    await audit(ctx, origin, { action, target, decision: 'denied', jobId, outcome: isBotError(error) ? error.userMessage : 'denied' });
    throw error;
  }
}

/** Whether a thrown error ends the job for good (so the audit says `failed`). */
export function isFinal(error: unknown, ctx: JobContext): boolean {
  return !isBotError(error) || !error.retryable || ctx.runtime.isFinalAttempt;
}
