import { z } from 'zod';
import { summarizeAuditJobs } from '../src/security/audit-jobs.js';
import { renderJobsList, type AuditJobSummaryView } from '../src/render/jobs-list.js';
import { defineJob, type JobContext } from './definition.js';
import { Origin } from './origin.js';
import type { QueuedJobView } from './definition.js';
import { readOperations } from './tracking/operation.js';

const SHOWN = 15;
const SCANNED = 300;
const QUEUE_STATE: Record<string, string> = {
  active: 'running',
  waiting: 'queued',
  delayed: 'queued',
  prioritized: 'queued',
  completed: 'done',
  failed: 'failed',
};
const JobOrigin = z.object({ channel: z.string(), user: z.string(), cluster: z.string().optional() });

/**
 * `/kube jobs`: the channel's operations from the audit log (who asked, how it ended, the live
 * status of tracked ones) and its other queued, running and recent jobs from the queue.
 */
export const channelJobs = defineJob({
  name: 'channel-jobs',
  data: Origin,
  async process(data, ctx) {
    const records = await ctx.audit.recent({ channelId: data.channel, limit: SCANNED });
    const live = new Map(
      readOperations(await ctx.operations.list(data.cloud))
        .filter((op) => op.channel === data.channel)
        .map((op) => [op.id, op.lastStatus ?? 'tracking']),
    );
    const audited: AuditJobSummaryView[] = summarizeAuditJobs(records).map((job) => {
      const status = live.get(job.jobId);
      return status === undefined ? job : { ...job, liveStatus: status };
    });
    const seen = new Set(audited.map((j) => j.jobId));
    const queued = (await queueJobs(ctx))
      .filter((j) => !seen.has(j.id) && j.id !== ctx.runtime.jobId)
      .flatMap((j) => view(j, data.channel));
    const jobs = [...audited, ...queued].sort((a, b) => Date.parse(b.requestedAt ?? b.at) - Date.parse(a.requestedAt ?? a.at));
    await ctx.slack.postEphemeral(data.channel, data.user, renderJobsList(jobs, { now: ctx.clock.now(), limit: SHOWN }));
    return { shown: Math.min(jobs.length, SHOWN) };
  },
});

async function queueJobs(ctx: JobContext): Promise<QueuedJobView[]> {
  try {
    return await ctx.recentJobs();
  } catch (error) {
    ctx.log.warn({ err: error }, 'could not list the queue; showing audited operations only');
    return [];
  }
}

/** A queue job of this channel as a line (jobs of other channels and internal ones are left out). */
function view(job: QueuedJobView, channel: string): AuditJobSummaryView[] {
  const origin = JobOrigin.safeParse(job.data);
  if (!origin.success || origin.data.channel !== channel) return [];
  const at = new Date(job.timestamp).toISOString();
  return [
    {
      jobId: job.id,
      action: job.name,
      target: origin.data.cluster ?? '-',
      requester: origin.data.user,
      state: QUEUE_STATE[job.state] ?? job.state,
      at,
      requestedAt: at,
      ...(job.failedReason ? { outcome: job.failedReason } : {}),
    },
  ];
}
