import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startSim, type Sim } from '../../../../../src/sim/cloud/start-sim.js';
import { client, issueToken, passwordAuth } from './sim-client.js';
import { stubKube } from './stub-kube.js';

let sim: Sim;

beforeAll(async () => {
  sim = await startSim({ seed: true, kube: stubKube().backend, tokenTtlSeconds: 600 });
});
afterAll(async () => {
  await sim.close();
});

describe('keystone', () => {
  it('issues a project-scoped token for a password and lists every service in the catalog', async () => {
    const res = await issueToken(sim);
    expect(res.status).toBe(201);
    expect(res.headers.get('x-subject-token')).toMatch(/^gAAAAA/);
    const body = (await res.json()) as {
      token: { project: { name: string }; catalog: { type: string; endpoints: { interface: string; region_id: string; url: string }[] }[] };
    };
    expect(body.token.project.name).toEqual('demo');
    const types = body.token.catalog.map((s) => s.type);
    expect(types).toEqual(['identity', 'container-infra', 'orchestration', 'load-balancer', 'network', 'volumev3', 'compute', 'image']);
    const magnum = body.token.catalog.find((s) => s.type === 'container-infra');
    expect(magnum?.endpoints.map((e) => e.interface)).toEqual(['public', 'internal', 'admin']);
    expect(magnum?.endpoints[0]?.url).toEqual(`${sim.url}/container-infra/v1`);
    expect(magnum?.endpoints[0]?.region_id).toEqual('RegionOne');
  });

  it('issues a token for an application credential by id and by name + user', async () => {
    const byId = await issueToken(sim, {
      auth: {
        identity: {
          methods: ['application_credential'],
          application_credential: { id: sim.appCredential.id, secret: sim.appCredential.secret },
        },
      },
    });
    expect(byId.status).toBe(201);
    const byName = await issueToken(sim, {
      auth: {
        identity: {
          methods: ['application_credential'],
          application_credential: {
            name: 'kube-chatops',
            user: { name: 'demo', domain: { name: 'Default' } },
            secret: sim.appCredential.secret,
          },
        },
      },
    });
    expect(byName.status).toBe(201);
    const body = (await byName.json()) as { token: { application_credential?: { id: string } } };
    expect(body.token.application_credential?.id).toEqual(sim.appCredential.id);
  });

  it('answers 401 with the keystone error body for a wrong password', async () => {
    const res = await issueToken(sim, passwordAuth('wrong'));
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({
      error: { code: 401, message: 'The request you have made requires authentication.', title: 'Unauthorized' },
    });
  });

  it('rejects an expired token on every service with keystonemiddleware 401 and WWW-Authenticate', async () => {
    const c = await client(sim);
    expect((await c.call('GET', '/container-infra/v1/clusters')).status).toBe(200);
    sim.clock.advance(601_000);
    const res = await c.call('GET', '/container-infra/v1/clusters');
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toEqual(`Keystone uri="${sim.url}/identity"`);
    expect(await res.text()).toEqual(
      '{"error": {"code": 401, "title": "Unauthorized", "message": "The request you have made requires authentication."}}',
    );
    expect((await c.call('GET', '/network/v2.0/ports')).status).toBe(401);
  });
});

