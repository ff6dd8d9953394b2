import { describe, expect, it } from '@jest/globals';
import { faultsFor, healthFor, magnumStatusReason, phaseAt } from '../../../../../src/sim/cloud/openstack/cluster-lifecycle.js';
import { addCluster, startDelete, serviceLoadBalancer, type ClusterSpec } from '../../../../../src/sim/cloud/openstack/cluster-factory.js';
import type { SimCluster, SimTemplate } from '../../../../../src/sim/cloud/openstack/sim-state.js';
import { freshCluster, MINUTE, seededState } from './fixtures.js';

describe('cluster phase as a function of the clock', () => {
  it('is CREATE_IN_PROGRESS for 18 minutes, then CREATE_COMPLETE with no status_reason', () => {
    const state = seededState();
    const cluster = freshCluster(state, 'a');
    const start = state.clock.now();
    expect(phaseAt(state, cluster, start + 18 * MINUTE - 1)?.status).toEqual('CREATE_IN_PROGRESS');
    const done = phaseAt(state, cluster, start + 18 * MINUTE);
    expect([done?.status, done?.since]).toEqual(['CREATE_COMPLETE', start + 18 * MINUTE]);
    expect(done && magnumStatusReason(done)).toBeNull();
    expect(done && faultsFor(done)).toBeUndefined();
  });

  it('takes about 40 minutes in slow-create', () => {
    const state = seededState();
    const cluster = freshCluster(state, 'slow-create');
    const start = state.clock.now();
    expect(phaseAt(state, cluster, start + 39 * MINUTE)?.status).toEqual('CREATE_IN_PROGRESS');
    expect(phaseAt(state, cluster, start + 40 * MINUTE)?.status).toEqual('CREATE_COMPLETE');
  });

  it('fails create-failed at 12 minutes with faults on both default nodegroups', () => {
    const state = seededState();
    const cluster = freshCluster(state, 'create-failed');
    const phase = phaseAt(state, cluster, state.clock.now() + 12 * MINUTE);
    expect(phase?.status).toEqual('CREATE_FAILED');
    expect(phase && Object.keys(faultsFor(phase) ?? {})).toEqual(['default-master', 'default-worker']);
  });

  it('is gone two minutes after a delete when nothing else holds the subnet', () => {
    const state = seededState();
    const cluster = freshCluster(state, 'a');
    const now = state.clock.now() + 20 * MINUTE;
    startDelete(state, cluster, now);
    expect(phaseAt(state, cluster, now + MINUTE)?.status).toEqual('DELETE_IN_PROGRESS');
    expect(phaseAt(state, cluster, now + 2 * MINUTE)).toBeNull();
  });

  it('ends a delete in DELETE_FAILED while a service load balancer holds a port on the subnet', () => {
    const state = seededState();
    const cluster = freshCluster(state, 'b');
    state.loadBalancers.push(serviceLoadBalancer(cluster, 'default', 'web', state.clock.now() + 19 * MINUTE));
    const now = state.clock.now() + 30 * MINUTE;
    startDelete(state, cluster, now);
    const phase = phaseAt(state, cluster, now + 2 * MINUTE);
    expect(phase?.status).toEqual('DELETE_FAILED');
    expect(phase && magnumStatusReason(phase)).toEqual(
      `Failed to delete cluster because stack delete failed Error: Resource DELETE failed: Conflict: resources.network.resources.private_subnet: Unable to complete operation on subnet ${cluster.subnetId}. One or more ports have an IP allocation from this subnet.`,
    );
  });
});

describe('health as the Heat-era monitor reports it', () => {
  it('marks one worker NotReady in node-not-ready', () => {
    const state = seededState();
    const cluster = freshCluster(state, 'node-not-ready', 3);
    const phase = phaseAt(state, cluster, state.clock.now() + 20 * MINUTE);
    const health = phase ? healthFor(cluster, phase) : null;
    expect(health?.status).toEqual('UNHEALTHY');
    expect(health?.reason[`${cluster.stackName}-node-2.Ready`]).toEqual('Unknown');
    expect(health?.reason['api']).toEqual('ok');
  });

  it('has no health before the create completes', () => {
    const state = seededState();
    const cluster = freshCluster(state, 'a');
    const phase = phaseAt(state, cluster, state.clock.now());
    expect(phase && healthFor(cluster, phase)).toEqual({ status: null, reason: {} });
  });
});

describe('scenario choice', () => {
  it('plays docker-volume-overlay2 when a create sets docker_volume_size on an overlay2 template', () => {
    const state = seededState();
    const template = state.templates[1];
    if (!template) throw new Error('no template');
    const base = freshCluster(state, 'plain');
    const withVolume = addCluster(state, { ...specOf(base, template), name: 'vol', dockerVolumeSize: 10 }, state.clock.now());
    expect([base.scenario, withVolume.scenario]).toEqual(['healthy', 'docker-volume-overlay2']);
  });

  it('plays it too when the volume comes from the template (the cluster inherits it)', () => {
    const state = seededState();
    const [withVolume, noVolume] = state.templates;
    if (!withVolume || !noVolume) throw new Error('no templates');
    const base = freshCluster(state, 'plain');
    const inherited = addCluster(
      state,
      { ...specOf(base, withVolume), name: 'inherits', dockerVolumeSize: withVolume.dockerVolumeSize },
      state.clock.now(),
    );
    expect([withVolume.dockerVolumeSize, inherited.scenario]).toEqual([20, 'docker-volume-overlay2']);
  });
});

function specOf(c: SimCluster, template: SimTemplate): ClusterSpec {
  return {
    name: c.name,
    template,
    keypair: c.keypair,
    nodeCount: c.nodeCount,
    masterCount: c.masterCount,
    dockerVolumeSize: c.dockerVolumeSize,
    labels: null,
    mergeLabels: false,
    flavorId: c.flavorId,
    masterFlavorId: c.masterFlavorId,
    createTimeout: 60,
    floatingIpEnabled: null,
    projectId: c.projectId,
    userId: c.userId,
  };
}
