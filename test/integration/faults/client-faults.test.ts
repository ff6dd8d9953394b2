/**
 * Every row of the fault table against the bot's own clients (OpenStack and Kubernetes) and the
 * simulated cloud: a burst is absorbed by bounded retries (the call succeeds, the fault fired
 * exactly `burst` times), a lasting fault ends in the row's error code after exactly
 * `giveUp.fired` requests, and a 429's Retry-After is what the client waits.
 */
import { jest } from '@jest/globals';
import { isBotError } from '../../../src/core/errors.js';
import type { KubeApi } from '../../../src/core/ports.js';
import { createKubeConnector } from '../../../src/kube/kube-connector.js';
import { createOpenStackApi, type ClosableOpenStackApi } from '../../../src/openstack/create-openstack-api.js';
import { FAULT_ADMIN_PATH, startSim, type FaultService, type Sim } from '../../../src/sim/index.js';
import { silent, simCredentials } from '../diagnostics/sim-kit.js';
import { FAULT_ROWS, type FaultRow } from './fault-table.js';

jest.setTimeout(120_000);

/** Client timeout, and how late a `slow` fault answers: well past it (undici checks its timeouts about once a second). */
const TIMEOUT_MS = 400;
const SLOW_MS = 2_500;
const RETRY_AFTER_S = 3;

interface Clients {
  openstack: ClosableOpenStackApi;
  kube(): Promise<KubeApi>;
  /** Every wait between retries, in ms (the waits themselves are skipped). */
  sleeps: number[];
}

let sim: Sim;
let stackId: string;
let subnetId: string;
let pod: { namespace: string; name: string };

function clients(): Clients {
  const sleeps: number[] = [];
  const sleep = async (ms: number) => {
    sleeps.push(ms);
  };
  const openstack = createOpenStackApi({
    credentials: simCredentials(sim),
    logger: silent,
    clock: sim.clock,
    http: { timeoutMs: TIMEOUT_MS, sleep },
  });
  const connector = createKubeConnector({ clock: sim.clock, logger: silent, api: { timeoutMs: TIMEOUT_MS, retry: { sleep } } });
  return {
    openstack,
    kube: async () => connector.forMagnumCluster(openstack, await openstack.magnum.getCluster('healthy')),
    sleeps,
  };
}

/** One call that needs `service`, and the path (below the service's prefix) the fault aims at. */
const PROBES: Record<FaultService, { path: string; call(c: Clients, kube: KubeApi): Promise<unknown> }> = {
  keystone: { path: '^/v3/auth/tokens$', call: (c) => c.openstack.projectId() },
  magnum: { path: '^/v1/clusters', call: (c) => c.openstack.magnum.listClusters() },
  heat: { path: '^/stacks/', call: (c) => c.openstack.heat.listResources(stackId) },
  octavia: { path: '/lbaas/loadbalancers', call: (c) => c.openstack.octavia.listLoadBalancers({ vipSubnetId: subnetId }) },
  neutron: { path: '^/v2.0/ports', call: (c) => c.openstack.neutron.listPorts({ subnetId }) },
  nova: {
    path: '/flavors',
    call: async (c) => {
      if (!c.openstack.nova) throw new Error('the client has no Nova');
      return c.openstack.nova.listFlavors();
    },
  },
  cinder: {
    path: '/os-quota-sets/',
    call: async (c) => {
      const volume = c.openstack.quotas?.volume;
      if (!volume) throw new Error('the client has no Cinder');
      return volume(await c.openstack.projectId());
    },
  },
  kube: { path: '/log$', call: (_c, kube) => kube.readPodLog(pod.namespace, pod.name, { tailLines: 5 }) },
};

function spec(row: FaultRow, amount: { count: number } | { durationMs: number }) {
  return {
    service: row.service,
    kind: row.kind,
    // A Keystone token expiry is felt by the next service call: aim it at Keystone's re-authentication.
    path: PROBES[row.service].path,
    delayMs: SLOW_MS,
    retryAfterSeconds: RETRY_AFTER_S,
    ...amount,
  };
}

/** Runs the probe with everything it needs already in place (a token, a kube connection), then the fault. */
async function underFault(row: FaultRow, amount: { count: number } | { durationMs: number }) {
  const c = clients();
  try {
    // A token first, except where the token request itself is what the fault hits.
    if (row.service !== 'keystone' || row.kind === 'token_expired') await c.openstack.projectId();
    const kube = row.service === 'kube' ? await c.kube() : (undefined as unknown as KubeApi);
    if (row.service === 'keystone' && row.kind === 'token_expired') {
      // The token the client holds dies at Keystone; the next Magnum call meets the 401.
      sim.faults.inject(spec(row, amount));
      const before = sim.faults.fired('keystone', 'token_expired');
      const result = await c.openstack.magnum.listClusters().then(
        (value) => ({ value }),
        (error: unknown) => ({ error }),
      );
      return { ...result, fired: sim.faults.fired('keystone', 'token_expired') - before, sleeps: c.sleeps };
    }
    const before = sim.faults.fired(row.service, row.kind);
    sim.faults.inject(spec(row, amount));
    const result = await PROBES[row.service].call(c, kube).then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    );
    return { ...result, fired: sim.faults.fired(row.service, row.kind) - before, sleeps: c.sleeps };
  } finally {
    sim.faults.clear();
    await c.openstack.close();
  }
}

