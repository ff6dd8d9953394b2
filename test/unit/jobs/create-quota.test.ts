import { clusterNeeds, quotaShortfalls } from '../../../jobs/create-quota.js';

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
});
