import { lbBlocksDelete, subnetInUse } from './cluster-lifecycle.js';
import { BLOCKED_LEAF, FAILING_LEAF, leavesOf, stackLayout, type LayoutNode } from './heat-layout.js';
import type { SimCluster, SimState } from './sim-state.js';

export const DEPLOY_FAILURE_TEXT = 'Deployment to server failed: deploy_status_code: Deployment exited with non-zero status code: 1';

/** A leaf resource's create/delete windows; status at any instant follows from them. */
interface Timing {
  path: string[];
  node: LayoutNode;
  createStart: number;
  createEnd: number;
  createFails: boolean;
  deleteStart: number | null;
  deleteEnd: number | null;
  deleteFails: boolean;
  removedByShrink: boolean;
}

/** One leaf resource at an instant. */
export interface LeafState {
  path: string[];
  node: LayoutNode;
  status: string;
  /** The failure (prefix and message) when status is *_FAILED; Heat composes reasons from it. */
  failure: { prefix: string; message: string } | null;
  createdAt: number;
  updatedAt: number;
}

const same = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

function spread(leaves: Timing[], start: number, duration: number, failIndex: number | null, kind: 'create' | 'delete'): void {
  const count = failIndex === null ? leaves.length : failIndex + 1;
  const slot = duration / Math.max(count, 1);
  leaves.forEach((t, i) => {
    const begin = i < count ? start + i * slot : Number.POSITIVE_INFINITY;
    const end = i < count ? start + (i + 1) * slot : Number.POSITIVE_INFINITY;
    if (kind === 'create') Object.assign(t, { createStart: begin, createEnd: end, createFails: i === failIndex });
    else if (i < count) Object.assign(t, { deleteStart: begin, deleteEnd: end, deleteFails: i === failIndex });
  });
}

function timingsFor(layout: LayoutNode[]): Timing[] {
  return leavesOf(layout).map(({ path, node }) => ({
    path,
    node,
    createStart: Number.POSITIVE_INFINITY,
    createEnd: Number.POSITIVE_INFINITY,
    createFails: false,
    deleteStart: null,
    deleteEnd: null,
    deleteFails: false,
    removedByShrink: false,
  }));
}

/** Every leaf of the cluster's stack with its windows, replaying the cluster's operations. */
function schedule(state: SimState, cluster: SimCluster, now: number): Timing[] {
  const [create, ...rest] = cluster.ops;
  if (!create || create.kind !== 'create') return [];
  const firstUpdate = rest.find((op) => op.kind === 'update');
  const initialWorkers = firstUpdate && firstUpdate.kind === 'update' ? firstUpdate.fromNodeCount : cluster.nodeCount;
  const initial = timingsFor(stackLayout(cluster, range(0, initialWorkers)));
  const failIndex = create.failAfterMs === null ? null : initial.findIndex((t) => same(t.path, FAILING_LEAF));
  spread(initial, create.at, create.failAfterMs ?? create.durationMs, failIndex, 'create');
  let timings = initial;
  for (const op of rest) {
    if (op.kind === 'update') {
      const added = timingsFor(stackLayout(cluster, range(op.fromNodeCount, op.toNodeCount))).filter((t) => t.path[0] === 'kube_minions');
      spread(added, op.at, op.durationMs, null, 'create');
      const removed = timings.filter((t) => (t.node.workerIndex ?? -1) >= op.toNodeCount && t.deleteStart === null);
      spread([...removed].reverse(), op.at, op.durationMs, null, 'delete');
      for (const t of removed) t.removedByShrink = true;
      timings = [...timings, ...added];
      continue;
    }
    if (op.kind !== 'delete') continue;
    const pending = timings.filter((t) => t.createStart <= op.at && (t.deleteStart === null || t.deleteFails));
    for (const t of timings) if (t.createStart > op.at) Object.assign(t, { createStart: Infinity, createEnd: Infinity });
    const order = [...pending].reverse();
    const blocked = lbBlocksDelete(state, cluster, op.at + op.durationMs);
    const blockIndex = blocked ? order.findIndex((t) => same(t.path, BLOCKED_LEAF)) : -1;
    spread(order, op.at, op.durationMs, blockIndex >= 0 ? blockIndex : null, 'delete');
  }
  // Workers removed by a finished shrink are gone from the stack.
  return timings.filter((t) => !(t.removedByShrink && t.deleteEnd !== null && t.deleteEnd <= now));
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);
}

function leafState(cluster: SimCluster, t: Timing, now: number): LeafState {
  const base = { path: t.path, node: t.node, failure: null, createdAt: Math.min(t.createStart, now) };
  if (t.deleteStart !== null && t.deleteEnd !== null && now >= t.deleteStart) {
    if (now < t.deleteEnd) return { ...base, status: 'DELETE_IN_PROGRESS', updatedAt: t.deleteStart };
    if (!t.deleteFails) return { ...base, status: 'DELETE_COMPLETE', updatedAt: t.deleteEnd };
    const failure = { prefix: 'Conflict', message: subnetInUse(cluster.subnetId) };
    return { ...base, status: 'DELETE_FAILED', failure, updatedAt: t.deleteEnd };
  }
  if (now < t.createStart) return { ...base, createdAt: cluster.createdAt, status: 'INIT_COMPLETE', updatedAt: cluster.createdAt };
  if (now < t.createEnd) return { ...base, status: 'CREATE_IN_PROGRESS', updatedAt: t.createStart };
  if (!t.createFails) return { ...base, status: 'CREATE_COMPLETE', updatedAt: t.createEnd };
  return { ...base, status: 'CREATE_FAILED', failure: { prefix: 'Error', message: DEPLOY_FAILURE_TEXT }, updatedAt: t.createEnd };
}

/** Every leaf resource of the cluster's Heat stack at `now`. */
export function leafStates(state: SimState, cluster: SimCluster, now: number): LeafState[] {
  return schedule(state, cluster, now).map((t) => leafState(cluster, t, now));
}
