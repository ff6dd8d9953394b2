import { z } from 'zod';
import { jobIdFor } from '../src/core/job-id.js';
import { LOADBALANCERS_DELETE_JOB } from '../src/core/requests/delete-request.js';
import {
  BOOTSTRAP_JOB_DELETE_JOB,
  DeleteBootstrapJobRemedy,
  DeleteLoadBalancersRemedy,
  RECREATE_JOB,
  RecreateWithoutVolumeRemedy,
  remedyActionId,
  type RemedyId,
} from '../src/core/requests/remedy-request.js';
import { mentionUser } from '../src/render/mrkdwn.js';
import { defineAction, type ActionDefinition } from './definition.js';
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

/** One remedy button of a diagnosis: the job it starts, and what that job gets and is called. */
interface RemedySpec<V extends { cluster: string; requester?: string | undefined }> {
  id: RemedyId;
  job: string;
  schema: z.ZodType<V>;
  /** After "Only ... can": what the button does, for a refusal. */
  verb: string;
  /** The job's data beyond its origin and thread. */
  data(value: V): object;
  /** The audit outcome and the answer to the click. */
  summary(value: V): string;
}

/**
 * A remedy button of a diagnosis. Operator role, checked now and again by the job, which also
 * re-checks that the remedy still applies; Slack's confirm dialog was the confirmation. Only the
 * user who asked for the diagnosis (named in the button) or an admin may click, as with the same
 * remedy in a delete thread. One job per message: the job id comes from the message and the
 * remedy, so a second click starts nothing; the `confirmed` record is written once, by the click
 * that started the job.
 */
function defineRemedy<V extends { cluster: string; requester?: string | undefined }>(spec: RemedySpec<V>): ActionDefinition {
  return defineAction({
    name: spec.job,
    ids: [remedyActionId(spec.id)],
    role: 'operator',
    value: json(spec.schema),
    async handle(ctx) {
      const { request } = ctx;
      const { cluster, requester } = ctx.value;
      if (requester !== request.userId) {
        const admin = await ctx.access.authorize({ userId: request.userId, channelId: request.channelId }, 'admin', spec.job);
        if (!admin.allowed) {
          const who = requester === undefined ? 'an admin' : `${mentionUser(requester)} (who asked for this diagnosis) or an admin`;
          await auditAction(ctx, { action: spec.job, target: cluster, decision: 'denied', outcome: 'not the requester or an admin' });
          await ctx.reply({ text: `Only ${who} can ${spec.verb}.` });
          return;
        }
      }
      const threadTs = request.threadTs ?? request.messageTs;
      const jobId = jobIdFor(spec.job, request.channelId, request.messageTs, spec.id);
      const origin = { cloud: ctx.cloud, teamId: request.teamId, channel: request.channelId, user: request.userId };
      const { created } = await ctx.queue.enqueue(spec.job, { ...origin, threadTs, ...spec.data(ctx.value) }, { jobId });
      ctx.log.info({ jobId, created }, 'remedy enqueued');
      if (!created) {
        await ctx.reply({ text: 'This button was already used: its job is in this thread. For a fresh one, run the diagnosis again.' });
        return;
      }
      const summary = spec.summary(ctx.value);
      await auditAction(ctx, { action: spec.job, target: cluster, decision: 'confirmed', outcome: summary, jobId, threadTs });
      await ctx.reply({ text: `:white_check_mark: ${mentionUser(request.userId)}: ${summary}; progress in this thread.` });
    },
  });
}

/** Delete the load balancers that block a cluster delete (Catalyst known issue 1), then retry the delete. */
const deleteLoadBalancersRemedy = defineRemedy({
  id: 'delete-loadbalancers',
  job: LOADBALANCERS_DELETE_JOB,
  schema: DeleteLoadBalancersRemedy,
  verb: 'delete these load balancers',
  data: (v) => ({ cluster: v.cluster, uuid: v.uuid ?? v.cluster, loadBalancerIds: v.loadBalancerIds }),
  summary: (v) => `deleting ${v.loadBalancerIds.length} load balancer(s) so that the cluster delete can finish`,
});

/** Delete the finished bootstrap job whose pod holds the volume another pod waits for (Kolla-Kubernetes known issue 1). */
const deleteBootstrapJobRemedy = defineRemedy({
  id: 'delete-bootstrap-job',
  job: BOOTSTRAP_JOB_DELETE_JOB,
  schema: DeleteBootstrapJobRemedy,
  verb: 'delete this job',
  data: (v) => ({ cluster: v.cluster, namespace: v.namespace, job: v.job, claim: v.claim }),
  summary: (v) => `deleting the finished job ${v.namespace}/${v.job}, which holds PVC ${v.claim}`,
});

/** Delete the cluster whose pods fail on the overlay2 docker volume, and create it again without the volume. */
const recreateWithoutVolumeRemedy = defineRemedy({
  id: 'recreate-without-volume',
  job: RECREATE_JOB,
  schema: RecreateWithoutVolumeRemedy,
  verb: 'recreate this cluster',
  data: (v) => ({ cluster: v.cluster, uuid: v.uuid }),
  summary: (v) => `deleting ${v.cluster}, then creating it again without the docker volume`,
});

/** Every remedy button a diagnosis may offer. */
export const diagnoseActions = [deleteLoadBalancersRemedy, deleteBootstrapJobRemedy, recreateWithoutVolumeRemedy];
