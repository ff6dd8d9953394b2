import { magnumHealthUnhealthy } from '../../../../src/diagnostics/rules/magnum-health-unhealthy.js';
import { aCluster, aSnapshot } from '../../../helpers/snapshot-builders.js';
import { expectSameUnderSkew, runRule, severities } from './run-rule.js';

describe('magnum-health-unhealthy', () => {
  it.each([
    [
      'a node not Ready',
      aCluster({
        healthStatus: 'UNHEALTHY',
        healthStatusReason: { api: 'ok', 'dev-a-node-0.Ready': 'False', 'dev-a-node-1.Ready': 'True' },
      }),
      ['warning'],
    ],
    ['the API not ok', aCluster({ healthStatus: 'UNHEALTHY', healthStatusReason: { api: 'Connection refused' } }), ['critical']],
    [
      'a private cluster (UNKNOWN): only information',
      aCluster({ healthStatus: 'UNKNOWN', healthStatusReason: { api: 'The cluster dev-a is not accessible.' } }),
      ['info'],
    ],
  ])('reports %s', (_case, cluster, expected) => {
    expect(severities(runRule(magnumHealthUnhealthy, aSnapshot({ cluster })))).toEqual(expected);
  });

  it.each([
    ['HEALTHY', aCluster()],
    ['no health yet', aCluster({ healthStatus: null, healthStatusReason: {} })],
  ])('stays quiet for %s', (_case, cluster) => {
    expect(runRule(magnumHealthUnhealthy, aSnapshot({ cluster }))).toEqual([]);
  });

  it('names the bad nodes from health_status_reason', () => {
    const cluster = aCluster({
      healthStatus: 'UNHEALTHY',
      healthStatusReason: { api: 'ok', 'dev-a-node-0.Ready': 'False', 'dev-a-node-1.Ready': 'True' },
    });
    const [finding] = runRule(magnumHealthUnhealthy, aSnapshot({ cluster }));
    expect(finding?.title).toBe('Magnum reports the cluster UNHEALTHY: dev-a-node-0 not Ready');
    expect(finding?.objects).toEqual(['openstack/Cluster/dev-a', 'Node/dev-a-node-0']);
    expect(finding?.evidence).toEqual(['health_status_reason dev-a-node-0.Ready: False']);
  });
});

describe('magnum-health-unhealthy: no clock involved', () => {
  it.each([
    ['UNHEALTHY', aCluster({ healthStatus: 'UNHEALTHY', healthStatusReason: { api: 'ok', 'dev-a-node-0.Ready': 'False' } })],
    ['HEALTHY', aCluster()],
  ])('finds the same under clock skew for %s', (_case, cluster) => {
    expectSameUnderSkew(magnumHealthUnhealthy, aSnapshot({ cluster }));
  });
});
