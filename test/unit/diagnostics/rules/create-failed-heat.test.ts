import { createFailedHeat } from '../../../../src/diagnostics/rules/create-failed-heat.js';
import { aCluster, aHeatResource, aSnapshot, aStack } from '../../../helpers/snapshot-builders.js';
import { expectSameUnderSkew, runRule, severities } from './run-rule.js';

const EXIT =
  'Resource CREATE failed: Error: resources.kube_masters.resources[0].resources.master_config_deployment: Deployment to server failed: deploy_status_code : Deployment exited with non-zero status code: 1';
const failedTree = [
  aHeatResource('kube_masters', {
    type: 'OS::Heat::ResourceGroup',
    status: 'CREATE_FAILED',
    statusReason: 'Error: resources.kube_masters...',
  }),
  aHeatResource('kube_masters.0', { type: 'file:///kubemaster.yaml', status: 'CREATE_FAILED', statusReason: 'Error: resources[0]...' }),
  aHeatResource('kube_masters.0.master_config_deployment', {
    type: 'OS::Heat::SoftwareDeployment',
    status: 'CREATE_FAILED',
    statusReason: EXIT,
    physicalId: 'dep-1',
  }),
  aHeatResource('kube_masters.0.kube-master', { type: 'OS::Nova::Server', status: 'CREATE_COMPLETE' }),
  aHeatResource('network', { status: 'CREATE_COMPLETE' }),
];
const failed = (over = {}) => aCluster({ status: 'CREATE_FAILED', statusReason: 'default-master failed', healthStatus: null, ...over });

describe('create-failed-heat', () => {
  it.each([
    ['CREATE_FAILED with failed Heat resources', aSnapshot({ cluster: failed(), heatResources: failedTree })],
    ['UPDATE_FAILED', aSnapshot({ cluster: failed({ status: 'UPDATE_FAILED' }) })],
    [
      'CREATE_FAILED with no stack (real Magnum: region_name)',
      aSnapshot({ cluster: failed({ stackId: null, statusReason: 'region_name needs to be configured in magnum.conf' }), stack: null }),
    ],
    [
      'DELETE_FAILED for a reason other than the subnet conflict',
      aSnapshot({ cluster: failed({ status: 'DELETE_FAILED', statusReason: 'Stack DELETE failed: Timed out' }) }),
    ],
  ])('is critical for %s', (_case, snapshot) => {
    expect(severities(runRule(createFailedHeat, snapshot))).toEqual(['critical']);
  });

  it.each([
    ['CREATE_COMPLETE', aSnapshot()],
    ['CREATE_IN_PROGRESS', aSnapshot({ cluster: aCluster({ status: 'CREATE_IN_PROGRESS' }) })],
    [
      'the DELETE_FAILED subnet conflict (its own rule)',
      aSnapshot({
        cluster: failed({
          status: 'DELETE_FAILED',
          statusReason: 'Conflict: resources.network.resources.private_subnet: Unable to complete operation',
        }),
      }),
    ],
    ['no Magnum cluster', aSnapshot({ cluster: null })],
  ])('stays quiet for %s', (_case, snapshot) => {
    expect(runRule(createFailedHeat, snapshot)).toEqual([]);
  });

  it('reports the deepest failed resource, the faults and the software deployment signature', () => {
    const cluster = failed({ faults: { 'default-master': EXIT } });
    const [finding] = runRule(
      createFailedHeat,
      aSnapshot({ cluster, stack: aStack({ name: 'dev-a-abc123', status: 'CREATE_FAILED' }), heatResources: failedTree }),
    );
    expect(finding?.title).toBe('Cluster CREATE_FAILED: a software deployment on a node exited with code 1');
    expect(finding?.objects).toEqual([
      'openstack/Cluster/dev-a',
      'openstack/HeatResource/dev-a-abc123.kube_masters.0.master_config_deployment',
    ]);
    expect(finding?.evidence[0]).toBe('status_reason: default-master failed');
    expect(finding?.evidence[1]).toMatch(/^fault default-master: Resource CREATE failed/);
    expect(finding?.evidence[2]).toMatch(
      /^dev-a-abc123\.kube_masters\.0\.master_config_deployment \(OS::Heat::SoftwareDeployment dep-1\) CREATE_FAILED: /,
    );
    expect(finding?.remedy).toContain('openstack software deployment show');
  });

  it.each([
    ['Create timed out', 'Heat timed out'],
    ["Resource CREATE failed: OverQuota: Quota exceeded for resources: ['port'].", 'quota exceeded'],
    ['Failed to create trustee dev-a in domain magnum', 'trust creation failed'],
    ['region_name needs to be configured in magnum.conf', 'the cloud cannot reach one of its own services'],
    ['publicURL endpoint for block-storage service in RegionOne region not found', 'the cloud cannot reach one of its own services'],
    ['ERROR: disk device does not exist', 'the docker volume never appeared on a node'],
    ['Failed to get discovery url from https://discovery.etcd.io/new?size=1', 'etcd discovery failed'],
  ])('recognises "%s"', (reason, label) => {
    const [finding] = runRule(createFailedHeat, aSnapshot({ cluster: failed({ statusReason: reason }) }));
    expect(finding?.title).toBe(`Cluster CREATE_FAILED: ${label}`);
  });

  it('falls back to the first deepest resource when no signature matches', () => {
    const heatResources = [aHeatResource('network', { status: 'CREATE_FAILED', statusReason: 'BadRequest: something odd' })];
    const [finding] = runRule(createFailedHeat, aSnapshot({ cluster: failed(), stack: aStack({ name: 'st' }), heatResources }));
    expect(finding?.title).toBe('Cluster CREATE_FAILED: st.network CREATE_FAILED');
  });
});

describe('create-failed-heat: no clock involved', () => {
  it.each([
    ['CREATE_FAILED', aSnapshot({ cluster: failed(), heatResources: failedTree })],
    ['CREATE_COMPLETE', aSnapshot()],
  ])('finds the same under clock skew for %s', (_case, snapshot) => {
    expectSameUnderSkew(createFailedHeat, snapshot);
  });
});
