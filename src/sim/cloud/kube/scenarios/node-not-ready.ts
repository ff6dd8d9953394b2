import type { ClusterContext } from '../cluster-context.js';
import { iso } from '../kube-names.js';
import type { SimPod } from '../kube-types.js';
import { buildNode, nodeLookOf, type SimNode } from '../object-builders.js';
import { refreshOwners } from '../pod-mutations.js';
import { replaceEvictedPod } from '../workload-ops.js';
import { eventsFor, MIN } from './scenario-events.js';

/** The last worker stops posting status; its pods are marked for deletion and stay Terminating. */
export function nodeNotReady(ctx: ClusterContext): void {
  const lost = ctx.workers.at(-1);
  if (!lost) return;
  const lostAt = ctx.createdAt + 13 * MIN;
  markNodeLost(ctx, lost, lostAt);
  evictPodsFrom(ctx, lost, lostAt);
}

/** What the node controller does to a lost node's pods: not ready, then marked for deletion. */
export function evictPodsFrom(ctx: ClusterContext, lost: SimNode, lostAt: number): void {
  const evictAt = lostAt + 5 * MIN + 40_000;
  for (const pod of ctx.store.list('pods') as SimPod[]) {
    if (pod.spec.nodeName !== lost.name) continue;
    const isDaemon = pod.metadata.ownerReferences?.some((o) => o.kind === 'DaemonSet');
    for (const c of pod.status.conditions ?? []) {
      if (c.type === 'Ready') Object.assign(c, { status: 'False', lastTransitionTime: iso(lostAt + 40_000) });
    }
    for (const s of pod.status.containerStatuses ?? []) s.ready = false;
    if (isDaemon) continue;
    pod.metadata.deletionTimestamp = iso(evictAt + 30_000);
    pod.metadata.deletionGracePeriodSeconds = 30;
    ctx.store.put('pods', pod);
    refreshOwners(ctx, pod);
    replaceEvictedPod(ctx, pod, evictAt);
    eventsFor(ctx, pod, [
      { type: 'Warning', reason: 'NodeNotReady', message: 'Node is not ready', component: 'node-controller', at: lostAt + 40_000 },
      {
        reason: 'TaintManagerEviction',
        message: `Marking for deletion Pod ${pod.metadata.namespace}/${pod.metadata.name}`,
        component: 'taint-controller',
        at: evictAt,
      },
    ]);
  }
}

/** Marks a node NotReady (NodeStatusUnknown) since `lostAt`, with the node controller's event. */
export function markNodeLost(ctx: ClusterContext, node: SimNode, lostAt: number): void {
  const existing = ctx.store.get('nodes', undefined, node.name);
  const look = { ...nodeLookOf(existing), kubeletVersion: ctx.kubeVersion, createdAt: ctx.createdAt + 7 * MIN, notReadySince: lostAt };
  const updated = buildNode(node, look);
  if (existing) updated.metadata.uid = existing.metadata.uid;
  ctx.store.put('nodes', updated);
  eventsFor(ctx, updated, [
    { reason: 'NodeNotReady', message: `Node ${node.name} status is now: NodeNotReady`, component: 'node-controller', at: lostAt + 40_000 },
  ]);
}
