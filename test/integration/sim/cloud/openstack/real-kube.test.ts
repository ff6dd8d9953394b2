import { describe, expect, it } from '@jest/globals';
import { runSimCli } from '../../../../../src/sim/cloud/sim-cli.js';
import { startSim } from '../../../../../src/sim/cloud/start-sim.js';
import { client } from './sim-client.js';

// End to end with the real simulated Kubernetes API servers (the other suites use a stand-in).
describe('with the real simulated Kubernetes API', () => {
  it('starts the cluster API at CREATE_COMPLETE, serves it as api_address, and stops it on delete', async () => {
    const sim = await startSim({ seed: true });
    try {
      const c = await client(sim);
      const healthy = await c.json('/container-infra/v1/clusters/healthy');
      const api = String(healthy['api_address']);
      expect(api).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const ca = (await c.json(`/container-infra/v1/certificates/${String(healthy['uuid'])}`)) as { pem: string };
      expect(ca.pem).toContain('BEGIN CERTIFICATE');
      expect((await c.call('DELETE', '/container-infra/v1/clusters/healthy')).status).toBe(204);
      sim.clock.advance(2 * 60_000);
      expect((await c.call('GET', '/container-infra/v1/clusters/healthy')).status).toBe(404);
      expect(sim.state.clusters.some((x) => x.name === 'healthy')).toBe(false);
    } finally {
      await sim.close();
    }
  });
});

describe('npm run sim', () => {
  it('starts the seeded cloud and prints the OS_* exports for the openstack CLI', async () => {
    const lines: string[] = [];
    const running = await runSimCli(['--speed', '0'], (l) => lines.push(l));
    try {
      const authLine = lines.find((l) => l.startsWith('export OS_AUTH_URL='));
      expect(authLine).toMatch(/^export OS_AUTH_URL=http:\/\/127\.0\.0\.1:\d+\/identity\/v3$/);
      expect(lines).toContain('export OS_IDENTITY_API_VERSION=3');
      const res = await fetch(`${(authLine ?? '').split('=')[1] ?? ''}`);
      expect(res.status).toBe(200);
    } finally {
      await running?.close();
    }
  });
});
