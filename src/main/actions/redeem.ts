import type { Access } from '../../core/access.js';
import type { Clock, JobQueue, Logger, SlackPoster } from '../../core/ports.js';
import type { ActionRequest, Reply } from '../../core/slack-request.js';
import { auditRecord, type AuditDecision, type AuditLog } from '../../core/audit.js';
import type { ConfirmationClaim, Confirmations } from '../../core/confirmation.js';

/** What the confirmation buttons need in the web process. */
export interface ActionDeps {
  queue: JobQueue;
  access: Access;
  clock: Clock;
  logger: Logger;
  confirmations: Pick<Confirmations, 'redeem'>;
  audit: AuditLog;
  /** Edits the message that held the buttons once decided (bound lazily: the Slack app is built after the router). */
  messages: Pick<SlackPoster, 'update'>;
}

const REFUSALS = {
  expired: 'This confirmation has expired: run the command again for a fresh one.',
  already_used: 'This confirmation was already used: each one works once.',
  not_requester: 'Only the person who asked (or an admin) can confirm this.',
  forged: 'This button is not valid.',
  wrong_place: 'This button does not belong here.',
} as const;

/** Writes one audit record for a click; a failed write is logged, the click still gets its answer. */
export async function auditClick(
  deps: ActionDeps,
  request: ActionRequest,
  fields: { action: string; target: string; decision: AuditDecision; outcome: string; jobId?: string; threadTs?: string },
): Promise<void> {
  try {
    const record = auditRecord(deps.clock, {
      actor: request.userId,
      channelId: request.channelId,
      action: fields.action,
      target: fields.target,
      decision: fields.decision,
      outcome: fields.outcome,
      cloud: deps.access.cloudFor(request.channelId),
      ...(fields.jobId === undefined ? {} : { jobId: fields.jobId }),
      ...(fields.threadTs === undefined ? {} : { threadTs: fields.threadTs }),
    });
    await deps.audit.write(record);
  } catch (error) {
    deps.logger.error({ err: error, action: fields.action }, 'audit write failed');
  }
}

/**
 * Checks a confirmation click: the clicker still holds the operator role, the token is genuine,
 * unexpired, meant for this action and channel, clicked by the requester (or an admin), and
 * unused (consumed here, atomically across processes). Answers the clicker when it is not.
 */
export async function redeemClick(
  request: ActionRequest,
  action: string,
  deps: ActionDeps,
  reply: Reply,
): Promise<ConfirmationClaim | null> {
  const actor = { userId: request.userId, channelId: request.channelId };
  const allowed = await deps.access.authorize(actor, 'operator', action);
  if (!allowed.allowed) {
    await auditClick(deps, request, { action, target: '-', decision: 'denied', outcome: allowed.message });
    await reply({ text: allowed.message });
    return null;
  }
  const isAdmin = (await deps.access.authorize(actor, 'admin', action)).allowed;
  const result = await deps.confirmations.redeem(request.value, { userId: request.userId, isAdmin });
  const refusal = !result.ok
    ? result.reason
    : result.claim.action !== action || result.claim.channelId !== request.channelId
      ? 'wrong_place'
      : null;
  if (refusal !== null || !result.ok) {
    const reason = refusal ?? 'forged';
    deps.logger.info({ action, reason, user: request.userId }, 'confirmation refused');
    await auditClick(deps, request, { action, target: '-', decision: 'denied', outcome: `confirmation ${reason}` });
    await reply({ text: REFUSALS[reason] });
    return null;
  }
  return result.claim;
}

/** A confirmation parameter as a string ('' when absent). */
export function param(claim: ConfirmationClaim, key: string): string {
  const value = claim.params[key];
  return value === undefined ? '' : String(value);
}
