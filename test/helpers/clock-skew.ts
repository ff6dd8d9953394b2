/**
 * A snapshot as a server with a skewed clock would give it: every time the server wrote moves by
 * `skewMs`, and the snapshot's "now" on that server's clock (`kubeNow` / `openstackNow`) with it.
 * The bot's clock stays at NOW: a rule that measures with it sees the skew; one that measures
 * with the server's clock gives the same findings as without skew.
 */
import type { ClusterDetail } from '../../src/core/cluster.js';
import type { KCondition, KContainer, KubeState } from '../../src/core/kube-state.js';
import type { ClusterSnapshot } from '../../src/core/snapshot.js';
import { NOW } from './snapshot-builders.js';

/** The skews the rule tables run with: the API server or cloud 3 hours behind, and 3 hours ahead. */
export const SKEWS: readonly [string, number][] = [
  ['3 h behind the bot', -3 * 3_600_000],
  ['3 h ahead of the bot', 3 * 3_600_000],
];

const shift = (t: number | null, ms: number): number | null => (t === null ? null : t + ms);
const shiftIso = (t: string | null, ms: number): string | null => (t === null ? null : new Date(Date.parse(t) + ms).toISOString());

function conditions(list: readonly KCondition[], ms: number): KCondition[] {
  return list.map((c) => ({ ...c, lastTransitionTime: shift(c.lastTransitionTime, ms) }));
}

function container(c: KContainer, ms: number): KContainer {
  return {
    ...c,
    startedAt: shift(c.startedAt, ms),
    lastTerminated: c.lastTerminated === null ? null : { ...c.lastTerminated, finishedAt: shift(c.lastTerminated.finishedAt, ms) },
  };
}

function skewKube(kube: KubeState, ms: number): KubeState {
  return {
    ...kube,
    nodes: kube.nodes.map((n) => ({ ...n, createdAt: shift(n.createdAt, ms), conditions: conditions(n.conditions, ms) })),
    pods: kube.pods.map((p) => ({
      ...p,
      createdAt: shift(p.createdAt, ms),
      deletionTimestamp: shift(p.deletionTimestamp, ms),
      conditions: conditions(p.conditions, ms),
      containers: p.containers.map((c) => container(c, ms)),
    })),
    events: kube.events.map((e) => ({ ...e, firstSeen: shift(e.firstSeen, ms), lastSeen: shift(e.lastSeen, ms) })),
    pvcs: kube.pvcs.map((c) => ({ ...c, createdAt: shift(c.createdAt, ms) })),
    jobs: kube.jobs.map((j) => ({ ...j, completionTime: shift(j.completionTime, ms), conditions: conditions(j.conditions, ms) })),
    workloads: kube.workloads.map((w) => ({ ...w, conditions: conditions(w.conditions, ms) })),
  };
}

/** The Kubernetes API server's clock `skewMs` ahead of the bot's (negative: behind). */
export function withKubeClockSkew(snapshot: ClusterSnapshot, skewMs: number): ClusterSnapshot {
  return { ...snapshot, kube: snapshot.kube === null ? null : skewKube(snapshot.kube, skewMs), kubeNow: NOW + skewMs };
}

function skewCluster(cluster: ClusterDetail, ms: number): ClusterDetail {
  return { ...cluster, createdAt: shiftIso(cluster.createdAt, ms), updatedAt: shiftIso(cluster.updatedAt, ms) };
}

/** Magnum's (and Heat's, Octavia's) clock `skewMs` ahead of the bot's. */
export function withOpenstackClockSkew(snapshot: ClusterSnapshot, skewMs: number): ClusterSnapshot {
  return {
    ...snapshot,
    cluster: snapshot.cluster === null ? null : skewCluster(snapshot.cluster, skewMs),
    stack:
      snapshot.stack === null
        ? null
        : { ...snapshot.stack, createdAt: shift(snapshot.stack.createdAt, skewMs), updatedAt: shift(snapshot.stack.updatedAt, skewMs) },
    heatResources: snapshot.heatResources.map((r) => ({ ...r, updatedAt: shift(r.updatedAt, skewMs) })),
    loadBalancers: snapshot.loadBalancers.map((lb) => ({ ...lb, createdAt: shift(lb.createdAt, skewMs) })),
    ...(snapshot.servers === undefined ? {} : { servers: snapshot.servers.map((s) => ({ ...s, createdAt: shift(s.createdAt, skewMs) })) }),
    openstackNow: NOW + skewMs,
  };
}

/** Both sides skewed (by different amounts, so a rule mixing the clocks up shows it). */
export function withClockSkew(snapshot: ClusterSnapshot, skewMs: number): ClusterSnapshot {
  return withOpenstackClockSkew(withKubeClockSkew(snapshot, skewMs), Math.round(skewMs / 2));
}
