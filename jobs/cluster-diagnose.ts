import { postKey } from '../src/core/job.js';
import { z } from 'zod';
import { renderClusterSummary } from '../src/render/cluster-summary.js';
import { diagnosisNeedsSnippet, renderDiagnosisMessage } from '../src/render/diagnosis.js';
import { renderDiagnosisFile } from '../src/render/diagnosis-text.js';
import { AnswerState, diagnoseCluster, postAnswer } from './cluster-access.js';
import { defineJob } from './definition.js';
import { Origin, ensureThread } from './origin.js';

export const DIAGNOSE_REASONS = [
  'manual',
  'create-failed',
  'delete-failed',
  'resize-failed',
  'upgrade-failed',
  'post-create',
  'watch',
  'stalled',
] as const;

export const DiagnoseData = Origin.extend({
  cluster: z.string().min(1),
  reason: z.enum(DIAGNOSE_REASONS).optional(),
}).extend(AnswerState.shape);
export type DiagnoseData = z.infer<typeof DiagnoseData>;

/**
 * `/kube diagnose NAME` and the automatic runs: collect once, run every rule, post the
 * findings (into `threadTs` when given, else under a new thread rooted at the cluster summary).
 */
export const clusterDiagnose = defineJob({
  name: 'cluster-diagnose',
  data: DiagnoseData,
  async process(data, ctx) {
    const { snapshot, findings, checked, ticketRef } = await diagnoseCluster(ctx, data, data.cluster);
    // Magnum's clock, for the summary's ages.
    const now = snapshot.openstackNow ?? ctx.clock.now();
    const cluster = snapshot.cluster;
    if (!data.threadTs && cluster && !data.answerTs) {
      await ensureThread(data, ctx, () =>
        renderClusterSummary(cluster, {
          requester: data.user,
          now,
          command: `/kube diagnose ${data.cluster}`,
          follows: 'the diagnosis',
          verdict: findings,
        }),
      );
    }
    const view = { cluster: data.cluster, findings, checked, ...(cluster ? { magnumHealth: cluster.healthStatus } : {}) };
    const message = renderDiagnosisMessage(view, { requester: data.user, ticketRef, reason: data.reason });
    const { threadTs } = await postAnswer(data, ctx, message);
    if (diagnosisNeedsSnippet(findings)) {
      await ctx.slack.uploadSnippet(data.channel, threadTs, renderDiagnosisFile(data.cluster, findings, checked), {
        key: postKey(ctx.runtime, 'snippet'),
      });
    }
    return { threadTs, rules: findings.map((f) => f.rule) };
  },
});
