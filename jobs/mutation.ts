import { auditRecord, type AuditDecision } from '../src/core/audit.js';
import { BotError, PermissionError, UpstreamError, isBotError } from '../src/core/errors.js';
import { postKey } from '../src/core/job.js';
import { errorText } from '../src/render/error-message.js';
import type { JobContext } from './definition.js';
import type { Origin } from './origin.js';

/** What a mutating job does, for its audit records and the permission re-check. */
export interface Mutation {
  /** The job's action in the audit log (its name: `cluster-create`, `workload-scale`, ...). */
  action: string;
  /** What it acts on: a cluster name, or `cluster:ns/kind/name`. */
  target: string;
  /** Where it answers; read when a record is written, so a thread started later is in it. */
  origin: Origin;
  /** How a Magnum refusal reads: "Magnum refused to <refusal>: ...". */
  refusal?: string;
  /** Runs once when the job fails for good, before the `failed` record (e.g. release a reservation). */
  onFinalFailure?: () => Promise<void>;
}

/**
 * The one wrapper of every mutating job: re-checks in the worker that the requester still holds
 * the operator role (a denial is audited and ends the job), runs the work, names Magnum's
 * refusals by their error code, and writes the `failed` record when the job fails for good.
 */
export async function runMutation<T>(ctx: JobContext, mutation: Mutation, work: () => Promise<T>): Promise<T> {
  const { action, target } = mutation;
  await recheck(ctx, mutation);
  try {
    return await work();
  } catch (thrown) {
    const error = classifyRefusal(thrown, mutation.refusal ?? `${action} ${target}`);
    if (isFinal(error, ctx)) {
      await mutation.onFinalFailure?.();
      await audit(ctx, mutation, 'failed', errorText(error));
    }
    throw error;
  }
}

/** Re-checks in the worker that the requester still holds the operator role (membership may have changed). */
export async function recheck(ctx: JobContext, mutation: Pick<Mutation, 'action' | 'target' | 'origin'>): Promise<void> {
  const { origin, action } = mutation;
  const decision = await ctx.access.authorize({ userId: origin.user, channelId: origin.channel }, 'operator', action);
  if (decision.allowed) return;
  await audit(ctx, mutation, 'denied', decision.message);
  throw new PermissionError(decision.message);
}

/**
 * Writes one audit record of the mutation under this job's id, once per run of the job (a retry
 * after a crash or a stall does not record the same decision again); an audit failure is
 * logged, never hides the outcome.
 */
export async function audit(
  ctx: JobContext,
  mutation: Pick<Mutation, 'action' | 'target' | 'origin'>,
  decision: AuditDecision,
  outcome?: string,
  jobId: string = ctx.runtime.jobId,
): Promise<void> {
  const { origin } = mutation;
  const record = auditRecord(ctx.clock, {
    actor: origin.user,
    channelId: origin.channel,
    cloud: origin.cloud,
    ...(origin.threadTs === undefined ? {} : { threadTs: origin.threadTs }),
    action: mutation.action,
    target: mutation.target,
    decision,
    jobId,
    ...(outcome === undefined ? {} : { outcome }),
  });
  const once = `${postKey(ctx.runtime, 'audit')}/${mutation.action}/${mutation.target}/${decision}/${jobId}`;
  try {
    await ctx.audit.write(record, once);
  } catch (error) {
    ctx.log.error({ err: error, decision }, 'audit write failed');
  }
}

/** Whether a thrown error ends the job for good (so the audit says `failed`). */
export function isFinal(error: unknown, ctx: JobContext): boolean {
  return !isBotError(error) || !error.retryable || ctx.runtime.isFinalAttempt;
}

/**
 * Magnum's refusals of a mutation, by error code: out of quota, or forbidden by policy, get a
 * message that names what was refused. Other errors pass through unchanged.
 */
export function classifyRefusal(error: unknown, refused: string): unknown {
  const upstream =
    error instanceof UpstreamError ? error : error instanceof Error && error.cause instanceof UpstreamError ? error.cause : null;
  if (!upstream || upstream.service !== 'magnum') return error;
  const detail = upstream.upstreamMessage;
  if (upstream.code === 'quota_exceeded') {
    return new BotError('quota_exceeded', `Magnum refused to ${refused}: ${detail ?? 'quota exceeded'}.`, { cause: error });
  }
  if (upstream.code === 'forbidden') {
    return new BotError('forbidden', `Magnum refused to ${refused}: ${detail ?? 'forbidden by policy'}.`, { cause: error });
  }
  return error;
}
