import { jobIdFor } from '../src/core/job-id.js';
import type { CommandContext } from './definition.js';

/** The fields every job started from a slash command carries: ids only, never secrets. */
export interface OriginData {
  cloud: string;
  teamId: string;
  channel: string;
  user: string;
}

/**
 * Enqueues a job for this request with a deterministic id (job name + channel + trigger id),
 * so a Slack retry of the same request, or a double submit, enqueues it once.
 */
export async function enqueueForRequest<A>(ctx: CommandContext<A>, jobName: string, data: object): Promise<boolean> {
  const { request } = ctx;
  const origin: OriginData = { cloud: ctx.cloud, teamId: request.teamId, channel: request.channelId, user: request.userId };
  const jobId = jobIdFor(jobName, request.channelId, request.triggerId);
  const { created } = await ctx.queue.enqueue(jobName, { ...origin, ...data }, { jobId });
  ctx.log.info({ jobId, jobName, created }, 'job enqueued');
  return created;
}
