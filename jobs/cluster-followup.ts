import { postKey } from '../src/core/job.js';
import { z } from 'zod';
import { rescheduleIn } from '../src/core/job.js';
import { isSettled, unsettled } from '../src/diagnostics/settled.js';
import { diagnosisNeedsSnippet, renderDiagnosisMessage } from '../src/render/diagnosis.js';
import { renderDiagnosisFile } from '../src/render/diagnosis-text.js';
import { FOLLOWUP_AFTER, renderFollowup } from '../src/render/followup.js';
import { AnswerState, diagnoseCluster, postAnswer } from './cluster-access.js';
import { defineJob, type JobContext } from './definition.js';
import { Origin } from './origin.js';

export const FOLLOWUP_JOB = 'cluster-followup';

/** Minutes after the operation ended at which the health check runs, until healthy or a finding is posted. */
export const FOLLOWUP_SCHEDULE_MIN = [0, 2, 5, 10, 20] as const;

export const FollowupData = Origin.extend({
  cluster: z.string().min(1),
  after: z.enum(Object.keys(FOLLOWUP_AFTER) as [keyof typeof FOLLOWUP_AFTER, ...(keyof typeof FOLLOWUP_AFTER)[]]),
  /** When the operation ended, epoch ms on the bot's clock: the schedule counts from here. */
  endedAt: z.number(),
  /** Index into FOLLOWUP_SCHEDULE_MIN of the next check. */
  step: z.number().int().min(0).default(0),
  threadTs: z.string().min(1),
}).extend(AnswerState.shape);
export type FollowupData = z.infer<typeof FollowupData>;

/** How long a waiting follow-up sleeps at most before looking at the clock again (the clock may run faster than real time). */
function wakeEveryMs(ctx: JobContext): number {
  return Math.max(1, ctx.settings.pollIntervalMs * 4);
}

/**
 * The health checks after a create, a resize or a delete retry: at each time of
 * FOLLOWUP_SCHEDULE_MIN the cluster is diagnosed, and ONE message in the thread says where it
 * stands, until it is healthy (nodes Ready, pods running, no finding) or a finding is posted
 * (that message becomes the diagnosis). One job per operation with a deterministic id that
 * reschedules itself (no worker slot held while waiting); the message's ts is in the job data,
 * so a retried or recovered run edits it instead of posting another.
 */
export const clusterFollowup = defineJob({
  name: FOLLOWUP_JOB,
  data: FollowupData,
  async process(data, ctx) {
    const schedule = FOLLOWUP_SCHEDULE_MIN;
    const step = Math.min(data.step, schedule.length - 1);
    const dueAt = data.endedAt + (schedule[step] ?? 0) * 60_000;
    const now = ctx.clock.now();
    if (now < dueAt) return rescheduleIn(Math.min(dueAt - now, wakeEveryMs(ctx)), data);

    const { snapshot, findings, checked, ticketRef } = await diagnoseCluster(ctx, data, data.cluster);
    const problems = findings.filter((f) => f.severity !== 'info');
    if (problems.length > 0) {
      const view = {
        cluster: data.cluster,
        findings,
        checked,
        ...(snapshot.cluster ? { magnumHealth: snapshot.cluster.healthStatus } : {}),
      };
      const reason = `post-${data.after}, check ${step + 1} of ${schedule.length} at +${schedule[step]} min`;
      const { threadTs } = await postAnswer(data, ctx, renderDiagnosisMessage(view, { requester: data.user, ticketRef, reason }));
      if (diagnosisNeedsSnippet(findings)) {
        await ctx.slack.uploadSnippet(data.channel, threadTs, renderDiagnosisFile(data.cluster, findings, checked), {
          key: postKey(ctx.runtime, `snippet-${step}`),
        });
      }
      return { done: 'finding', check: step + 1, rules: problems.map((f) => f.rule) };
    }
    const waiting = unsettled(snapshot);
    const last = step === schedule.length - 1;
    const settled = isSettled(waiting);
    const nextAtMin = settled || last ? null : (schedule[step + 1] ?? null);
    await postAnswer(
      data,
      ctx,
      renderFollowup({
        cluster: data.cluster,
        after: data.after,
        requester: data.user,
        check: step + 1,
        of: schedule.length,
        atMin: schedule[step] ?? 0,
        nextAtMin,
        unsettled: waiting,
      }),
    );
    if (nextAtMin === null) return { done: settled ? 'healthy' : 'gave-up', check: step + 1 };
    return rescheduleIn(wakeEveryMs(ctx), { ...data, step: step + 1 });
  },
});
