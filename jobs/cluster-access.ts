import { z } from 'zod';
import type { ClusterDetail } from '../src/core/cluster.js';
import { postKey } from '../src/core/job.js';
import { BotError, NotFoundError } from '../src/core/errors.js';
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

/** Where a job looks a cluster up: the channel it answers in and the cloud bound to that channel. */
export type ClusterScope = Pick<Origin, 'cloud' | 'channel'>;

/** Which API serves a cluster name in a channel: a Magnum cluster (when fetched), or a kubeconfig file's. */
export type ClusterSource = { kind: 'magnum'; cluster: ClusterDetail } | { kind: 'kubeconfig' };

const POLICY_KEY = 'kubeconfig_clusters';

/**
 * Resolves a cluster name in a channel. A cluster registered by kubeconfig is used only where
 * the access policy binds it (its channels, or channels of its clouds); elsewhere the name means
 * the channel's Magnum cluster, and when there is none the answer says the kubeconfig cluster
 * is not bound here. Where it is bound and the channel's cloud also has a Magnum cluster of that
 * name, neither is guessed: the name is refused as a clash (the Magnum one is never hidden).
 */
export async function resolveCluster(ctx: JobContext, scope: ClusterScope, name: string): Promise<ClusterSource> {
  const registered = (await ctx.kube.listKubeconfigClusters()).includes(name);
  if (!registered) return { kind: 'magnum', cluster: await ctx.openstack(scope.cloud).magnum.getCluster(name) };
  const allowed = ctx.access.kubeconfigAllowed(scope.channel, scope.cloud, name);
  const magnum = await findMagnumCluster(ctx, scope.cloud, name);
  if (!allowed) {
    if (magnum) return { kind: 'magnum', cluster: magnum };
    throw new BotError(
      'kubeconfig_not_bound',
      `${name} is a cluster registered by kubeconfig that this channel may not use, and cloud ${scope.cloud} has no Magnum cluster of that name. An admin can bind it to this channel under \`${POLICY_KEY}\` in the access policy.`,
    );
  }
  if (magnum) {
    throw new BotError(
      'kubeconfig_name_clash',
      `${name} names both a Magnum cluster in cloud ${scope.cloud} and a cluster registered by kubeconfig for this channel, so nothing was done. An admin can rename the kubeconfig file (the cluster takes the file's name) or unbind it under \`${POLICY_KEY}\`.`,
    );
  }
  return { kind: 'kubeconfig' };
}

/** The cloud's Magnum cluster of that name, or null when there is none (or the cloud has no Magnum). */
async function findMagnumCluster(ctx: JobContext, cloud: string, name: string): Promise<ClusterDetail | null> {
  try {
    return await ctx.openstack(cloud).magnum.getCluster(name);
  } catch (error) {
    if (error instanceof BotError && (error.code === 'not_found' || error.code === 'service_not_in_catalog')) return null;
    throw error;
  }
}

/** The cluster's Kubernetes API: a kubeconfig-registered cluster bound to the channel, else a Magnum cluster of the cloud. */
export async function openKube(
  ctx: JobContext,
  scope: ClusterScope,
  name: string,
): Promise<{ api: KubeApi; cluster: ClusterDetail | null }> {
  const source = await resolveCluster(ctx, scope, name);
  if (source.kind === 'kubeconfig') {
    const api = await ctx.kube.forKubeconfigCluster(name);
    if (api === null) throw new NotFoundError(`No cluster named ${name} is registered by kubeconfig.`);
    return { api, cluster: null };
  }
  return { api: await ctx.kube.forMagnumCluster(ctx.openstack(scope.cloud), source.cluster), cluster: source.cluster };
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
export async function diagnoseCluster(ctx: JobContext, scope: ClusterScope, name: string): Promise<ClusterDiagnosis> {
  const kubeconfigOnly = (await resolveCluster(ctx, scope, name)).kind === 'kubeconfig';
  const deps = { kube: ctx.kube, clock: ctx.clock, logger: ctx.log, ...(kubeconfigOnly ? {} : { openstack: ctx.openstack(scope.cloud) }) };
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
 * thread root. It is a keyed post, and its ts is saved in the job data, so a retried job
 * updates it instead of posting it again.
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
  // Keyed: an attempt whose post Slack accepted but answered too late (a timeout), or a worker
  // killed before the ts was saved, finds it on the retry.
  const ref = await ctx.slack.post(data.channel, message, data.threadTs, { key: postKey(ctx.runtime, 'answer') });
  data.answerTs = ref.ts;
  if (!data.threadTs) data.threadTs = ref.ts;
  await ctx.runtime.updateData(data);
  return { threadTs: data.threadTs, ts: ref.ts };
}
