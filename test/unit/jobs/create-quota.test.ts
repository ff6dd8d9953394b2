import { addedNodeNeeds, clusterNeeds, quotaShortfalls } from '../../../jobs/create-quota.js';

const c1c2r4 = { id: 'f1', name: 'c1.c2r4', vcpus: 2, ramMb: 4096 };
const shape = { masters: 1, nodes: 3, masterFlavor: c1c2r4, flavor: c1c2r4, floatingIps: true, masterLb: true };

describe('quota pre-flight', () => {
  it('counts what Magnum creates for the cluster', () => {
    expect(clusterNeeds(shape).map((n) => [n.service, n.resource, n.need])).toEqual([
      ['Nova', 'instances', 4],
      ['Nova', 'cores', 8],
      ['Nova', 'ram', 16384],
      ['Neutron', 'network', 1],
      ['Neutron', 'subnet', 1],
      ['Neutron', 'router', 1],
      ['Neutron', 'port', 8],
      ['Neutron', 'floatingip', 5],
      ['Neutron', 'security_group', 2],
      ['Octavia', 'load_balancer', 2],
    ]);
  });

  it('counts the Cinder volumes: a docker (and boot) volume per server, an etcd volume per master', () => {
    const needs = clusterNeeds({ ...shape, dockerVolumeGb: 20, etcdVolumeGb: 5, bootVolumeGb: 0 });
    expect(needs.filter((n) => n.service === 'Cinder').map((n) => [n.resource, n.need])).toEqual([
      ['volumes', 5],
      ['gigabytes', 85],
    ]);
    expect(clusterNeeds(shape).some((n) => n.service === 'Cinder')).toBe(false);
  });

  it('refuses with the numbers when the volumes or load balancers do not fit', () => {
    const needs = clusterNeeds({ ...shape, dockerVolumeGb: 20 });
    const cinder = { volumes: { limit: 10, inUse: 2 }, gigabytes: { limit: 100, inUse: 40 } };
    const octavia = { load_balancer: { limit: 3, inUse: 2 } };

    expect(quotaShortfalls(needs, { Cinder: cinder, Octavia: octavia })).toEqual([
      'Octavia load_balancer: needs 2, 1 free (quota 3, 2 in use)',
      'Cinder gigabytes: needs 80 GB, 60 GB free (quota 100 GB, 40 GB in use)',
    ]);
  });

  it('leaves cores and RAM out when the flavors are not known in detail, and floating IPs when there are none', () => {
    const needs = clusterNeeds({ ...shape, flavor: { id: 'x', name: 'x' }, floatingIps: false, masterLb: false });
    expect(needs.map((n) => n.resource)).toEqual(['instances', 'network', 'subnet', 'router', 'port', 'security_group']);
  });

  it('names every shortfall with the numbers, and passes what fits or is unlimited', () => {
    const nova = { instances: { limit: 10, inUse: 8 }, cores: { limit: 20, inUse: 4 }, ram: { limit: -1, inUse: 999999 } };
    const neutron = { floatingip: { limit: 6, inUse: 3 }, port: { limit: 500, inUse: 10 } };

    expect(quotaShortfalls(clusterNeeds(shape), { Nova: nova, Neutron: neutron })).toEqual([
      'Nova instances: needs 4, 2 free (quota 10, 8 in use)',
      'Neutron floatingip: needs 5, 3 free (quota 6, 3 in use)',
    ]);
  });

  it('checks nothing of a service whose quotas could not be read', () => {
    expect(quotaShortfalls(clusterNeeds(shape), { Nova: null, Neutron: null })).toEqual([]);
  });

  it('counts what added worker nodes need, not the network the cluster has already', () => {
    const needs = addedNodeNeeds(3, { flavor: c1c2r4, floatingIps: true, dockerVolumeGb: 20 });

    expect(needs.map((n) => [n.service, n.resource, n.need])).toEqual([
      ['Nova', 'instances', 3],
      ['Nova', 'cores', 6],
      ['Nova', 'ram', 12288],
      ['Neutron', 'port', 3],
      ['Neutron', 'floatingip', 3],
      ['Cinder', 'volumes', 3],
      ['Cinder', 'gigabytes', 60],
    ]);
  });
});
