import type { Logger } from '../../../core/ports.js';
import { isRunning, lastOp, phaseAt } from './cluster-lifecycle.js';
import { serviceLoadBalancer } from './cluster-factory.js';
import { kubeVersion } from './magnum-views.js';
import type { SimCluster, SimState } from './sim-state.js';

/** lb-blocks-delete: the LoadBalancer Service someone added after the cluster came up. */
export const EXTRA_SERVICE = { namespace: 'default', name: 'web' } as const;
const EXTRA_LB_DELAY_MS = 60_000;
/**
 * The Kubernetes side dates its add-on pods 8 minutes after the time it is given (nodes at 4
 * and 7). Magnum's heat-container-agent deploys the add-ons at the very end of a create, so a
 * cluster created live gets its add-on pods at CREATE_COMPLETE, with no events yet, as a real
 * one does; seeded clusters keep their creation time.
 */
const ADDONS_AFTER_MS = 8 * 60_000;

/** When the cluster's Kubernetes objects start: for a live create, so that its add-ons start at CREATE_COMPLETE. */
function kubeEpoch(cluster: SimCluster): number {
  const create = cluster.ops[0];
  if (!cluster.createdLive || create?.kind !== 'create') return cluster.createdAt;
  return Math.max(cluster.createdAt, create.at + create.durationMs - ADDONS_AFTER_MS);
}

function startKube(state: SimState, cluster: SimCluster, logger: Logger): Promise<void> {
  cluster.kubeStarting ??= (async () => {
    try {
      cluster.ca ??= await state.kube.createCertAuthority(`${cluster.name}-ca`);
      cluster.kube = await state.kube.startKubeCluster({
        name: cluster.name,
        scenario: cluster.scenario,
        ca: cluster.ca,
        clock: state.clock,
        nodeCount: cluster.nodeCount,
        masterCount: cluster.masterCount,
        createdAt: kubeEpoch(cluster),
        kubeVersion: kubeVersion(cluster, phaseAt(state, cluster, state.clock.now()) ?? undefined),
        faults: state.faults,
      });
      cluster.kubeNodeCount = cluster.nodeCount;
      cluster.kubeRunningVersion = kubeVersion(cluster, phaseAt(state, cluster, state.clock.now()) ?? undefined);
    } catch (err) {
      logger.warn({ cluster: cluster.name, err }, 'simulated Kubernetes API failed to start');
    }
  })();
  return cluster.kubeStarting;
}

async function reconcileOne(state: SimState, cluster: SimCluster, now: number, logger: Logger): Promise<void> {
  const phase = phaseAt(state, cluster, now);
  if (phase === null) {
    const index = state.clusters.indexOf(cluster);
    if (index >= 0) state.clusters.splice(index, 1);
    await cluster.kube?.close();
    cluster.kube = null;
    return;
  }
  if (!isRunning(phase)) return;
  await startKube(state, cluster, logger);
  const op = lastOp(cluster);
  if (cluster.kube && phase.status !== 'UPDATE_IN_PROGRESS' && cluster.kubeNodeCount !== cluster.nodeCount) {
    cluster.kube.setNodeCount(cluster.masterCount, cluster.nodeCount);
    cluster.kubeNodeCount = cluster.nodeCount;
  }
  // What coe_version says (the old version until an upgrade ends) is what the nodes run.
  const version = kubeVersion(cluster, phase);
  if (cluster.kube && cluster.kubeRunningVersion !== undefined && cluster.kubeRunningVersion !== version) {
    cluster.kube.setKubeVersion(version);
    cluster.kubeRunningVersion = version;
  }
  if ((cluster.scenario === 'lb-blocks-delete' || cluster.scenario === 'capi-lb-blocks-delete') && cluster.extraLbId === null) {
    const create = cluster.ops[0];
    const readyAt = create ? create.at + create.durationMs : op.at;
    const lb = serviceLoadBalancer(cluster, EXTRA_SERVICE.namespace, EXTRA_SERVICE.name, readyAt + EXTRA_LB_DELAY_MS);
    state.loadBalancers.push(lb);
    cluster.extraLbId = lb.id;
    cluster.kube?.addLoadBalancerService(EXTRA_SERVICE.namespace, EXTRA_SERVICE.name);
  }
}

/**
 * Applies the side effects the clock has made due: starts Kubernetes APIs of clusters that
 * reached CREATE_COMPLETE, adds the lb-blocks-delete Service LB, forgets deleted clusters.
 * Runs before every request, so state stays a pure function of the clock.
 */
export async function reconcile(state: SimState, logger: Logger): Promise<void> {
  const now = state.clock.now();
  for (const cluster of [...state.clusters]) await reconcileOne(state, cluster, now, logger);
}
