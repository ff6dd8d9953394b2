import type { UpstreamError } from '../../../src/core/errors.js';
import { findEndpoint } from '../../../src/openstack/catalog.js';
import { authBody, identityBase } from '../../../src/openstack/keystone.js';
import { magnumRoot } from '../../../src/openstack/magnum.js';
import { neutronRoot } from '../../../src/openstack/neutron.js';
import { octaviaRoot } from '../../../src/openstack/octavia.js';
import { parseRetryAfter } from '../../../src/openstack/http-client.js';

const endpoint = (url: string, iface: string, region: string) => ({ url, interface: iface, region, region_id: region });

describe('findEndpoint', () => {
  const catalog = [
    {
      type: 'load-balancer',
      endpoints: [endpoint('http://lb-one', 'public', 'RegionOne'), endpoint('http://lb-two', 'public', 'RegionTwo')],
    },
    {
      type: 'container-infrastructure',
      endpoints: [endpoint('http://magnum-pub', 'public', 'RegionOne'), endpoint('http://magnum-int', 'internal', 'RegionOne')],
    },
  ];

  test('matches interface and region', () => {
    expect(findEndpoint(catalog, 'octavia', { interface: 'public', region: 'RegionTwo' })).toEqual('http://lb-two');
  });

  test('takes the first endpoint of the interface when no region is set', () => {
    expect(findEndpoint(catalog, 'octavia', { interface: 'public' })).toEqual('http://lb-one');
  });

  test('finds Magnum under a Service Types Authority alias', () => {
    expect(findEndpoint(catalog, 'magnum', { interface: 'internal' })).toEqual('http://magnum-int');
  });

  test('throws service_not_in_catalog naming the region', () => {
    const error = (() => {
      try {
        return findEndpoint(catalog, 'heat', { interface: 'public', region: 'RegionOne' });
      } catch (e) {
        return e;
      }
    })() as UpstreamError;
    expect(error.code).toEqual('service_not_in_catalog');
    expect(error.userMessage).toContain('region RegionOne');
  });
});

describe('service roots', () => {
  test.each([
    [magnumRoot, 'http://h:9511/v1', 'http://h:9511/v1'],
    [magnumRoot, 'http://h:9511/v1/', 'http://h:9511/v1'],
    [magnumRoot, 'http://h/container-infra', 'http://h/container-infra/v1'],
    [octaviaRoot, 'http://h:9876/', 'http://h:9876/v2'],
    [octaviaRoot, 'http://h:9876/v2.0', 'http://h:9876/v2'],
    [neutronRoot, 'http://h:9696', 'http://h:9696/v2.0'],
    [neutronRoot, 'http://h:9696/v2.0/', 'http://h:9696/v2.0'],
  ])('%p(%p) is %p', (root, url, expected) => {
    expect(root(url)).toEqual(expected);
  });

  test('identityBase adds /v3 once', () => {
    expect([identityBase('http://k:5000'), identityBase('http://k:5000/v3/')]).toEqual(['http://k:5000/v3', 'http://k:5000/v3']);
  });
});

describe('authBody', () => {
  test('uses the domain of the project for a project name scope', () => {
    const body = authBody({
      cloud: 'c',
      interface: 'public',
      password: { username: 'u', password: 'p', userDomainName: 'Users', projectName: 'proj', projectDomainName: 'Projects' },
    });
    expect(body).toEqual({
      auth: {
        identity: { methods: ['password'], password: { user: { name: 'u', domain: { name: 'Users' }, password: 'p' } } },
        scope: { project: { name: 'proj', domain: { name: 'Projects' } } },
      },
    });
  });
});

describe('parseRetryAfter', () => {
  test.each([
    ['120', 120_000],
    ['Sat, 21 Nov 2026 12:00:30 GMT', 30_000],
    ['soon', undefined],
    [undefined, undefined],
  ])('reads %p', (value, expected) => {
    expect(parseRetryAfter(value, Date.parse('2026-11-21T12:00:00Z'))).toEqual(expected);
  });
});
