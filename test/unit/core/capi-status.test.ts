import { capiActivity, failedCapiEvent, parseCapiStatusReason } from '../../../src/core/capi-status.js';

const QUOTA =
  'CAPI Cluster status: TopologyCreate: Created "OpenStackCluster/kube-7ykqh-abcde". CAPI OpenstackCluster status reason: ' +
  'FailedCreateNetwork: Failed to create network k8s-clusterapi-cluster-magnum-system-kube-7ykqh: got 409 instead ' +
  '{"NeutronError": {"type": "OverQuota", "message": "Quota exceeded for resources: [\'network\']."}}';

describe('magnum-cluster-api status_reason', () => {
  it('splits the Cluster event from the OpenStackCluster event', () => {
    const parsed = parseCapiStatusReason(QUOTA);

    expect(parsed?.cluster).toEqual({ reason: 'TopologyCreate', message: 'Created "OpenStackCluster/kube-7ykqh-abcde"' });
    expect(parsed?.infrastructure?.reason).toBe('FailedCreateNetwork');
    expect(failedCapiEvent(parsed)?.message).toContain('OverQuota');
  });

  it('reads the empty Cluster part Magnum writes when the Cluster has no recent event', () => {
    const parsed = parseCapiStatusReason(
      'CAPI Cluster status: . CAPI OpenstackCluster status reason: SuccessfulDeleteLoadBalancer: Deleted load balancer x with id 1',
    );

    expect(parsed).toEqual({
      cluster: null,
      infrastructure: { reason: 'SuccessfulDeleteLoadBalancer', message: 'Deleted load balancer x with id 1' },
    });
    expect(failedCapiEvent(parsed)).toBeNull();
  });

  it.each([null, '', 'Stack CREATE started', 'Resource CREATE failed: Error: resources.kube_masters'])(
    'is not a Cluster API text: %p',
    (text) => {
      expect(parseCapiStatusReason(text)).toBeNull();
      expect(capiActivity(text)).toBeNull();
    },
  );

  it('shows the failed event first and shortens it to one line', () => {
    const line = capiActivity(QUOTA, 60);

    expect(line).toMatch(/^FailedCreateNetwork: Failed to create network k8s-cluster/);
    expect(line).toHaveLength(60);
    expect(line?.endsWith('…')).toBe(true);
  });
});
