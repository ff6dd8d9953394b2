import type { ActionRequest, Reply } from '../../core/slack-request.js';
import { renderDecided } from '../../render/create-preflight.js';
import { mentionUser } from '../../render/mrkdwn.js';
import type { ConfirmationClaim } from '../../core/confirmation.js';
import { auditClick, redeemClick, type ActionDeps } from './redeem.js';

/** A Confirm or Cancel button's handler. */
export type ClickHandler = (request: ActionRequest, deps: ActionDeps, reply: Reply) => Promise<void>;

/** The origin of a confirmed job: the channel's cloud, and the requester (not the clicker, who may be an admin). */
export function originOf(request: ActionRequest, deps: ActionDeps, requester: string) {
  return { cloud: deps.access.cloudFor(request.channelId), teamId: request.teamId, channel: request.channelId, user: requester };
}

/** Replaces the buttons with the decision; a failed edit is only logged (the job runs either way). */
export async function markDecided(deps: ActionDeps, request: ActionRequest, summary: string, decision: string): Promise<void> {
  try {
    await deps.messages.update({ channel: request.channelId, ts: request.messageTs }, renderDecided(summary, decision));
  } catch (error) {
    deps.logger.warn({ err: error }, 'could not update the confirmation message');
  }
}

export interface CancelDescription {
  target: string;
  /** What was asked, for the decided message. */
  summary: string;
  /** The job the confirmation would have started, when its request was audited under that id. */
  jobId?: string;
}

/** Cancel: redeems the shared token (so Confirm no longer works), audits the refusal and marks the message. */
export function cancelClick(action: string, describe: (claim: ConfirmationClaim) => CancelDescription): ClickHandler {
  return async (request, deps, reply) => {
    const claim = await redeemClick(request, action, deps, reply);
    if (!claim) return;
    const { target, summary, jobId } = describe(claim);
    const linked = jobId === undefined ? {} : { jobId, threadTs: request.threadTs ?? request.messageTs };
    await auditClick(deps, request, { action, target, decision: 'denied', outcome: 'cancelled by the user', ...linked });
    await markDecided(deps, request, summary, `:no_entry_sign: Cancelled by ${mentionUser(request.userId)}.`);
  };
}
