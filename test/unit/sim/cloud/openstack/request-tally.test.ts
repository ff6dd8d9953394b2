import { describe, expect, it } from '@jest/globals';
import { MAGNUM_CLUSTER_LISTS, RequestTally } from '../../../../../src/sim/cloud/openstack/request-tally.js';

describe('RequestTally', () => {
  const tally = new RequestTally();
  tally.record({ service: 'container-infra', method: 'GET', route: '/v1/clusters/detail' });
  tally.record({ service: 'container-infra', method: 'GET', route: '/v1/clusters/detail' });
  tally.record({ service: 'container-infra', method: 'GET', route: '/v1/clusters' });
  tally.record({ service: 'container-infra', method: 'POST', route: '/v1/clusters' });
  tally.record({ service: 'container-infra', method: 'GET', route: null });
  tally.record({ service: 'orchestration', method: 'GET', route: '/stacks/:name/:id' });

  it('counts every request without a filter', () => {
    expect(tally.count()).toBe(6);
  });

  it('matches every given field, and any route of a list', () => {
    expect(tally.count({ service: 'container-infra' })).toBe(5);
    expect(tally.count({ method: 'GET' })).toBe(5);
    expect(tally.count({ route: '/v1/clusters' })).toBe(2);
    expect(tally.count({ method: 'GET', route: ['/v1/clusters', '/v1/clusters/detail'] })).toBe(3);
    expect(tally.count({ service: 'orchestration', route: '/v1/clusters' })).toBe(0);
  });

  it('counts Magnum cluster lists, GETs of the plain and the detailed list only', () => {
    expect(tally.count(MAGNUM_CLUSTER_LISTS)).toBe(3);
  });

  it('counts a request no route matched for its service and method, under no route', () => {
    const gets = tally.count({ service: 'container-infra', method: 'GET' });
    const routed = tally.count({ service: 'container-infra', method: 'GET', route: ['/v1/clusters', '/v1/clusters/detail'] });
    expect(gets - routed).toBe(1);
  });
});
