import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createSilentLogger } from '../../../../../src/logging/logger.js';
import { createOpenStackApi, type ClosableOpenStackApi } from '../../../../../src/openstack/create-openstack-api.js';
import { startSim, type Sim } from '../../../../../src/sim/cloud/start-sim.js';
import { client } from './sim-client.js';
import { stubKube } from './stub-kube.js';

let sim: Sim;
let api: ClosableOpenStackApi;

beforeAll(async () => {
  sim = await startSim({ seed: true, kube: stubKube().backend });
  api = createOpenStackApi({
    credentials: {
      cloud: 'sim',
      authUrl: sim.authUrl,
      applicationCredential: { id: sim.appCredential.id, secret: sim.appCredential.secret },
      interface: 'public',
    },
    logger: createSilentLogger(),
    clock: sim.clock,
  });
});
afterAll(async () => {
  await api.close();
  await sim.close();
});

type Json = Record<string, unknown>;
const nova = (path: string) => `/compute/v2.1${path}`;

describe('the simulated Nova', () => {
  it('lists flavors with id, name and links, sorted by id, and the details the CLI reads', async () => {
    const c = await client(sim);
    const res = await c.call('GET', nova('/flavors'));
    const body = (await res.json()) as { flavors: Json[] };

    expect(res.status).toBe(200);
    expect(res.headers.get('openstack-api-version')).toBe('compute 2.1');
    const names = body.flavors.map((f) => f['name']);
    expect(names).toEqual(expect.arrayContaining(['c1.c2r4', 'm1.medium']));
    const ids = body.flavors.map((f) => String(f['id']));
    expect(ids).toEqual([...ids].sort());
    const c2r4 = body.flavors.find((f) => f['name'] === 'c1.c2r4');
    expect(Object.keys(c2r4 ?? {})).toEqual(['id', 'name', 'links']);
    expect(c2r4?.['links']).toEqual([
      { rel: 'self', href: `${sim.url}/compute/v2.1/flavors/${String(c2r4?.['id'])}` },
      { rel: 'bookmark', href: `${sim.url}/compute/flavors/${String(c2r4?.['id'])}` },
    ]);

    const detail = (await c.json(nova('/flavors/detail'))) as { flavors: Json[] };
    const shown = detail.flavors.find((f) => f['name'] === 'c1.c2r4');
    expect([shown?.['vcpus'], shown?.['ram'], shown?.['swap'], shown?.['os-flavor-access:is_public']]).toEqual([2, 4096, '', true]);
  });

  it('adds the fields of later microversions only when they are asked for', async () => {
    const c = await client(sim);
    const res = await c.call('GET', nova('/flavors/detail'), undefined, { 'OpenStack-API-Version': 'compute 2.61' });
    const shown = ((await res.json()) as { flavors: Json[] }).flavors[0];

    expect(res.headers.get('openstack-api-version')).toBe('compute 2.61');
    expect([shown?.['description'], shown?.['extra_specs']]).toEqual([null, {}]);
    const tooNew = await c.call('GET', nova('/flavors'), undefined, { 'OpenStack-API-Version': 'compute 3.0' });
    expect(tooNew.status).toBe(406);
    expect(await tooNew.json()).toEqual({
      computeFault: { code: 406, message: 'Version 3.0 is not supported by the API. Minimum is 2.1 and maximum is 2.96.' },
    });
  });

  it('pages with limit and marker, giving the next link while more are left', async () => {
    const c = await client(sim);
    const first = (await c.json(nova('/flavors?limit=15'))) as { flavors: Json[]; flavors_links?: Array<{ rel: string; href: string }> };
    const next = first.flavors_links?.[0];
    expect([first.flavors.length, next?.rel]).toEqual([15, 'next']);

    const second = (await c.json(next?.href ?? '')) as { flavors: Json[]; flavors_links?: unknown };
    const all = (await c.json(nova('/flavors'))) as { flavors: Json[] };
    expect([...first.flavors, ...second.flavors]).toEqual(all.flavors);
    expect(second.flavors_links).toBeUndefined();
  });

  it('shows a keypair of the user, and answers a missing one with itemNotFound', async () => {
    const c = await client(sim);
    const shown = (await c.json(nova('/os-keypairs/demo-key'))) as { keypair: Json };
    expect(Object.keys(shown.keypair)).toEqual([
      'name',
      'public_key',
      'fingerprint',
      'user_id',
      'deleted',
      'created_at',
      'updated_at',
      'deleted_at',
      'id',
    ]);
    expect(shown.keypair['fingerprint']).toMatch(/^([0-9a-f]{2}:){15}[0-9a-f]{2}$/);

    const missing = await c.call('GET', nova('/os-keypairs/nope'));
    expect(missing.status).toBe(404);
    const user = sim.state.users.find((u) => u.name === 'demo');
    expect(await missing.json()).toEqual({ itemNotFound: { code: 404, message: `Keypair nope not found for user ${user?.id ?? ''}` } });
    const listed = (await c.json(nova('/os-keypairs'))) as { keypairs: Array<{ keypair: Json }> };
    expect(listed.keypairs.map((k) => k.keypair['name'])).toEqual(['demo-key']);
  });

  it('needs a token for the API but not for the version documents', async () => {
    expect((await fetch(`${sim.url}${nova('/flavors')}`)).status).toBe(401);
    const version = (await (await fetch(`${sim.url}${nova('')}`)).json()) as { version: Json };
    expect([version.version['id'], version.version['min_version'], version.version['version']]).toEqual(['v2.1', '2.1', '2.96']);
  });
});

describe('the bot’s Nova client against it', () => {
  it('finds the compute endpoint in the catalog and lists every flavor by name and id', async () => {
    const flavors = await api.nova?.listFlavors();

    expect(flavors?.length).toBe(20);
    const c2r4 = flavors?.find((f) => f.name === 'c1.c2r4');
    expect(c2r4?.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('tells an existing keypair from a missing one, and lists them', async () => {
    expect(await api.nova?.hasKeypair('demo-key')).toBe(true);
    expect(await api.nova?.hasKeypair('no such key')).toBe(false);
    expect(await api.nova?.listKeypairs()).toEqual(['demo-key']);
  });
});