beforeAll(async () => {
  sim = await startSim();
  const c = clients();
  try {
    const cluster = await c.openstack.magnum.getCluster('healthy');
    stackId = cluster.stackId ?? '';
    const resources = await c.openstack.heat.listResources(stackId);
    subnetId = resources.find((r) => r.path.join('.') === 'network.private_subnet')?.physicalId ?? '';
    const { state } = await (await c.kube()).readState();
    const first = state.pods[0];
    pod = { namespace: first?.namespace ?? '', name: first?.name ?? '' };
  } finally {
    await c.openstack.close();
  }
});

afterAll(async () => {
  await sim.close();
});

describe.each(FAULT_ROWS.map((row) => [`${row.service} ${row.kind}`, row] as const))('%s', (_name, row) => {
  it(`a burst of ${row.burst} is absorbed by bounded retries`, async () => {
    const outcome = await underFault(row, { count: row.burst });
    if (row.service === 'kube' && row.kind === 'token_expired') {
      // The 401 is final for this connection, retryable for the job: its next attempt signs a new certificate.
      expect(outcome).toMatchObject({ fired: 1, error: { code: 'kube_unauthorized', retryable: true } });
      const c = clients();
      try {
        const signs = () => sim.requests.count({ service: 'container-infra', method: 'POST' });
        const signed = signs();
        await expect(PROBES.kube.call(c, await c.kube())).resolves.toEqual(expect.any(String));
        expect(signs()).toBe(signed + 1);
      } finally {
        await c.openstack.close();
      }
      return;
    }
    expect('error' in outcome ? outcome.error : null).toBeNull();
    expect(outcome.fired).toBe(row.burst);
    if (row.kind === '429') expect(outcome.sleeps).toEqual(Array.from({ length: row.burst }, () => RETRY_AFTER_S * 1000));
    else expect(outcome.sleeps.length).toBe(row.kind === 'token_expired' ? 0 : row.burst);
  });

  const giveUp = row.giveUp;
  if (giveUp) {
    it(`a lasting fault ends in ${giveUp.code} after ${giveUp.fired} requests`, async () => {
      const outcome = await underFault(row, { durationMs: 60_000 });
      const error = 'error' in outcome ? outcome.error : null;
      expect(isBotError(error) ? error.code : error).toBe(giveUp.code);
      expect(outcome.fired).toBe(giveUp.fired);
      // The user reads the error's own message: it names the service and what happened.
      expect(isBotError(error) ? error.userMessage : '').toMatch(row.service === 'kube' ? /Kubernetes/ : /\w/);
    });
  }
});

describe('a request that changes something (POST) under faults', () => {
  const named = (name: string) => sim.state.clusters.filter((c) => c.name === name).length;
  const create = async (name: string, fault: { kind: '429' | '5xx' | 'reset'; count: number }) => {
    const c = clients();
    try {
      const template = sim.state.templates.find((t) => t.name === 'k8s-1.27-no-volume')?.uuid ?? '';
      await c.openstack.projectId();
      sim.faults.inject({ service: 'magnum', method: 'POST', path: '^/v1/clusters$', retryAfterSeconds: RETRY_AFTER_S, ...fault });
      const result = await c.openstack.magnum.createCluster({ name, clusterTemplateId: template, keypair: 'demo-key' }).then(
        () => null,
        (error: unknown) => (isBotError(error) ? error.code : String(error)),
      );
      return { error: result, sleeps: c.sleeps };
    } finally {
      sim.faults.clear();
      await c.openstack.close();
    }
  };

  it('is sent again after a 429 (refused unread), after the Retry-After, and creates one cluster', async () => {
    expect(await create('post-429', { kind: '429', count: 2 })).toEqual({ error: null, sleeps: [3000, 3000] });
    expect(named('post-429')).toBe(1);
  });

  it('is not sent again after a 503 or a dropped connection: nothing is created twice, the job decides', async () => {
    expect(await create('post-503', { kind: '5xx', count: 1 })).toEqual({ error: 'upstream_unavailable', sleeps: [] });
    expect(await create('post-reset', { kind: 'reset', count: 1 })).toEqual({ error: 'upstream_unreachable', sleeps: [] });
    expect([named('post-503'), named('post-reset')]).toEqual([0, 0]);
  });
});

describe('the fault admin path, for a process that only has the cloud URL', () => {
  it('adds a fault, counts what it answered, and clears', async () => {
    const admin = `${sim.url}${FAULT_ADMIN_PATH}`;
    const post = (body: unknown) =>
      fetch(admin, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
    expect((await post({ service: 'nova', kind: '5xx', count: 1, durationMs: 5 })).status).toBe(400);
    expect((await post({ service: 'nova', kind: 'meltdown', count: 1 })).status).toBe(400);
    expect((await post({ service: 'nova', kind: '5xx', count: 1, status: 502 })).status).toBe(201);
    const flavors = `${sim.url}/compute/v2.1/flavors`;
    expect((await fetch(flavors)).status).toBe(502);
    const { fired } = (await (await fetch(admin)).json()) as { fired: Record<string, number> };
    expect(fired.nova).toBe(sim.faults.fired('nova'));
    await post({ service: 'nova', kind: '5xx', durationMs: 60_000 });
    expect((await fetch(admin, { method: 'DELETE' })).status).toBe(200);
    // Cleared: the next request reaches Nova, which wants a token.
    expect((await fetch(flavors)).status).toBe(401);
  });
});
