import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { MAGNUM_CLUSTER_LISTS } from '../../../../../src/sim/cloud/openstack/request-tally.js';
import { startSim, type Sim } from '../../../../../src/sim/cloud/start-sim.js';
import { client, issueToken } from './sim-client.js';
import { stubKube } from './stub-kube.js';

let sim: Sim;

beforeAll(async () => {
  sim = await startSim({ seed: true, kube: stubKube().backend });
});
afterAll(async () => {
  await sim.close();
});

describe('the request tally', () => {
  it('counts what the cloud served by service, method and route pattern', async () => {
    const before = sim.requests.count();
    const c = await client(sim);
    expect((await c.call('GET', '/container-infra/v1/clusters/detail')).status).toBe(200);
    expect((await c.call('GET', '/container-infra/v1/clusters')).status).toBe(200);
    expect((await c.call('GET', '/container-infra/v1/clusters/healthy')).status).toBe(200);
    expect((await c.call('GET', '/container-infra/v1/clusters/detail?limit=1')).status).toBe(200);
    expect((await c.call('GET', '/container-infra/v1/no-such-thing')).status).toBe(404);

    expect(sim.requests.count({ service: 'identity', method: 'POST', route: '/v3/auth/tokens' })).toBe(1);
    // The query string does not change the route: two detail lists and one plain list.
    expect(sim.requests.count({ service: 'container-infra', route: '/v1/clusters/detail' })).toBe(2);
    expect(sim.requests.count(MAGNUM_CLUSTER_LISTS)).toBe(3);
    expect(sim.requests.count({ service: 'container-infra', method: 'GET', route: '/v1/clusters/:id' })).toBe(1);
    expect(sim.requests.count({ service: 'container-infra', method: 'DELETE' })).toBe(0);
    // The unmatched path counts for its service, under no route.
    expect(sim.requests.count({ service: 'container-infra' })).toBe(5);
    expect(sim.requests.count() - before).toBe(6);
  });

  it('names each service by its type in the Keystone catalog', async () => {
    const res = await issueToken(sim);
    const { token } = (await res.json()) as { token: { catalog: { type: string; endpoints: { interface: string; url: string }[] }[] } };
    for (const service of token.catalog) {
      const url = service.endpoints.find((e) => e.interface === 'public')?.url ?? '';
      const before = sim.requests.count({ service: service.type });
      await fetch(url);
      expect({ type: service.type, counted: sim.requests.count({ service: service.type }) - before }).toEqual({
        type: service.type,
        counted: 1,
      });
    }
    expect(token.catalog.length).toBeGreaterThan(4);
  });
});
