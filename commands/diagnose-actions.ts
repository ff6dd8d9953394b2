import { z } from 'zod';
import { jobIdFor } from '../src/core/job-id.js';
import { LOADBALANCERS_DELETE_JOB } from '../src/core/requests/delete-request.js';
import { DeleteLoadBalancersRemedy, remedyActionId } from '../src/core/requests/remedy-request.js';
import { mentionUser } from '../src/render/mrkdwn.js';
import { defineAction } from './definition.js';
import { auditAction } from './handler-audit.js';

/** A JSON button value read with a schema; anything else fails validation. */
const json = <T>(schema: z.ZodType<T>) =>
  z
    .string()
    .max(2000)
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'not JSON' });
        return z.NEVER;
      }
    })
    .pipe(schema);

/**
 * The "delete these load balancers" remedy of a DELETE_FAILED diagnosis. Operator role, checked
 * now and again by the job, which also re-checks that the remedy still applies; Slack's confirm
 * dialog was the confirmation. Like the same remedy in the delete thread, only the user who asked
 * for the diagnosis (named in the button) or an admin may click. One job per message: the job id
 * comes from the message, so a second click starts nothing.
 */
const deleteLoadBalancersRemedy = defineAction({
  name: LOADBALANCERS_DELETE_JOB,
  ids: [remedyActionId('delete-loadbalancers')],
  role: 'operator',
  value: json(DeleteLoadBalancersRemedy),
  async handle(ctx) {
    const { request } = ctx;
    const { cluster, loadBalancerIds } = ctx.value;
    if (ctx.value.requester !== request.userId) {
      const admin = await ctx.access.authorize({ userId: request.userId, channelId: request.channelId }, 'admin', LOADBALANCERS_DELETE_JOB);
      if (!admin.allowed) {
        const who =
          ctx.value.requester === undefined ? 'an admin' : `${mentionUser(ctx.value.requester)} (who asked for this diagnosis) or an admin`;
        await auditAction(ctx, {
          action: LOADBALANCERS_DELETE_JOB,
          target: cluster,
          decision: 'denied',
          outcome: 'not the requester or an admin',
        });
        await ctx.reply({ text: `Only ${who} can delete these load balancers.` });
        return;
      }
    }
    const threadTs = request.threadTs ?? request.messageTs;
    const jobId = jobIdFor(LOADBALANCERS_DELETE_JOB, request.channelId, request.messageTs, 'delete-loadbalancers');
    const origin = { cloud: ctx.cloud, teamId: request.teamId, channel: request.channelId, user: request.userId };
    const data = { ...origin, cluster, uuid: ctx.value.uuid ?? cluster, threadTs, loadBalancerIds };
    const { created } = await ctx.queue.enqueue(LOADBALANCERS_DELETE_JOB, data, { jobId });
    ctx.log.info({ jobId, created }, 'remedy enqueued');
    if (!created) {
      await ctx.reply({ text: 'This button was already used: its job is in this thread. For a fresh one, run the diagnosis again.' });
      return;
    }
    const summary = `deleting ${loadBalancerIds.length} load balancer(s), then retrying the cluster delete`;
    await auditAction(ctx, { action: LOADBALANCERS_DELETE_JOB, target: cluster, decision: 'confirmed', outcome: summary, jobId, threadTs });
    await ctx.reply({ text: `:white_check_mark: ${mentionUser(request.userId)}: ${summary}; progress in this thread.` });
  },
});

/** Every remedy button a diagnosis may offer. */
export const diagnoseActions = [deleteLoadBalancersRemedy];
