import { SimClock } from '../../../../../src/sim/cloud/clock.js';
import { addCluster } from '../../../../../src/sim/cloud/openstack/cluster-factory.js';
import type { KubeBackend } from '../../../../../src/sim/cloud/openstack/kube-backend.js';
import { seedState } from '../../../../../src/sim/cloud/openstack/seed.js';
import { createSimState, type SimCluster, type SimState } from '../../../../../src/sim/cloud/openstack/sim-state.js';
import { clusterSpec } from '../../../../helpers/sim-clusters.js';

const unusedKube: KubeBackend = {
  createCertAuthority: () => Promise.reject(new Error('not in unit tests')),
  startKubeCluster: () => Promise.reject(new Error('not in unit tests')),
};

export const MINUTE = 60_000;
export const T0 = Date.UTC(2026, 10, 21, 12, 0, 0);

/** A seeded state on a clock stopped at T0 (nothing started, no servers). */
export function seededState(): SimState {
  const state = createSimState(new SimClock(0, T0), unusedKube);
  seedState(state);
  return state;
}

/** Adds a cluster named `name` whose create starts at the clock's now. */
export function freshCluster(state: SimState, name: string, nodeCount = 2): SimCluster {
  const template = state.templates[1];
  if (!template) throw new Error('seed has no templates');
  return addCluster(state, clusterSpec(state, name, { template, nodeCount }), state.clock.now());
}