describe('magnum', () => {
  it('lists clusters with exactly the real list fields in the real order', async () => {
    const c = await client(sim);
    const res = await c.call('GET', '/container-infra/v1/clusters');
    expect(res.headers.get('openstack-api-minimum-version')).toEqual('container-infra 1.1');
    expect(res.headers.get('openstack-api-maximum-version')).toEqual('container-infra 1.11');
    expect(res.headers.get('openstack-api-version')).toEqual('container-infra 1.11');
    expect(res.headers.get('vary')).toEqual('OpenStack-API-Version');
    expect(res.headers.get('x-openstack-request-id')).toMatch(/^req-[0-9a-f-]{36}$/);
    const body = (await res.json()) as { clusters: Record<string, unknown>[] };
    expect(Object.keys(body.clusters[0] ?? {})).toEqual([
      'uuid',
      'name',
      'cluster_template_id',
      'keypair',
      'node_count',
      'master_count',
      'docker_volume_size',
      'labels',
      'master_flavor_id',
      'flavor_id',
      'create_timeout',
      'links',
      'stack_id',
      'status',
      'health_status',
      'merge_labels',
    ]);
  });

  it('shows a healthy cluster with the capture field order and no faults', async () => {
    const c = await client(sim);
    const body = await c.json('/container-infra/v1/clusters/healthy');
    expect(Object.keys(body)).toEqual([
      'uuid',
      'name',
      'cluster_template_id',
      'keypair',
      'node_count',
      'master_count',
      'docker_volume_size',
      'labels',
      'master_flavor_id',
      'flavor_id',
      'create_timeout',
      'links',
      'stack_id',
      'status',
      'status_reason',
      'health_status',
      'health_status_reason',
      'discovery_url',
      'api_address',
      'coe_version',
      'container_version',
      'project_id',
      'user_id',
      'node_addresses',
      'master_addresses',
      'fixed_network',
      'fixed_subnet',
      'floating_ip_enabled',
      'merge_labels',
      'labels_overridden',
      'labels_added',
      'labels_skipped',
      'master_lb_enabled',
      'created_at',
      'updated_at',
    ]);
    expect(body['status']).toEqual('CREATE_COMPLETE');
    expect(body['health_status']).toEqual('HEALTHY');
    expect(body['api_address']).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
  });

  it('shows faults and the Heat reason only for a failed cluster', async () => {
    const c = await client(sim);
    const body = await c.json('/container-infra/v1/clusters/create-failed');
    const reason =
      'Resource CREATE failed: Error: resources.kube_masters.resources[0].resources.master_config_deployment: Deployment to server failed: deploy_status_code: Deployment exited with non-zero status code: 1';
    expect(body['status']).toEqual('CREATE_FAILED');
    expect(body['status_reason']).toEqual(reason);
    expect(body['faults']).toEqual({ 'default-master': reason, 'default-worker': reason });
    expect(Object.keys(body).indexOf('faults')).toEqual(Object.keys(body).indexOf('master_addresses') + 1);
  });

  it('answers 406 with the microversion error for an unsupported version, and 404 in the capture shape', async () => {
    const c = await client(sim);
    const res = await c.call('GET', '/container-infra/v1/clusters', undefined, { 'OpenStack-API-Version': 'container-infra 1.99' });
    expect(res.status).toBe(406);
    const body = (await res.json()) as { errors: { code: string; max_version: string }[] };
    expect(body.errors[0]?.code).toEqual('magnum.microversion-unsupported');
    expect(body.errors[0]?.max_version).toEqual('1.11');
    const missing = await c.call('GET', '/container-infra/v1/clusters/nope');
    expect(await missing.text()).toEqual(
      '{"errors": [{"request_id": "", "code": "client", "status": 404, "title": "Cluster nope could not be found", "detail": "Cluster nope could not be found.", "links": []}]}',
    );
  });

  it('accepts duplicate names and then answers a lookup by that name with 409', async () => {
    const c = await client(sim);
    const spec = { name: 'twin', cluster_template_id: 'k8s-1.27-no-volume', node_count: 1, keypair: 'demo-key' };
    expect((await c.call('POST', '/container-infra/v1/clusters', spec)).status).toBe(202);
    expect((await c.call('POST', '/container-infra/v1/clusters', spec)).status).toBe(202);
    const res = await c.call('GET', '/container-infra/v1/clusters/twin');
    expect(res.status).toBe(409);
    const body = (await res.json()) as { errors: { title: string }[] };
    expect(body.errors[0]?.title).toEqual('Multiple clusters exist with same name');
  });

  it('rejects a create naming a missing template, a bad name or a missing keypair', async () => {
    const c = await client(sim);
    const create = (spec: object) => c.call('POST', '/container-infra/v1/clusters', spec);
    const noTemplate = await create({ name: 'x', cluster_template_id: 'nope' });
    expect(noTemplate.status).toBe(404);
    expect(((await noTemplate.json()) as { errors: { title: string }[] }).errors[0]?.title).toEqual(
      'ClusterTemplate nope could not be found',
    );
    expect((await create({ name: '1bad', cluster_template_id: 'k8s-1.27-no-volume' })).status).toBe(400);
    expect((await create({ name: 'ok', cluster_template_id: 'k8s-1.27-no-volume', keypair: 'missing' })).status).toBe(404);
  });

  it('refuses a create past the project cluster quota with 403', async () => {
    const c = await client(sim);
    const project = sim.state.projects[0];
    if (!project) throw new Error('no project');
    project.clusterQuota = 1;
    const res = await c.call('POST', '/container-infra/v1/clusters', { name: 'over', cluster_template_id: 'k8s-1.27-no-volume' });
    project.clusterQuota = 40;
    expect(res.status).toBe(403);
    const body = (await res.json()) as { errors: { title: string }[] };
    expect(body.errors[0]?.title).toMatch(/^Resource limit exceeded: You have reached the maximum clusters per project, 1/);
  });

  it('serves the default nodegroups from microversion 1.9 only', async () => {
    const c = await client(sim);
    const body = (await c.json('/container-infra/v1/clusters/healthy/nodegroups')) as { nodegroups: { name: string }[] };
    expect(body.nodegroups.map((n) => n.name)).toEqual(['default-master', 'default-worker']);
    const old = await c.call('GET', '/container-infra/v1/clusters/healthy/nodegroups', undefined, {
      'OpenStack-API-Version': 'container-infra 1.8',
    });
    expect(old.status).toBe(406);
  });

  it('lists the seeded templates: Heat ones first (overlay2 first, then the 1.28 upgrade target), then two per Cluster API driver', async () => {
    const c = await client(sim);
    const body = (await c.json('/container-infra/v1/clustertemplates')) as { clustertemplates: Record<string, unknown>[] };
    expect(body.clustertemplates.map((t) => [t['name'], t['cluster_distro'], t['docker_volume_size']])).toEqual([
      ['k8s-1.27-overlay2', 'fedora-coreos', 20],
      ['k8s-1.27-no-volume', 'fedora-coreos', null],
      ['k8s-1.28-no-volume', 'fedora-coreos', null],
      ['k8s-1.30-capi-helm', 'ubuntu', null],
      ['k8s-1.31-capi-helm', 'ubuntu', null],
      ['k8s-1.30-cluster-api', 'ubuntu', null],
      ['k8s-1.31-cluster-api', 'ubuntu', null],
    ]);
  });
});

