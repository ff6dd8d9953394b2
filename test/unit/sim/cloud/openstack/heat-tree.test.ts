import { describe, expect, it } from '@jest/globals';
import { startDelete, serviceLoadBalancer } from '../../../../../src/sim/cloud/openstack/cluster-factory.js';
import { heatPath } from '../../../../../src/sim/cloud/openstack/heat-layout.js';
import { allStacks, stackTree } from '../../../../../src/sim/cloud/openstack/heat-tree.js';
import { freshCluster, MINUTE, seededState } from './fixtures.js';

describe('the Heat stack tree of a cluster', () => {
  it('completes resources one by one over the create window', () => {
    const state = seededState();
    const cluster = freshCluster(state, 'a');
    const done = (minutes: number) => {
      const tree = stackTree(state, cluster, state.clock.now() + minutes * MINUTE);
      return tree?.resources.filter((r) => r.status === 'CREATE_COMPLETE').length ?? -1;
    };
    expect(done(0)).toEqual(0);
    expect(done(6)).toBeGreaterThan(0);
    expect(done(6)).toBeLessThan(done(14));
    expect(done(18)).toEqual(11);
  });

  it('writes nested failure reasons relative to each stack, as Heat does', () => {
    const state = seededState();
    const cluster = freshCluster(state, 'create-failed');
    const tree = stackTree(state, cluster, state.clock.now() + 12 * MINUTE);
    const masters = tree?.resources.find((r) => r.name === 'kube_masters');
    expect(masters?.status).toEqual('CREATE_FAILED');
    expect(masters?.reason).toEqual(
      'Error: resources.kube_masters.resources[0].resources.master_config_deployment: Deployment to server failed: deploy_status_code: Deployment exited with non-zero status code: 1',
    );
    expect(tree?.reason).toEqual(`Resource CREATE failed: ${masters?.reason ?? ''}`);
    expect(tree ? allStacks(tree).map((s) => s.path.join('/')) : []).toEqual([
      '',
      'network',
      'api_lb',
      'etcd_lb',
      'kube_masters',
      'kube_masters/0',
    ]);
  });

  it('fails only private_subnet on a blocked delete and leaves private_network untouched', () => {
    const state = seededState();
    const cluster = freshCluster(state, 'b');
    state.loadBalancers.push(serviceLoadBalancer(cluster, 'default', 'web', state.clock.now() + 19 * MINUTE));
    const at = state.clock.now() + 30 * MINUTE;
    startDelete(state, cluster, at);
    const tree = stackTree(state, cluster, at + 2 * MINUTE);
    const network = tree?.resources.find((r) => r.name === 'network');
    expect(network?.nested?.resources.map((r) => [r.name, r.status])).toEqual([
      ['private_network', 'CREATE_COMPLETE'],
      ['private_subnet', 'DELETE_FAILED'],
      ['extrouter', 'DELETE_COMPLETE'],
      ['extrouter_inside', 'DELETE_COMPLETE'],
    ]);
    expect(tree?.resources.find((r) => r.name === 'kube_minions')?.status).toEqual('DELETE_COMPLETE');
  });

  it('formats ResourceGroup members as resources[N] in error paths', () => {
    expect(heatPath(['kube_masters', '0', 'master_config_deployment'])).toEqual(
      'resources.kube_masters.resources[0].resources.master_config_deployment',
    );
  });
});

describe('a resize in the Heat stack tree', () => {
  const members = (state: ReturnType<typeof seededState>, cluster: ReturnType<typeof freshCluster>, at: number) => {
    const minions = stackTree(state, cluster, at)?.resources.find((r) => r.name === 'kube_minions');
    return { status: minions?.status, members: minions?.nested?.resources.map((r) => `${r.name}:${r.status}`) };
  };

  it('creates new worker members during UPDATE_IN_PROGRESS and removes dropped ones after it', () => {
    const state = seededState();
    const cluster = freshCluster(state, 'a', 2);
    const grow = state.clock.now() + 20 * MINUTE;
    cluster.ops.push({ kind: 'update', at: grow, durationMs: 3 * MINUTE, fromNodeCount: 2, toNodeCount: 3 });
    cluster.nodeCount = 3;
    expect(members(state, cluster, grow + MINUTE)).toEqual({
      status: 'UPDATE_IN_PROGRESS',
      members: ['0:CREATE_COMPLETE', '1:CREATE_COMPLETE', '2:CREATE_IN_PROGRESS'],
    });
    const shrink = grow + 10 * MINUTE;
    cluster.ops.push({ kind: 'update', at: shrink, durationMs: 3 * MINUTE, fromNodeCount: 3, toNodeCount: 1 });
    cluster.nodeCount = 1;
    expect(members(state, cluster, shrink + 3 * MINUTE)).toEqual({ status: 'UPDATE_COMPLETE', members: ['0:CREATE_COMPLETE'] });
  });
});
