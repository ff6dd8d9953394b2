/**
 * The Nova servers of a cluster at an instant, from its operations and the clock: the Heat
 * driver's `<stack>-master-N` / `<stack>-node-N`, the Cluster API drivers' machines (see
 * capi-model.ts). A create brings the control plane up first, then the workers; a resize adds
 * workers in BUILD; an upgrade rolls one new machine per role in at a time; a delete removes
 * the machines in its first half.
 */
import { CAPI_STEPS, capiServerName, capiStall } from './capi-model.js';
import { lastOp, liveWorkerCount, masterNodeName, phaseAt, workerNodeName } from './cluster-lifecycle.js';
import { stableUuid } from './ids.js';
import { heatConsoleLines } from './nova-console.js';
import type { SimCluster, SimState } from './sim-state.js';

const MINUTE = 60_000;
const HEAT_STEPS = { mastersAt: 5 * MINUTE, mastersActiveAt: 7 * MINUTE, workersAt: 10 * MINUTE, workersActiveAt: 12 * MINUTE };
const CAPI_SERVER_STEPS = {
  mastersAt: CAPI_STEPS.controlPlaneServerAt,
  mastersActiveAt: CAPI_STEPS.controlPlaneActiveAt,
  workersAt: CAPI_STEPS.workersAt,
  workersActiveAt: CAPI_STEPS.workersActiveAt,
};

/** How long Nova tries to schedule a server before it puts it in ERROR. */
const UPGRADE_SCHEDULING_MS = 30_000;

export const NO_VALID_HOST = 'No valid host was found. There are not enough hosts available.';

export interface SimServer {
  id: string;
  name: string;
  role: 'master' | 'worker';
  status: 'BUILD' | 'ACTIVE' | 'ERROR';
  createdAt: number;
  /** Nova's fault of an ERROR server. */
  fault: { code: number; message: string; created: number } | null;
  ip: string;
  flavorId: string | null;
  imageId: string;
  /** What `os-getConsoleOutput` returns, one line each. */
  console: string[];
}

function serverName(cluster: SimCluster, role: 'master' | 'worker', index: number, generation: number): string {
  if (cluster.driver === 'heat') return role === 'master' ? masterNodeName(cluster, index) : workerNodeName(cluster, index);
  return capiServerName(cluster, role, index, generation);
}

function bootLines(name: string, at: number): string[] {
  const t = new Date(at).toISOString();
  return [
    `[    0.000000] Linux version 5.15.0-119-generic (buildd@lcy02-amd64-023) #129-Ubuntu SMP`,
    `[  OK  ] Reached target cloud-init.target - Cloud-init target.`,
    `Cloud-init v. 24.1.3-0ubuntu1~22.04.5 running 'modules:final' at ${t}.`,
    `${name} login:`,
  ];
}

/** kubeadm init failing to bring the API server up (the control plane never initialises). */
export function kubeadmInitFailure(version: string): string[] {
  return [
    `[init] Using Kubernetes version: ${version}`,
    '[preflight] Running pre-flight checks',
    '[wait-control-plane] Waiting for the kubelet to boot up the control plane as static Pods from directory "/etc/kubernetes/manifests"',
    '[kubelet-check] Initial timeout of 40s passed.',
    '',
    'Unfortunately, an error has occurred:',
    '\ttimed out waiting for the condition',
    '',
    'This error is likely caused by:',
    '\t- The kubelet is not running',
    '\t- The kubelet is unhealthy due to a misconfiguration of the node in some way (required cgroups disabled)',
    "error execution phase wait-control-plane: couldn't initialize a Kubernetes cluster",
    'To see the stack trace of this error execute with --v=5 or higher',
    'cc_scripts_user.py[WARNING]: Failed to run module scripts-user (scripts in /var/lib/cloud/instance/scripts)',
  ];
}

export function serversOf(state: SimState, cluster: SimCluster, now: number): SimServer[] {
  const phase = phaseAt(state, cluster, now);
  const create = cluster.ops[0];
  if (!phase || !create) return [];
  const op = lastOp(cluster);
  if (op.kind === 'delete' && now >= op.at + op.durationMs / 2) return [];
  const template = state.templates.find((t) => t.uuid === cluster.templateId);
  const steps = cluster.driver === 'heat' ? HEAT_STEPS : CAPI_SERVER_STEPS;
  const stall = cluster.driver === 'heat' ? null : capiStall(cluster.scenario);
  const elapsed = now - create.at;
  const upgrading = phase.status === 'UPDATE_IN_PROGRESS' && op.kind === 'update' && op.upgradeFrom !== undefined;
  const generation = cluster.ops.filter((o) => o.kind === 'update' && o.upgradeFrom).length - (upgrading ? 1 : 0);
  const out: SimServer[] = [];
  const add = (role: 'master' | 'worker', index: number, gen: number, status: SimServer['status'], at: number) => {
    const name = serverName(cluster, role, index, gen);
    const failed = status === 'ERROR';
    const stuckInit = role === 'master' && stall === 'control-plane' && status === 'ACTIVE';
    out.push({
      id: stableUuid(`${cluster.uuid}-server-${name}`),
      name,
      role,
      status,
      createdAt: at,
      fault: failed ? { code: 500, message: NO_VALID_HOST, created: at + 30_000 } : null,
      ip: `10.0.0.${(role === 'master' ? 10 : 50) + index + (gen % 2) * 100}`,
      flavorId: role === 'master' ? cluster.masterFlavorId : cluster.flavorId,
      imageId: template?.imageId ?? '',
      console: failed
        ? []
        : cluster.driver === 'heat'
          ? heatConsoleLines({ cluster, name, role, index, createdAt: at, ip: `10.0.0.${(role === 'master' ? 10 : 100) + index}` }, now)
          : [...bootLines(name, at), ...(stuckInit ? kubeadmInitFailure(cluster.kubeVersion) : [])],
    });
  };
  const mastersExist = stall !== 'network' && stall !== 'loadbalancer' && elapsed >= steps.mastersAt;
  if (!mastersExist) return out;
  for (let i = 0; i < cluster.masterCount; i += 1) {
    add('master', i, generation, elapsed >= steps.mastersActiveAt ? 'ACTIVE' : 'BUILD', create.at + steps.mastersAt);
  }
  if (upgrading) {
    // capi-upgrade-no-room: Nova has no host for the surge machine; it goes to ERROR after its scheduling attempt.
    const noRoom = cluster.scenario === 'capi-upgrade-no-room' && now - op.at >= UPGRADE_SCHEDULING_MS;
    add('master', cluster.masterCount, generation + 1, noRoom ? 'ERROR' : 'BUILD', op.at);
  }
  if (stall === 'control-plane' || elapsed < steps.workersAt) return out;
  // The rollout replaces the control plane first: no worker rolls while it cannot go on.
  const workersRoll = cluster.scenario !== 'capi-upgrade-no-room';
  const workers = liveWorkerCount(cluster, phase);
  for (let i = 0; i < workers; i += 1) {
    const status = elapsed < steps.workersActiveAt ? 'BUILD' : stall === 'workers' ? 'ERROR' : 'ACTIVE';
    add('worker', i, generation, status, create.at + steps.workersAt);
  }
  if (phase.status === 'UPDATE_IN_PROGRESS' && op.kind === 'update' && !op.upgradeFrom) {
    for (let i = op.fromNodeCount; i < op.toNodeCount; i += 1) add('worker', i, generation, 'BUILD', op.at);
  }
  if (upgrading && workersRoll && workers > 0) add('worker', workers, generation + 1, 'BUILD', op.at);
  return out;
}