describe('magnum writes', () => {
  it('forbids writes to a reader-only user with Magnum policy 403', async () => {
    const res = await issueToken(sim, {
      auth: {
        identity: {
          methods: ['password'],
          password: { user: { name: 'viewer', domain: { name: 'Default' }, password: 'viewer-password' } },
        },
        scope: { project: { name: 'demo', domain: { name: 'Default' } } },
      },
    });
    const token = res.headers.get('x-subject-token') ?? '';
    const del = await fetch(`${sim.url}/container-infra/v1/clusters/healthy`, { method: 'DELETE', headers: { 'X-Auth-Token': token } });
    expect(del.status).toBe(403);
    const body = (await del.json()) as { errors: { title: string }[] };
    expect(body.errors[0]?.title).toEqual("Policy doesn't allow cluster:delete to be performed");
  });

  it('rejects a PATCH of an internal attribute and one on a cluster still creating', async () => {
    const c = await client(sim);
    const internal = await c.call('PATCH', '/container-infra/v1/clusters/healthy', [{ op: 'replace', path: '/api_address', value: 'x' }]);
    expect(internal.status).toBe(400);
    const creating = await c.call('PATCH', '/container-infra/v1/clusters/slow-create', [{ op: 'replace', path: '/node_count', value: 3 }]);
    expect(creating.status).toBe(400);
    const body = (await creating.json()) as { errors: { detail: string }[] };
    expect(body.errors[0]?.detail).toEqual('Updating a cluster when status is "CREATE_IN_PROGRESS" is not supported.');
  });

  it('creates a cluster template with the CLI defaults and shows it by name', async () => {
    const c = await client(sim);
    const res = await c.call('POST', '/container-infra/v1/clustertemplates', {
      name: 'mine',
      coe: 'kubernetes',
      image_id: 'fedora-coreos-38',
      flavor_id: 'm1.medium',
      docker_storage_driver: 'overlay2',
      external_network_id: 'public',
      labels: { kube_tag: 'v1.27.4' },
    });
    expect(res.status).toBe(201);
    const shown = await c.json('/container-infra/v1/clustertemplates/mine');
    expect([shown['name'], shown['flavor_id'], shown['labels']]).toEqual(['mine', 'm1.medium', { kube_tag: 'v1.27.4' }]);
  });
});
