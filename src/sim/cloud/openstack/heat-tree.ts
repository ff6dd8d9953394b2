import { phaseAt } from './cluster-lifecycle.js';
import { heatPath, stackLayout, type LayoutNode } from './heat-layout.js';
import { leafStates, type LeafState } from './heat-schedule.js';
import { shortId, stableUuid } from './ids.js';
import type { SimCluster, SimState } from './sim-state.js';

/** A resource of some stack in the tree; `nested` when it is itself a stack. */
export interface ResourceNode {
  name: string;
  type: string;
  path: string[];
  status: string;
  /** Heat's resource_status_reason. */
  reason: string;
  createdAt: number;
  updatedAt: number;
  physicalId: string;
  nested: StackNode | null;
}

export interface StackNode {
  id: string;
  name: string;
  path: string[];
  parent: StackNode | null;
  status: string;
  reason: string;
  resources: ResourceNode[];
  cluster: SimCluster;
}

interface Failure {
  prefix: string;
  message: string;
  /** Path from the resource holding this failure down to the failing leaf. */
  below: string[];
}

const key = (path: string[]) => path.join('/');

function physicalId(state: SimState, cluster: SimCluster, path: string[], leaf: LeafState): string {
  if (leaf.status === 'INIT_COMPLETE') return '';
  const name = path[path.length - 1];
  const index = path[1];
  if (name === 'kube-master') return stableUuid(`${cluster.uuid}-server-m${index}`);
  if (name === 'kube-minion') return stableUuid(`${cluster.uuid}-server-w${index}`);
  if (key(path) === 'network/private_network') return cluster.networkId;
  if (key(path) === 'network/private_subnet') return cluster.subnetId;
  if (name === 'loadbalancer') {
    const lb = state.loadBalancers.find((l) => l.heatClusterId === cluster.uuid && l.name.includes(`-${path[0]}-`));
    if (lb) return lb.id;
  }
  return stableUuid(`${cluster.uuid}-res-${key(path)}`);
}

function aggregate(children: { status: string }[], phaseStatus: string | null): string {
  const statuses = children.map((c) => c.status);
  const failed = statuses.find((s) => s.endsWith('_FAILED'));
  if (failed) return failed;
  if (phaseStatus) return phaseStatus;
  const running = statuses.find((s) => s.endsWith('_IN_PROGRESS'));
  if (running) return running;
  if (statuses.every((s) => s === 'INIT_COMPLETE')) return 'INIT_COMPLETE';
  if (statuses.every((s) => s === 'DELETE_COMPLETE')) return 'DELETE_COMPLETE';
  if (statuses.some((s) => s.startsWith('DELETE_'))) return 'DELETE_IN_PROGRESS';
  if (statuses.some((s) => s === 'INIT_COMPLETE')) return 'CREATE_IN_PROGRESS';
  return 'CREATE_COMPLETE';
}

function reasonFor(status: string, failure: Failure | null): string {
  if (failure) return `${failure.prefix}: ${heatPath(failure.below)}: ${failure.message}`;
  return status === 'INIT_COMPLETE' ? '' : 'state changed';
}

/** The cluster's whole Heat stack tree at `now`, or null when the stack no longer exists. */
export function stackTree(state: SimState, cluster: SimCluster, now: number): StackNode | null {
  // Cluster API drivers make no Heat stack at all.
  if (cluster.driver !== 'heat') return null;
  const phase = phaseAt(state, cluster, now);
  if (!phase) return null;
  const leaves = new Map(leafStates(state, cluster, now).map((l) => [key(l.path), l]));
  const workers = [...new Set([...leaves.values()].map((l) => l.node.workerIndex).filter((i) => i !== undefined))];
  const top: StackNode = {
    id: cluster.stackId,
    name: cluster.stackName,
    path: [],
    parent: null,
    status: phase.status,
    reason: phase.stackReason,
    resources: [],
    cluster,
  };
  const updating = phase.status.startsWith('UPDATE_') ? phase.status : null;
  const build = (stack: StackNode, nodes: LayoutNode[]): Failure | null => {
    let stackFailure: Failure | null = null;
    for (const node of nodes) {
      const path = [...stack.path, node.name];
      const built = node.children ? buildComposite(stack, node, path) : buildLeaf(path);
      if (!built) continue;
      stack.resources.push(built.resource);
      if (built.failure && !stackFailure) stackFailure = built.failure;
    }
    return stackFailure;
  };
  const buildLeaf = (path: string[]) => {
    const leaf = leaves.get(key(path));
    if (!leaf) return null;
    const failure = leaf.failure ? { ...leaf.failure, below: [path[path.length - 1] as string] } : null;
    const resource: ResourceNode = {
      name: leaf.node.name,
      type: leaf.node.type,
      path,
      status: leaf.status,
      reason: reasonFor(leaf.status, failure),
      createdAt: leaf.createdAt,
      updatedAt: leaf.updatedAt,
      physicalId: physicalId(state, cluster, path, leaf),
      nested: null,
    };
    return { resource, failure };
  };
  const buildComposite = (parent: StackNode, node: LayoutNode, path: string[]) => {
    const nested: StackNode = {
      id: stableUuid(`${cluster.uuid}-stack-${key(path)}`),
      name: `${parent.name}-${node.name}-${shortId(`${cluster.uuid}-${key(path)}`)}`,
      path,
      parent,
      status: '',
      reason: '',
      resources: [],
      cluster,
    };
    const inner = build(nested, node.children ?? []);
    if (nested.resources.length === 0 && node.name !== 'kube_minions') return null;
    const status = aggregate(nested.resources, node.name === 'kube_minions' ? updating : null);
    const failure = inner ? { ...inner, below: [node.name, ...inner.below] } : null;
    nested.status = status;
    nested.reason = inner
      ? `Resource ${status.split('_')[0]} failed: ${reasonFor(status, inner)}`
      : `Stack ${status.split('_')[0]} completed successfully`;
    const times = nested.resources.map((r) => r.createdAt);
    const updates = nested.resources.map((r) => r.updatedAt);
    const resource: ResourceNode = {
      name: node.name,
      type: node.type,
      path,
      status,
      reason: reasonFor(status, failure),
      createdAt: times.length ? Math.min(...times) : now,
      updatedAt: updates.length ? Math.max(...updates) : now,
      physicalId: status === 'INIT_COMPLETE' ? '' : nested.id,
      nested: status === 'INIT_COMPLETE' ? null : nested,
    };
    return { resource, failure };
  };
  build(
    top,
    stackLayout(
      cluster,
      workers.sort((a, b) => a - b),
    ),
  );
  return top;
}

/** Every stack (top and nested) in the tree, depth first. */
export function allStacks(top: StackNode): StackNode[] {
  return [top, ...top.resources.flatMap((r) => (r.nested ? allStacks(r.nested) : []))];
}
