import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KubeConfig } from '@kubernetes/client-node';
import type { Logger } from '../../../src/core/ports.js';
import { createKubeApi } from '../../../src/kube/kube-api.js';

const HOST_NOW = Date.parse('2026-11-21T12:00:00Z');
const silent: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => silent,
};

/** An API server on port 0 answering /version and empty lists, with `date` as its Date header (none when null). */
async function apiServer(date: string | null): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    if (date === null) res.sendDate = false;
    else res.setHeader('date', date);
    res.setHeader('content-type', 'application/json');
    res.end(req.url === '/version' ? JSON.stringify({ gitVersion: 'v1.27.4' }) : JSON.stringify({ kind: 'List', metadata: {}, items: [] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

function apiFor(url: string) {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'c', server: url, skipTLSVerify: true }],
    users: [{ name: 'u' }],
    contexts: [{ name: 'c', cluster: 'c', user: 'u' }],
    currentContext: 'c',
  });
  return createKubeApi(kc, { clock: { now: () => HOST_NOW }, wallClock: { now: () => HOST_NOW }, logger: silent, timeoutMs: 5_000 });
}

describe("the API server's clock, from the Date header of its answers", () => {
  const servers: Server[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
  });

  it.each([
    ['3 hours behind this host', new Date(HOST_NOW - 3 * 3_600_000).toUTCString(), -3 * 3_600_000 + 500],
    ['an hour ahead', new Date(HOST_NOW + 3_600_000).toUTCString(), 3_600_000 + 500],
    ['the same time', new Date(HOST_NOW).toUTCString(), 0],
    ['no Date header', null, null],
  ])('reads the skew of an API server %s', async (_case, date, expected) => {
    const { url, server } = await apiServer(date);
    servers.push(server);
    const api = apiFor(url);
    expect(api.clockSkewMs?.()).toBeNull();
    await api.readState();
    expect(api.clockSkewMs?.()).toBe(expected);
  });
});
