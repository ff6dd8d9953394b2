import type { ClusterStatus as CoreClusterStatus } from '../../../core/cluster.js';
import type { ScenarioName } from '../scenarios.js';
import { CAPI_CREATE_MS, capiStall, STALLED_MS } from './capi-model.js';
import type { ClusterOp, SimCluster, SimDriver, SimLoadBalancer, SimState } from './sim-state.js';

const MINUTE = 60_000;

/** The statuses the simulated lifecycle plays (core's full list has Magnum's rarer ones too). */
export type ClusterStatus = Extract<CoreClusterStatus, `${'CREATE' | 'UPDATE' | 'DELETE'}_${'IN_PROGRESS' | 'FAILED' | 'COMPLETE'}`>;

/** Where a cluster is at a given instant: computed from its last operation and the clock. */
export interface ClusterPhase {
  status: ClusterStatus;
  /** When the cluster entered this status (Magnum's updated_at). */
  since: number;
  /** The Heat stack's stack_status_reason. */
  stackReason: string;
  /** The delete has destroyed the nodegroups but not yet the cluster (see NODEGROUPS_GONE_MS). */
  nodegroupsGone?: true;
}

export const DEPLOYMENT_FAILURE =
  'Error: resources.kube_masters.resources[0].resources.master_config_deployment: Deployment to server failed: deploy_status_code: Deployment exited with non-zero status code: 1';

/** Create timings per scenario: total duration and, for create-failed, when it fails. */
export function createTiming(scenario: ScenarioName, driver: SimDriver = 'heat'): { durationMs: number; failAfterMs: number | null } {
  if (driver !== 'heat') return { durationMs: capiStall(scenario) === null ? CAPI_CREATE_MS : STALLED_MS, failAfterMs: null };
  if (scenario === 'slow-create') return { durationMs: 40 * MINUTE, failAfterMs: null };
  if (scenario === 'create-failed') return { durationMs: 18 * MINUTE, failAfterMs: 12 * MINUTE };
  return { durationMs: 18 * MINUTE, failAfterMs: null };
}

export const UPDATE_DURATION_MS = 3 * MINUTE;
/** A rolling upgrade replaces every machine, one at a time. */
export const UPGRADE_DURATION_MS = 6 * MINUTE;
/** After the last blocking load balancer is gone, Cluster API's next retry deletes the network. */
const CAPI_DELETE_RETRY_MS = 30_000;
export const DELETE_DURATION_MS = 2 * MINUTE;
/**
 * The end of a successful delete during which the cluster row outlives its nodegroups: real
 * Magnum then fails every GET that renders the cluster (its show and the project's list) with
 * 400 "Invalid input for field/attribute master_count", as seen against Magnum 15 (Zed).
 */
export const NODEGROUPS_GONE_MS = 5_000;

/** The Neutron SubnetInUse text Heat wraps when the private subnet still has ports. */
export function subnetInUse(subnetId: string): string {
  return `Unable to complete operation on subnet ${subnetId}. One or more ports have an IP allocation from this subnet.`;
}

/** True when a load balancer not made by the cluster's Heat stack holds a port on its subnet at `t`. */
export function lbBlocksDelete(state: SimState, cluster: SimCluster, t: number): boolean {
  return state.loadBalancers.some(
    (lb) => lb.heatClusterId === null && lb.vipSubnetId === cluster.subnetId && lb.createdAt <= t && (lb.goneAt === null || lb.goneAt > t),
  );
}

export function lastOp(cluster: SimCluster): ClusterOp {
  const op = cluster.ops[cluster.ops.length - 1];
  if (!op) throw new Error(`cluster ${cluster.uuid} has no operations`);
  return op;
}

/** Load balancers the cluster's own driver did not make that hold a port on its subnet when its delete reaches the network. */
export function deleteBlockers(state: SimState, cluster: SimCluster, at: number): SimLoadBalancer[] {
  return state.loadBalancers.filter((lb) => lb.heatClusterId === null && lb.vipSubnetId === cluster.subnetId && lb.createdAt <= at);
}

/**
 * A Cluster API driver's delete: Cluster API retries the network delete until nothing holds a
 * port on it, so a blocked delete stays DELETE_IN_PROGRESS (no DELETE_FAILED) and finishes on
 * its own once the blocking load balancers are gone.
 */
function capiDeletePhase(state: SimState, cluster: SimCluster, op: ClusterOp, now: number): ClusterPhase | null {
  const end = op.at + op.durationMs;
  const until = deleteBlockers(state, cluster, end).reduce(
    (latest, lb) => Math.max(latest, lb.goneAt === null ? Infinity : lb.goneAt + CAPI_DELETE_RETRY_MS),
    end,
  );
  if (now >= until) return null;
  const phase: ClusterPhase = { status: 'DELETE_IN_PROGRESS', since: op.at, stackReason: '' };
  return Number.isFinite(until) && now >= until - NODEGROUPS_GONE_MS ? { ...phase, nodegroupsGone: true } : phase;
}

