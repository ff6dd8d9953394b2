import { z } from 'zod';
import { BotError, UsageError } from '../src/core/errors.js';
import type { KEvent, KubeState } from '../src/core/kube-state.js';
import { isProblemPod } from '../src/diagnostics/pods-view.js';
import { renderClusterShow } from '../src/render/cluster-show-table.js';
import { renderClusterSummary } from '../src/render/cluster-summary.js';
import { renderDiagnosisMessage } from '../src/render/diagnosis.js';
import { recentWarnings } from '../src/render/events-message.js';
import { replaceTicketButton } from '../src/render/ticket-button.js';
import { diagnoseCluster, isKubeconfigCluster } from './cluster-access.js';
import { defineJob } from './definition.js';
import { Origin, ensureThread } from './origin.js';

export const TicketData = Origin.extend({
  /** Cluster name (from `/kube ticket NAME`) or uuid (from the button). */
  cluster: z.string().min(1),
  /** The message whose button was clicked (or the thread root the command posted). */
  messageTs: z.string().optional(),
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
 */
export const ticketAttach = defineJob({
  name: 'ticket-attach',
  data: TicketData,
  async process(data, ctx) {
    const tickets = ctx.tickets;
    if (!tickets) throw new BotError('tickets_not_configured', 'Support tickets are not configured on this bot.');
    if (await isKubeconfigCluster(ctx, data.cluster)) {
      throw new UsageError(`${data.cluster} is registered by kubeconfig: support bundles are for Magnum clusters.`);
    }
    const { snapshot, findings, checked } = await diagnoseCluster(ctx, data.cloud, data.cluster);
    const cluster = snapshot.cluster;
    if (!cluster) throw new BotError('cluster_unreadable', `Magnum did not return cluster ${data.cluster}; try again in a minute.`, { retryable: true });
    const now = ctx.clock.now();
    const summary = () => renderClusterSummary(cluster, { requester: data.user, now, command: `/kube ticket ${cluster.name}`, follows: 'the support bundle' });
    if (!data.threadTs) {
      data.messageTs = await ensureThread(data, ctx, summary);
      await ctx.runtime.updateData(data);
    }
    const threadTs = data.threadTs as string;
    const outcome = await tickets.attach({
      channel: data.channel,
      threadTs,
      requester: data.user,
      cluster,
      showDump: renderClusterShow(cluster.raw),
      template: snapshot.template,
      findings,
      failedHeatResources: snapshot.heatResources.filter((r) => r.status.endsWith('FAILED')),
      warningEvents: failingPodWarnings(snapshot.kube),
    });
    if (outcome.linkButton && data.messageTs) {
      // The clicked message is re-rendered: a thread root is the cluster summary, a reply the diagnosis.
      const host =
        data.messageTs === threadTs
          ? summary()
          : renderDiagnosisMessage({ cluster: cluster.name, findings, checked }, { requester: data.user, ticketRef: cluster.uuid });
      await ctx.slack.update({ channel: data.channel, ts: data.messageTs }, replaceTicketButton(host, outcome.linkButton));
    }
    return { threadTs, ticket: outcome.ref?.display ?? null, fellBack: outcome.fellBack, duplicate: outcome.duplicate };
  },
});
