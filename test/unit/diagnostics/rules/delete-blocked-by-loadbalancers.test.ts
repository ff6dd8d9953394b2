import { deleteBlockedByLoadbalancers } from '../../../../src/diagnostics/rules/delete-blocked-by-loadbalancers.js';
import { aCluster, aHeatResource, aLoadBalancer, aPort, aSnapshot } from '../../../helpers/snapshot-builders.js';
import { expectSameUnderSkew, runRule, severities } from './run-rule.js';
import { SOURCES } from '../../../../src/core/sources.js';

const CONFLICT =
  'Failed to delete cluster because stack delete failed Error: Resource DELETE failed: Conflict: resources.network.resources.private_subnet: ' +
  'Unable to complete operation on subnet 0b65ff86-13a5-460f-96c3-d3b20377df60. One or more ports have an IP allocation from this subnet.';
const failedDelete = aCluster({ status: 'DELETE_FAILED', statusReason: CONFLICT });
const userLb = aLoadBalancer({ id: 'lb-user', name: 'my-hand-made-lb', description: '' });
const serviceLb = aLoadBalancer({ id: 'lb-svc' });
const apiLb = aLoadBalancer({ id: 'lb-api', name: 'dev-a-api_lb', description: '', vipPortId: 'port-api' });
const heatApiLb = aHeatResource('api_lb.loadbalancer', {
  type: 'OS::Octavia::LoadBalancer',
  physicalId: 'lb-api',
  status: 'DELETE_COMPLETE',
});
const subnet = aHeatResource('network.private_subnet', {
  type: 'OS::Neutron::Subnet',
  physicalId: 'subnet-1',
  status: 'DELETE_FAILED',
  statusReason: 'Conflict: ...',
});

describe('delete-blocked-by-loadbalancers', () => {
  it.each([
    ['the Conflict in status_reason', aSnapshot({ cluster: failedDelete, loadBalancers: [userLb] })],
    [
      'the Conflict only in the Heat resources',
      aSnapshot({
        cluster: aCluster({ status: 'DELETE_FAILED', statusReason: 'default-master failed' }),
        heatResources: [subnet],
        loadBalancers: [userLb],
      }),
    ],
    ['no load balancer found (still a known conflict)', aSnapshot({ cluster: failedDelete })],
  ])('is critical with %s', (_case, snapshot) => {
    expect(severities(runRule(deleteBlockedByLoadbalancers, snapshot))).toEqual(['critical']);
  });

  it.each([
    ['a healthy cluster with load balancers', aSnapshot({ loadBalancers: [userLb] })],
    [
      'DELETE_FAILED for another reason',
      aSnapshot({ cluster: aCluster({ status: 'DELETE_FAILED', statusReason: 'Stack DELETE failed: Timed out' }) }),
    ],
    ['DELETE_IN_PROGRESS', aSnapshot({ cluster: aCluster({ status: 'DELETE_IN_PROGRESS' }), loadBalancers: [userLb] })],
    ['no Magnum cluster', aSnapshot({ cluster: null })],
  ])('stays quiet for %s', (_case, snapshot) => {
    expect(runRule(deleteBlockedByLoadbalancers, snapshot)).toEqual([]);
  });

  it("offers to delete the load balancers Heat does not own, not the cluster's API load balancer", () => {
    const snapshot = aSnapshot({ cluster: failedDelete, heatResources: [heatApiLb, subnet], loadBalancers: [userLb, serviceLb, apiLb] });
    const [finding] = runRule(deleteBlockedByLoadbalancers, snapshot);
    expect(finding?.title).toBe("Delete blocked: 2 load balancers still on the cluster's private subnet");
    expect(finding?.objects).toEqual(['openstack/Cluster/dev-a', 'openstack/LoadBalancer/lb-user', 'openstack/LoadBalancer/lb-svc']);
    expect(finding?.action).toEqual({
      id: 'delete-loadbalancers',
      label: 'Delete these 2 load balancers and retry',
      params: { cluster: 'dev-a', uuid: 'c0ffee00-0000-4000-8000-000000000001', loadBalancerIds: ['lb-user', 'lb-svc'] },
    });
    expect(finding?.reference).toEqual(SOURCES.catalystDeleteFails);
    expect(finding?.evidence).toContain(
      'load balancer my-hand-made-lb (lb-user) vip 10.0.0.50 ACTIVE: not made by this cluster: Magnum does not delete it',
    );
  });

  it('lists stray ports but not router, DHCP or load balancer ports', () => {
    const ports = [
      aPort({ id: 'p-router', deviceOwner: 'network:router_interface' }),
      aPort({ id: 'p-dhcp', deviceOwner: 'network:dhcp' }),
      aPort({ id: 'port-vip-1', deviceOwner: 'Octavia', name: 'octavia-lb-lb-user' }),
      aPort({ id: 'p-vrrp', deviceOwner: 'Octavia', name: 'octavia-lb-vrrp-amp1' }),
      aPort({ id: 'p-stray', name: 'forgotten', deviceOwner: 'compute:nova', deviceId: 'vm-9' }),
    ];
    const [finding] = runRule(deleteBlockedByLoadbalancers, aSnapshot({ cluster: failedDelete, loadBalancers: [userLb], ports }));
    expect(finding?.objects).toEqual(['openstack/Cluster/dev-a', 'openstack/LoadBalancer/lb-user', 'openstack/Port/p-stray']);
    expect(finding?.action?.label).toBe('Delete this load balancer and retry');
  });

  it('offers no button when only ports hold the subnet', () => {
    const [finding] = runRule(
      deleteBlockedByLoadbalancers,
      aSnapshot({ cluster: failedDelete, ports: [aPort({ id: 'p-stray', deviceId: 'vm-9' })] }),
    );
    expect(finding?.action).toBeUndefined();
    expect(finding?.title).toBe("Delete blocked: 1 port still on the cluster's private subnet");
  });
});

describe('delete-blocked-by-loadbalancers: no clock involved', () => {
  it.each([
    ['the Conflict', aSnapshot({ cluster: failedDelete, loadBalancers: [userLb] })],
    ['a healthy cluster', aSnapshot({ loadBalancers: [userLb] })],
  ])('finds the same under clock skew for %s', (_case, snapshot) => {
    expectSameUnderSkew(deleteBlockedByLoadbalancers, snapshot);
  });
});
