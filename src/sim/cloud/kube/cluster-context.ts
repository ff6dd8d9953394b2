import { buildEvent, type EventPlan, type SimNode } from './object-builders.js';
import type { KubeStore } from './kube-store.js';

/** What scenario builders share while laying out one simulated cluster. */
export interface ClusterContext {
  store: KubeStore;
  clusterName: string;
  /** `<cluster>-<12 chars>`, the prefix of Magnum's node names. */
  prefix: string;
  createdAt: number;
  kubeVersion: string;
  masters: SimNode[];
  workers: SimNode[];
  nextPodIp(): string;
  nextClusterIp(): string;
  /** A rotating start index, so single-replica workloads spread over the workers. */
  nextPlacement(): number;
  /** Records an event; `recurEveryMs` makes its count and lastTimestamp follow the clock. */
  addEvent(plan: EventPlan, recurEveryMs?: number): void;
}

/** Creates the context; node names follow Magnum's fedora-coreos driver. */
export function createClusterContext(opts: {
  store: KubeStore;
  clusterName: string;
  prefix: string;
  createdAt: number;
  kubeVersion: string;
  masterCount: number;
  nodeCount: number;
}): ClusterContext {
  let podSeq = 2;
  let serviceSeq = 20;
  let eventSeq = 0;
  let placement = 0;
  const masters = Array.from({ length: opts.masterCount }, (_, i) => masterNode(opts.prefix, i));
  const workers = Array.from({ length: opts.nodeCount }, (_, i) => workerNode(opts.prefix, i));
  return {
    store: opts.store,
    clusterName: opts.clusterName,
    prefix: opts.prefix,
    createdAt: opts.createdAt,
    kubeVersion: opts.kubeVersion,
    masters,
    workers,
    nextPodIp: () => {
      podSeq += 1;
      return `10.100.${Math.floor(podSeq / 250)}.${podSeq % 250}`;
    },
    nextPlacement: () => {
      placement += 1;
      return placement - 1;
    },
    nextClusterIp: () => {
      serviceSeq += 1;
      return `10.254.${Math.floor(serviceSeq / 250)}.${serviceSeq % 250}`;
    },
    addEvent: (plan, recurEveryMs) => {
      eventSeq += 1;
      const event = opts.store.put('events', buildEvent(plan, eventSeq));
      if (recurEveryMs !== undefined) opts.store.setRecurrence(plan.namespace, event.metadata.name, { everyMs: recurEveryMs });
    },
  };
}

/** Magnum's `<prefix>-master-N` node. */
export function masterNode(prefix: string, index: number): SimNode {
  return { name: `${prefix}-master-${index}`, ip: `10.0.0.${10 + index}`, role: 'master' };
}

/** Magnum's `<prefix>-node-N` node. */
export function workerNode(prefix: string, index: number): SimNode {
  return { name: `${prefix}-node-${index}`, ip: `10.0.0.${100 + index}`, role: 'worker' };
}
