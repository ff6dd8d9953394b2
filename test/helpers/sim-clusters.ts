/** Filling the simulated cloud with clusters directly (no API calls), for tests and benchmarks at scale. */
import { addCluster } from '../../src/sim/index.js';

type SimState = Parameters<typeof addCluster>[0];
type ClusterSpec = Parameters<typeof addCluster>[1];
type SimCluster = ReturnType<typeof addCluster>;

/** The template most tests use: Heat driver, no Docker volume. */
export const BULK_TEMPLATE = 'k8s-1.27-no-volume';

/** A create of one master and one node from the seed's `k8s-1.27-no-volume` template in its first project, by its first user. */
export function clusterSpec(state: SimState, name: string, overrides: Partial<ClusterSpec> = {}): ClusterSpec {
  const project = state.projects[0];
  const template = state.templates.find((t) => t.name === BULK_TEMPLATE);
  if (!project || !template) throw new Error('sim seed missing its first project or the k8s-1.27-no-volume template');
  return {
    name,
    template,
    keypair: null,
    nodeCount: 1,
    masterCount: 1,
    dockerVolumeSize: null,
    labels: null,
    mergeLabels: false,
    flavorId: null,
    masterFlavorId: null,
    createTimeout: 60,
    floatingIpEnabled: null,
    projectId: project.id,
    userId: state.users[0]?.id ?? '',
    ...overrides,
  };
}

/**
 * Adds `count` clusters named `<prefix><i>` whose creates start at `at`, after raising the first
 * project's cluster quota to make room (as an admin would).
 */
export function addClusters(state: SimState, count: number, prefix: string, at: number): SimCluster[] {
  const project = state.projects[0];
  if (!project) throw new Error('sim seed missing its first project');
  project.clusterQuota = Math.max(project.clusterQuota, state.clusters.length + count);
  return Array.from({ length: count }, (_, i) => addCluster(state, clusterSpec(state, `${prefix}${i}`), at));
}