/** The cluster's phase at `now`, or null once its delete has completed (the cluster is gone). */
export function phaseAt(state: SimState, cluster: SimCluster, now: number): ClusterPhase | null {
  const op = lastOp(cluster);
  const end = op.at + op.durationMs;
  if (op.kind === 'delete' && cluster.driver !== 'heat') return capiDeletePhase(state, cluster, op, now);
  if (op.kind === 'delete') {
    const blocked = lbBlocksDelete(state, cluster, end);
    if (now < end) {
      const phase: ClusterPhase = { status: 'DELETE_IN_PROGRESS', since: op.at, stackReason: 'Stack DELETE started' };
      return !blocked && now >= end - NODEGROUPS_GONE_MS ? { ...phase, nodegroupsGone: true } : phase;
    }
    if (!blocked) return null;
    const reason = `Resource DELETE failed: Conflict: resources.network.resources.private_subnet: ${subnetInUse(cluster.subnetId)}`;
    return { status: 'DELETE_FAILED', since: end, stackReason: reason };
  }
  if (op.kind === 'create' && op.failAfterMs !== null && now >= op.at + op.failAfterMs) {
    return { status: 'CREATE_FAILED', since: op.at + op.failAfterMs, stackReason: `Resource CREATE failed: ${DEPLOYMENT_FAILURE}` };
  }
  const action = op.kind === 'create' ? 'CREATE' : 'UPDATE';
  if (now < end) return { status: `${action}_IN_PROGRESS`, since: op.at, stackReason: `Stack ${action} started` };
  return { status: `${action}_COMPLETE`, since: end, stackReason: `Stack ${action} completed successfully` };
}

/** Magnum's status_reason: null unless failed; failures carry Heat's reason as Magnum words it. */
export function magnumStatusReason(phase: ClusterPhase): string | null {
  if (phase.status === 'DELETE_FAILED') return `Failed to delete cluster because stack delete failed Error: ${phase.stackReason}`;
  if (phase.status.endsWith('_FAILED')) return phase.stackReason;
  return null;
}

/** Magnum's faults: per default nodegroup, filled only in *_FAILED states. */
export function faultsFor(phase: ClusterPhase): Record<string, string> | undefined {
  if (!phase.status.endsWith('_FAILED')) return undefined;
  return { 'default-master': phase.stackReason, 'default-worker': phase.stackReason };
}

/** True once the cluster's nodes exist and run (creation finished, not failed, not deleting). */
export function isRunning(phase: ClusterPhase): boolean {
  return ['CREATE_COMPLETE', 'UPDATE_IN_PROGRESS', 'UPDATE_COMPLETE'].includes(phase.status);
}

/** Workers that exist now: a resize shows the new count only once its update completes. */
export function liveWorkerCount(cluster: SimCluster, phase: ClusterPhase): number {
  const op = lastOp(cluster);
  return phase.status === 'UPDATE_IN_PROGRESS' && op.kind === 'update' ? op.fromNodeCount : cluster.nodeCount;
}

export function masterNodeName(cluster: SimCluster, i: number): string {
  return `${cluster.stackName}-master-${i}`;
}

export function workerNodeName(cluster: SimCluster, i: number): string {
  return `${cluster.stackName}-node-${i}`;
}

/** health_status and health_status_reason as the Heat-era k8s monitor reports them. */
export function healthFor(cluster: SimCluster, phase: ClusterPhase): { status: string | null; reason: Record<string, string> } {
  if (!isRunning(phase)) return { status: null, reason: {} };
  const workers = liveWorkerCount(cluster, phase);
  const notReadyWorker = cluster.scenario === 'node-not-ready' ? workers - 1 : -1;
  const apiDown = cluster.scenario === 'control-plane-not-ready';
  const reason: Record<string, string> = { api: apiDown ? 'healthz check failed' : 'ok' };
  for (let i = 0; i < cluster.masterCount; i += 1) reason[`${masterNodeName(cluster, i)}.Ready`] = 'True';
  for (let i = 0; i < workers; i += 1) reason[`${workerNodeName(cluster, i)}.Ready`] = i === notReadyWorker ? 'Unknown' : 'True';
  const healthy = Object.values(reason).every((v) => v === 'ok' || v === 'True');
  return { status: healthy ? 'HEALTHY' : 'UNHEALTHY', reason };
}
