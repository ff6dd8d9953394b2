import { z } from 'zod';
import { BotError } from '../src/core/errors.js';
import type { KEvent, KubeState } from '../src/core/kube-state.js';
import { isProblemPod } from '../src/diagnostics/pods-view.js';
import { renderClusterShow } from '../src/render/cluster-show-table.js';
import { renderClusterSummary } from '../src/render/cluster-summary.js';
import { renderDiagnosisMessage } from '../src/render/diagnosis.js';
import { recentWarnings } from '../src/render/events-message.js';
import { replaceTicketButton } from '../src/render/ticket-button.js';
import { renderWatchAlert } from '../src/render/watch-message.js';
import { diagnoseCluster } from './cluster-access.js';
import { defineJob } from './definition.js';
import { Origin, ensureThread } from './origin.js';
import { postKey } from '../src/core/job.js';

export const TicketData = Origin.extend({
  /** Cluster name (from `/kube ticket NAME`) or uuid (from the button). */
  cluster: z.string().min(1),
  /** The message whose button was clicked (or the thread root the command posted). */
  messageTs: z.string().optional(),
  /** The clicked message is a watch incident of this rule: it is re-rendered as such. */
  watchRule: z.string().optional(),
});
export type TicketData = z.infer<typeof TicketData>;

/** Warning events about failing pods, and about anything that is not a pod (nodes, PVCs...). */
export function failingPodWarnings(kube: KubeState | null): KEvent[] {
  if (!kube) return [];
  const failing = new Set(kube.pods.filter(isProblemPod).map((p) => `${p.namespace}/${p.name}`));
  return recentWarnings(kube.events, null).filter(
    (e) => e.involvedKind !== 'Pod' || failing.has(`${e.involvedNamespace ?? e.namespace}/${e.involvedName}`),
  );
}

/**
 * The "Attach to support ticket" button and `/kube ticket NAME`: diagnose, build the redacted
 * bundle, send it to the configured sink (one ticket per thread), then turn the button into a link.
 * A cluster registered by kubeconfig gets the same bundle without the Magnum parts.
 */
export const ticketAttach = defineJob({
  name: 'ticket-attach',
  data: TicketData,
  async process(data, ctx) {
    // Diagnosed now, on every attach: the thread's earlier diagnosis (if any) may be stale or missing.
    const { snapshot, findings, checked, ticketRef } = await diagnoseCluster(ctx, data, data.cluster);
    const cluster = snapshot.cluster;
    if (ticketRef === undefined)
      throw new BotError('cluster_unreadable', `Magnum did not return cluster ${data.cluster}; try again in a minute.`, {
        retryable: true,
      });
    const name = cluster?.name ?? data.cluster;
    // Magnum's clock, for the summary's ages.
    const now = snapshot.openstackNow ?? ctx.clock.now();
    const magnumHealth = cluster ? { magnumHealth: cluster.healthStatus } : {};
    const diagnosis = () =>
      renderDiagnosisMessage({ cluster: name, findings, checked, ...magnumHealth }, { requester: data.user, ticketRef });
    // The thread's root: the cluster summary, or for a cluster registered by kubeconfig (no Magnum data) the diagnosis.
    const root = cluster
      ? () =>
          renderClusterSummary(cluster, {
            requester: data.user,
            now,
            command: `/kube ticket ${name}`,
            follows: 'the support bundle',
            verdict: findings,
          })
      : diagnosis;
    if (!data.threadTs) {
      data.messageTs = await ensureThread(data, ctx, root);
      await ctx.runtime.updateData(data);
    }
    const threadTs = data.threadTs as string;
    const outcome = await ctx.tickets.attach({
      channel: data.channel,
      threadTs,
      requester: data.user,
      owner: ctx.runtime.jobId,
      sourceKey: data.messageTs,
      noteKey: postKey(ctx.runtime, 'sink-failed'),
      cluster,
      clusterName: name,
      showDump: cluster ? renderClusterShow(cluster.raw) : null,
      template: snapshot.template,
      findings,
      diagnosedAt: snapshot.kubeNow ?? now,
      failedHeatResources: snapshot.heatResources.filter((r) => r.status.endsWith('FAILED')),
      warningEvents: failingPodWarnings(snapshot.kube),
    });
    if (outcome.linkButton && data.messageTs) {
      // The clicked message is re-rendered: a watch incident, a thread root (summary, or a kubeconfig cluster's diagnosis), or a diagnosis reply.
      const incident = data.watchRule === undefined ? undefined : findings.find((f) => f.rule === data.watchRule);
      const host =
        data.watchRule !== undefined
          ? incident
            ? renderWatchAlert(name, incident, ticketRef)
            : null
          : data.messageTs === threadTs
            ? root()
            : diagnosis();
      // An incident that has gone is left to the watcher, which marks it resolved.
      if (host) await ctx.slack.update({ channel: data.channel, ts: data.messageTs }, replaceTicketButton(host, outcome.linkButton));
    }
    return { threadTs, ticket: outcome.ref?.display ?? null, fellBack: outcome.fellBack, duplicate: outcome.duplicate };
  },
});
