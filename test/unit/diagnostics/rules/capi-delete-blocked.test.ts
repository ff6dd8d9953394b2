import type { ClusterSnapshot } from '../../../../src/core/snapshot.js';
import { detectDriver } from '../../../../src/core/magnum-driver.js';
import { capiDeleteBlocked } from '../../../../src/diagnostics/rules/capi-delete-blocked.js';
import { aCluster, aLoadBalancer, aSnapshot, minutesAgo } from '../../../helpers/snapshot-builders.js';
import { expectSameUnderSkew, runRule } from './run-rule.js';

const HELM = 'capi-blocked-abcdefghijkl';
const VEXX = 'kube-7ykqh';
const SERVICE_LB = aLoadBalancer({ name: `kube_service_${HELM}_default_web` });
const API_LB = aLoadBalancer({ id: 'lb-api', name: `k8s-clusterapi-cluster-magnum-system-${VEXX}-kubeapi` });
const IN_USE =
  `CAPI Cluster status: TopologyDelete: Deleted "MachineDeployment/${VEXX}-default-worker-abcde". CAPI OpenstackCluster status reason: ` +
  'FailedDeleteNetwork: Failed to delete network k8s-clusterapi-cluster-magnum-system-kube-7ykqh with id net-1: Expected HTTP response code [204] ' +
  'when accessing [DELETE https://network.example/v2.0/networks/net-1], but got 409 instead {"NeutronError": {"type": "NetworkInUse", ' +
  '"message": "Unable to complete operation on network net-1. There are one or more ports still in use on the network."}}';

function deleting(
  minutes: number,
  over: Partial<ClusterSnapshot> = {},
  stackId = HELM,
  statusReason: string | null = null,
  status = 'DELETE_IN_PROGRESS',
): ClusterSnapshot {
  const cluster = aCluster({ status, stackId, statusReason, updatedAt: new Date(minutesAgo(minutes)).toISOString() });
  return aSnapshot({ cluster, driver: detectDriver({ stackId }), kube: null, loadBalancers: [SERVICE_LB], subnetId: 'subnet-1', ...over });
}

describe('capi-delete-blocked', () => {
  const explained: [string, ClusterSnapshot][] = [
    ['magnum-capi-helm past the usual minutes (no words from the driver)', deleting(12)],
    ["magnum-cluster-api's NetworkInUse event 1 min in (the event is the evidence)", deleting(1, {}, VEXX, IN_USE)],
    ['DELETE_FAILED', deleting(1, {}, HELM, null, 'DELETE_FAILED')],
  ];
  it.each(explained)('explains %s', (_case, snapshot) => {
    const findings = runRule(capiDeleteBlocked, snapshot);

    expect(findings.map((f) => [f.severity, f.title])).toEqual([
      ['critical', 'Delete blocked: 1 load balancer of LoadBalancer Services still on the cluster network'],
    ]);
    expect(findings[0]?.evidence).toContain(
      `load balancer kube_service_${HELM}_default_web (lb-1) vip 10.0.0.50 ACTIVE: made by the cloud provider for Service default/web`,
    );
    expect(findings[0]?.objects).toContain('openstack/LoadBalancer/lb-1');
    expect(findings[0]?.action).toEqual({
      id: 'delete-loadbalancers',
      label: 'Delete this load balancer',
      params: { cluster: snapshot.cluster?.name, uuid: snapshot.cluster?.uuid, loadBalancerIds: ['lb-1'] },
    });
    expect(findings[0]?.reference?.url).toMatch(/^https:\/\/github\.com\/kubernetes\/cloud-provider-openstack\/blob\/[0-9a-f]{40}\//);
  });

  it("quotes Neutron's refusal from magnum-cluster-api's status_reason", () => {
    const evidence = runRule(capiDeleteBlocked, deleting(1, {}, VEXX, IN_USE))[0]?.evidence.join('\n');

    expect(evidence).toMatch(/Cluster API event FailedDeleteNetwork: .*NetworkInUse/);
  });

  const quiet: [string, ClusterSnapshot][] = [
    ['a delete 5 min in with no event (it may still be going)', deleting(5)],
    ['only Cluster API’s own API load balancer left', deleting(30, { loadBalancers: [API_LB] })],
    ['a load balancer already DELETED', deleting(30, { loadBalancers: [aLoadBalancer({ provisioningStatus: 'DELETED' })] })],
    ['a Heat-driver cluster (delete-blocked-by-loadbalancers covers it)', deleting(30, {}, '3f2a6c1e-8d4b-4c55-9e7a-1b2c3d4e5f60')],
    ['a cluster that is not deleting', deleting(30, {}, HELM, null, 'CREATE_COMPLETE')],
  ];
  it.each(quiet)('stays quiet on %s', (_case, snapshot) => {
    expect(runRule(capiDeleteBlocked, snapshot)).toEqual([]);
  });

  it.each([...explained, ...quiet])('finds the same under clock skew for %s', (_case, snapshot) => {
    expectSameUnderSkew(capiDeleteBlocked, snapshot);
  });
});
