import { z } from 'zod';
import type { ClusterDetail } from '../src/core/cluster.js';
import { NotFoundError } from '../src/core/errors.js';
import type { Finding } from '../src/core/finding.js';
import type { KubeApi, Message } from '../src/core/ports.js';
import type { ClusterSnapshot } from '../src/core/snapshot.js';
import { collectSnapshot } from '../src/collect/collect-snapshot.js';
import { runDiagnosis } from '../src/diagnostics/run-diagnosis.js';
import { redactText } from '../src/security/redact.js';
import type { JobContext } from './definition.js';
import type { Origin } from './origin.js';

/** Job data fields for answering once: the ts of the job's main message, kept across retries. */
export const AnswerState = z.object({ answerTs: z.string().optional() });

/** Whether the name is a cluster registered by kubeconfig (Kolla, Murano, Heat-template) rather than Magnum. */
export async function isKubeconfigCluster(ctx: JobContext, name: string): Promise<boolean> {
  return (await ctx.kube.listKubeconfigClusters()).includes(name);
}

/** The cluster's Kubernetes API: a kubeconfig-registered cluster, else a Magnum cluster of the cloud. */
export async function openKube(ctx: JobContext, cloud: string, name: string): Promise<{ api: KubeApi; cluster: ClusterDetail | null }> {
  if (await isKubeconfigCluster(ctx, name)) {
    const api = await ctx.kube.forKubeconfigCluster(name);
    if (api === null) throw new NotFoundError(`No cluster named ${name} is registered by kubeconfig.`);
    return { api, cluster: null };
  }
  const openstack = ctx.openstack(cloud);
  const cluster = await openstack.magnum.getCluster(name);
  return { api: await ctx.kube.forMagnumCluster(openstack, cluster), cluster };
}

export interface ClusterDiagnosis {
  snapshot: ClusterSnapshot;
  findings: Finding[];
  /** What was looked at, for the "no problems found" answer. */
  checked: string[];
  /** How a ticket button names the cluster: its Magnum UUID, or its name when registered by kubeconfig. */
  ticketRef: string | undefined;
}

/** Collects the snapshot once and runs every rule with the configured thresholds. */
export async function diagnoseCluster(ctx: JobContext, cloud: string, name: string): Promise<ClusterDiagnosis> {
  const kubeconfigOnly = await isKubeconfigCluster(ctx, name);
  const deps = { kube: ctx.kube, clock: ctx.clock, logger: ctx.log, ...(kubeconfigOnly ? {} : { openstack: ctx.openstack(cloud) }) };
  const snapshot = await collectSnapshot(deps, { clusterName: name, kubeconfigOnly });
  // Console logs can print secrets (discovery tokens, passwords in user-data): scrubbed before any rule quotes them.
  if (snapshot.consoles) snapshot.consoles = snapshot.consoles.map((c) => ({ ...c, lines: c.lines.map(redactText) }));
  const diagnosis = runDiagnosis(snapshot, { now: ctx.clock.now(), thresholds: ctx.settings.diagnostics });
  const ticketRef = snapshot.cluster?.uuid ?? (kubeconfigOnly ? name : undefined);
  return { snapshot, findings: diagnosis.findings, checked: checkedParts(snapshot), ticketRef };
}

/** A short list of what the snapshot holds. */
export function checkedParts(s: ClusterSnapshot): string[] {
  const parts: string[] = [];
  if (s.cluster) parts.push(`Magnum status ${s.cluster.status}`);
  if (s.stack) parts.push(`Heat stack (${s.heatResources.length} resources)`);
  if (s.subnetId) parts.push(`${s.loadBalancers.length} load balancers, ${s.ports.length} ports on the subnet`);
  if (s.kube) {
    const k = s.kube;
    parts.push(
      `${k.nodes.length} nodes`,
      `${k.pods.length} pods`,
      `${k.events.length} events`,
      `${k.services.length} services`,
      `${k.pvcs.length} PVCs`,
      `${k.jobs.length} jobs`,
    );
  }
  return parts;
}

/**
 * Posts the job's main message once: into `threadTs` when the job has one, else as a new
 * thread root. Its ts is saved in the job data, so a retried job updates it instead.
 */
export async function postAnswer<D extends Origin & { answerTs?: string }>(
  data: D,
  ctx: JobContext,
  message: Message,
): Promise<{ threadTs: string; ts: string }> {
  if (data.answerTs) {
    await ctx.slack.update({ channel: data.channel, ts: data.answerTs }, message);
    return { threadTs: data.threadTs ?? data.answerTs, ts: data.answerTs };
  }
  const ref = await ctx.slack.post(data.channel, message, data.threadTs);
  data.answerTs = ref.ts;
  if (!data.threadTs) data.threadTs = ref.ts;
  await ctx.runtime.updateData(data);
  return { threadTs: data.threadTs, ts: ref.ts };
}
