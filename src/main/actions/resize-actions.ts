import { RESIZE_CANCEL_ACTION, RESIZE_CONFIRM_ACTION } from '../../render/resize-preview.js';
import { mentionUser } from '../../render/mrkdwn.js';
import type { ConfirmationClaim } from '../../core/confirmation.js';
import { jobIdFor } from '../../../commands/enqueue.js';
import { cancelClick, markDecided, originOf, type ClickHandler } from './confirm-click.js';
import { auditClick, param, redeemClick } from './redeem.js';

const ACTION = 'cluster-resize';

function summaryOf(claim: ConfirmationClaim): string {
  return `Resize ${param(claim, 'group')} of ${param(claim, 'cluster')} from ${param(claim, 'from')} to ${param(claim, 'nodes')} nodes`;
}

/**
 * Confirm of a shrinking resize: the resize job again, pinned to the previewed UUID and node
 * count (it refuses if more nodes would go than were shown), with the confirmation as job id.
 */
const confirmResize: ClickHandler = async (request, deps, reply) => {
  const claim = await redeemClick(request, ACTION, deps, reply);
  if (!claim) return;
  const cluster = param(claim, 'cluster');
  const threadTs = param(claim, 'threadTs');
  const jobId = jobIdFor(ACTION, claim.id);
  const outcome = `${param(claim, 'group')} from ${param(claim, 'from')} to ${param(claim, 'nodes')} nodes`;
  await auditClick(deps, request, { action: ACTION, target: cluster, decision: 'confirmed', outcome, jobId, threadTs });
  const nodegroup = claim.params['nodegroup'] === undefined ? {} : { nodegroup: param(claim, 'nodegroup') };
  const data = {
    ...originOf(request, deps, claim.requester),
    cluster,
    uuid: param(claim, 'uuid'),
    nodes: Number(claim.params['nodes']),
    confirmedFrom: Number(claim.params['from']),
    threadTs,
    ...nodegroup,
  };
  await deps.queue.enqueue(ACTION, data, { jobId });
  await markDecided(
    deps,
    request,
    summaryOf(claim),
    `:white_check_mark: Confirmed by ${mentionUser(request.userId)}: resizing, progress in this thread.`,
  );
};

/** The resize buttons by action id. */
export const RESIZE_ACTIONS: Readonly<Record<string, ClickHandler>> = {
  [RESIZE_CONFIRM_ACTION]: confirmResize,
  [RESIZE_CANCEL_ACTION]: cancelClick(ACTION, (claim) => ({
    target: param(claim, 'cluster'),
    summary: summaryOf(claim),
    jobId: jobIdFor(ACTION, claim.id),
  })),
};
