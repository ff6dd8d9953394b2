import { createSilentLogger } from '../../../src/logging/logger.js';
import { startProbeServer } from '../../../src/slack/probe-routes.js';

describe('the probe server for workers', () => {
  it('answers health, readiness and metrics, and 404 for anything else', async () => {
    let ready = false;
    const probes = await startProbeServer({
      port: 0,
      ready: async () => ready,
      metrics: async () => ({ contentType: 'text/plain', body: 'up 1\n' }),
      logger: createSilentLogger(),
    });
    const base = `http://127.0.0.1:${probes.port}`;

    const statuses = [(await fetch(`${base}/healthz`)).status, (await fetch(`${base}/readyz`)).status];
    ready = true;
    statuses.push(
      (await fetch(`${base}/readyz`)).status,
      (await fetch(`${base}/metrics`)).status,
      (await fetch(`${base}/slack/events`)).status,
    );
    await probes.stop();

    expect(statuses).toEqual([200, 503, 200, 200, 404]);
  });

  it('says not ready when the readiness check throws', async () => {
    const probes = await startProbeServer({
      port: 0,
      ready: async () => {
        throw new Error('redis down');
      },
      logger: createSilentLogger(),
    });

    const status = (await fetch(`http://127.0.0.1:${probes.port}/readyz`)).status;
    await probes.stop();

    expect(status).toBe(503);
  });
});
