import { describe, expect, it } from '@jest/globals';
import { applyFilters } from '../../../../../src/sim/cloud/openstack/neutron-routes.js';
import { requestedMinor } from '../../../../../src/sim/cloud/openstack/magnum-http.js';
import { pyJson } from '../../../../../src/sim/cloud/openstack/py-json.js';

describe('magnum microversions', () => {
  it('defaults to 1.1, resolves latest to 1.11 and refuses versions outside the range', () => {
    expect(requestedMinor(undefined)).toEqual(1);
    expect(requestedMinor('container-infra latest')).toEqual(11);
    expect(requestedMinor('container-infra 1.9')).toEqual(9);
    expect(requestedMinor('container-infra 1.12')).toBeNull();
    expect(requestedMinor('container-infra 2.0')).toBeNull();
  });
});

describe('python-style JSON', () => {
  it('writes separators as json.dumps does and escapes non-ASCII', () => {
    expect(pyJson({ a: [1, null], b: 'é', c: { d: true } })).toEqual('{"a": [1, null], "b": "\\u00e9", "c": {"d": true}}');
  });
});

describe('neutron filters', () => {
  it('matches fixed_ips=subnet_id=X and ORs repeated keys', () => {
    const ports = [
      { id: '1', device_owner: 'Octavia', fixed_ips: [{ subnet_id: 's1', ip_address: '10.0.0.5' }] },
      { id: '2', device_owner: 'compute:nova', fixed_ips: [{ subnet_id: 's2', ip_address: '10.0.0.6' }] },
    ];
    const q = (s: string) => new URLSearchParams(s);
    expect(applyFilters(ports, q('fixed_ips=subnet_id%3Ds1')).map((p) => p.id)).toEqual(['1']);
    expect(applyFilters(ports, q('device_owner=Octavia&device_owner=compute%3Anova')).map((p) => p.id)).toEqual(['1', '2']);
    expect(applyFilters(ports, q('fixed_ips=ip_address%3D10.0.0.6&fields=id')).map((p) => p.id)).toEqual(['2']);
  });
});
