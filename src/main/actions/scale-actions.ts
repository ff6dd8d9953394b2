import { SCALE_CANCEL_ACTION, SCALE_CONFIRM_ACTION } from '../../render/scale-preview.js';
import { mentionUser } from '../../render/mrkdwn.js';
import type { ConfirmationClaim } from '../../core/confirmation.js';
import { jobIdFor } from '../../../commands/enqueue.js';
import { cancelClick, markDecided, originOf, type ClickHandler } from './confirm-click.js';
import { auditClick, param, redeemClick } from './redeem.js';

const ACTION = 'workload-scale';

/** The workload as the scale job audits it: `cluster:ns/kind/name`. */
function targetOf(claim: ConfirmationClaim): string {
  return `${param(claim, 'cluster')}:${param(claim, 'namespace')}/${param(claim, 'kind').toLowerCase()}/${param(claim, 'name')}`;
}

function summaryOf(claim: ConfirmationClaim): string {
  return `Scale ${param(claim, 'namespace')}/${param(claim, 'kind').toLowerCase()}/${param(claim, 'name')} on ${param(claim, 'cluster')} to 0 replicas`;
}

/** Confirm of a scale to 0: the scale job again, marked confirmed, with the confirmation as job id. */
const confirmScale: ClickHandler = async (request, deps, reply) => {
  const claim = await redeemClick(request, ACTION, deps, reply);
  if (!claim) return;
  const threadTs = request.threadTs ?? request.messageTs;
  const jobId = jobIdFor(ACTION, claim.id);
  await auditClick(deps, request, {
    action: ACTION,
    target: targetOf(claim),
    decision: 'confirmed',
    outcome: 'replicas 0',
    jobId,
    threadTs,
  });
  const data = {
    ...originOf(request, deps, claim.requester),
    cluster: param(claim, 'cluster'),
    namespace: param(claim, 'namespace'),
    kind: param(claim, 'kind'),
    name: param(claim, 'name'),
    replicas: 0,
    confirmed: true,
    threadTs,
  };
  await deps.queue.enqueue(ACTION, data, { jobId });
  await markDecided(deps, request, summaryOf(claim), `:white_check_mark: Confirmed by ${mentionUser(request.userId)}: scaling to 0.`);
};

/** The scale-to-0 buttons by action id. */
export const SCALE_ACTIONS: Readonly<Record<string, ClickHandler>> = {
  [SCALE_CONFIRM_ACTION]: confirmScale,
  [SCALE_CANCEL_ACTION]: cancelClick(ACTION, (claim) => ({
    target: targetOf(claim),
    summary: summaryOf(claim),
    jobId: jobIdFor(ACTION, claim.id),
  })),
};
