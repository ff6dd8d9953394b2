import { slowCreate } from '../../../../src/diagnostics/rules/slow-create.js';
import { aCluster, aHeatResource, aSnapshot, aStack, minutesAgo } from '../../../helpers/snapshot-builders.js';
import { expectSameUnderSkew, runRule, severities } from './run-rule.js';

const creating = (minutes: number, over = {}) =>
  aCluster({ status: 'CREATE_IN_PROGRESS', createdAt: new Date(minutesAgo(minutes)).toISOString(), healthStatus: null, ...over });
const resources = (lastChangeMinutes: number) => [
  aHeatResource('network', { status: 'CREATE_COMPLETE', ageMinutes: 35 }),
  aHeatResource('kube_masters', { status: 'CREATE_IN_PROGRESS', ageMinutes: lastChangeMinutes }),
  aHeatResource('kube_masters.0', { status: 'CREATE_IN_PROGRESS', ageMinutes: lastChangeMinutes }),
  aHeatResource('kube_masters.0.master_config_deployment', {
    type: 'OS::Heat::SoftwareDeployment',
    status: 'CREATE_IN_PROGRESS',
    ageMinutes: lastChangeMinutes,
  }),
  aHeatResource('kube_minions', { status: 'INIT_COMPLETE', ageMinutes: 40 }),
];

describe('slow-create', () => {
  it.each([
    ['30 min with Heat still moving', creating(30), resources(2), ['warning']],
    ['70 min (past the stuck threshold)', creating(70, { createTimeout: 120 }), resources(2), ['critical']],
    ['past its create_timeout', creating(40, { createTimeout: 35 }), resources(2), ['critical']],
    ['no Heat change for 30 min', creating(45), resources(31), ['critical']],
  ])('fires for a create %s', (_case, cluster, heatResources, expected) => {
    expect(severities(runRule(slowCreate, aSnapshot({ cluster, heatResources, kube: null })))).toEqual(expected);
  });

  it.each([
    ['a create at 20 min', aSnapshot({ cluster: creating(20), heatResources: resources(1) })],
    ['a CREATE_COMPLETE cluster', aSnapshot()],
    ['a create with no start time', aSnapshot({ cluster: creating(40, { createdAt: null }), stack: null })],
    ['no Magnum cluster', aSnapshot({ cluster: null })],
  ])('stays quiet for %s', (_case, snapshot) => {
    expect(runRule(slowCreate, snapshot)).toEqual([]);
  });

  it('shows where the create waits: the deepest resources in progress and the progress count', () => {
    const snapshot = aSnapshot({
      cluster: creating(45),
      stack: aStack({ name: 'dev-a-abc123', status: 'CREATE_IN_PROGRESS' }),
      heatResources: resources(31),
    });
    const [finding] = runRule(slowCreate, snapshot);
    expect(finding?.title).toBe('Create looks stuck: 45m in CREATE_IN_PROGRESS, no Heat resource has changed for 31m');
    expect(finding?.evidence).toEqual([
      'elapsed: 45m (usual 15-25 min)',
      'create_timeout: 60 min',
      'Heat resources complete: 1/3',
      'last Heat resource change: 31m ago',
      'in progress: dev-a-abc123.kube_masters.0.master_config_deployment (OS::Heat::SoftwareDeployment): state changed',
    ]);
    expect(finding?.objects).toEqual([
      'openstack/Cluster/dev-a',
      'openstack/HeatResource/dev-a-abc123.kube_masters.0.master_config_deployment',
    ]);
    expect(finding?.reference?.title).toContain('Cluster takes a long time to deploy');
  });

  it('falls back to the stack creation time', () => {
    const snapshot = aSnapshot({
      cluster: creating(0, { createdAt: null }),
      stack: aStack({ createdAt: minutesAgo(30) }),
      heatResources: resources(1),
    });
    expect(severities(runRule(slowCreate, snapshot))).toEqual(['warning']);
  });
});

describe('slow-create: time is the evidence, on the cloud clock', () => {
  it.each([
    ['a create at 20 min', creating(20), resources(1)],
    ['a slow create', creating(30), resources(2)],
    ['a stuck create', creating(45), resources(31)],
  ])('finds the same with Magnum and Heat skewed for %s', (_case, cluster, heatResources) => {
    expectSameUnderSkew(slowCreate, aSnapshot({ cluster, heatResources, kube: null }));
  });
});
