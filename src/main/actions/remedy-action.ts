import { z } from 'zod';
import type { ActionRequest, Reply } from '../../core/slack-request.js';
import { REMEDY_ACTION_PREFIX } from '../../render/diagnosis.js';
import { mentionUser } from '../../render/mrkdwn.js';
import { jobIdFor } from '../../../commands/enqueue.js';
import { auditClick, type ActionDeps } from './redeem.js';

/** `uuid` since the button carried the name too; older buttons carry only the UUID, as `cluster`. */
const DeleteLoadBalancers = z.object({
  cluster: z.string().min(1).max(255),
  uuid: z.string().min(1).max(64).optional(),
  loadBalancerIds: z.array(z.string().min(1).max(64)).min(1).max(50),
});

interface RemedyPlan {
  job: string;
  target: string;
  data: Record<string, unknown>;
  summary: string;
}

/** Each remedy a finding can offer: how its button's params become a job (ids only). */
const REMEDIES: Readonly<Record<string, (params: unknown, threadTs: string) => RemedyPlan | null>> = {
  'delete-loadbalancers': (params, threadTs) => {
    const p = DeleteLoadBalancers.safeParse(params);
    if (!p.success) return null;
    const { cluster, loadBalancerIds } = p.data;
    return {
      job: 'loadbalancers-delete',
      target: cluster,
      data: { cluster, uuid: p.data.uuid ?? cluster, threadTs, loadBalancerIds },
      summary: `deleting ${loadBalancerIds.length} load balancer(s), then retrying the cluster delete`,
    };
  },
};

/**
 * A finding's remedy button (`remedy-<action.id>`, value = the action's params as JSON).
 * Operator role, checked now and again by the job, which also re-checks that the remedy still
 * applies; Slack's confirm dialog was the confirmation. One job per message and remedy: the job
 * id comes from the message, so a second click (or another user's) starts nothing.
 */
export async function handleRemedyAction(request: ActionRequest, deps: ActionDeps, reply: Reply): Promise<void> {
  const log = deps.logger.child({ actionId: request.actionId, user: request.userId, channel: request.channelId });
  const remedyId = request.actionId.slice(REMEDY_ACTION_PREFIX.length);
  try {
    const build = Object.hasOwn(REMEDIES, remedyId) ? REMEDIES[remedyId] : undefined;
    let params: unknown;
    try {
      params = JSON.parse(request.value);
    } catch {
      params = undefined;
    }
    const threadTs = request.threadTs ?? request.messageTs;
    const plan = build?.(params, threadTs) ?? null;
    if (!plan) {
      await reply({ text: 'This button is not valid.' });
      return;
    }
    const decision = await deps.access.authorize({ userId: request.userId, channelId: request.channelId }, 'operator', plan.job);
    if (!decision.allowed) {
      await auditClick(deps, request, { action: plan.job, target: plan.target, decision: 'denied', outcome: 'role', threadTs });
      await reply({ text: decision.message });
      return;
    }
    const jobId = jobIdFor(plan.job, request.channelId, request.messageTs, remedyId);
    const origin = {
      cloud: deps.access.cloudFor(request.channelId),
      teamId: request.teamId,
      channel: request.channelId,
      user: request.userId,
    };
    const { created } = await deps.queue.enqueue(plan.job, { ...origin, ...plan.data }, { jobId });
    log.info({ jobId, created }, 'remedy enqueued');
    if (!created) {
      await reply({ text: 'This button was already used: its job is in this thread. For a fresh one, run the diagnosis again.' });
      return;
    }
    await auditClick(deps, request, {
      action: plan.job,
      target: plan.target,
      decision: 'confirmed',
      outcome: plan.summary,
      jobId,
      threadTs,
    });
    await reply({ text: `:white_check_mark: ${mentionUser(request.userId)}: ${plan.summary}; progress in this thread.` });
  } catch (error) {
    log.error({ err: error }, 'remedy action failed');
    await reply({ text: 'That did not work: nothing was started. Try again in a minute.' });
  }
}
