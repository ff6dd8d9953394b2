import type { OpenStackCredentials } from '../../../src/config/load-config.js';
import { UpstreamError } from '../../../src/core/errors.js';
import { createOpenStackApi, type ClosableOpenStackApi } from '../../../src/openstack/create-openstack-api.js';
import { FakeCloud, json, ManualClock, PROJECT_ID, recordingLogger } from './fake-cloud.js';

const CLUSTERS = '/magnum/v1/clusters';
const CLUSTER_LIST = `${CLUSTERS}/detail`;

describe('Keystone authentication', () => {
  let cloud: FakeCloud;
  let api: ClosableOpenStackApi | undefined;
  const clock = new ManualClock();

  beforeEach(async () => {
    cloud = await FakeCloud.start();
    clock.ms = Date.parse('2026-11-21T12:00:00Z');
  });

  afterEach(async () => {
    const unexpected = [...cloud.unexpected];
    await api?.close();
    await cloud.close();
    api = undefined;
    expect(unexpected).toEqual([]);
  });

  const open = (credentials: Partial<OpenStackCredentials> = {}, token?: { renewBeforeMs?: number; renewFraction?: number }) => {
    api = createOpenStackApi({
      credentials: {
        cloud: 'test',
        authUrl: `${cloud.url}/identity`,
        password: { username: 'bot', password: 's3cret-pw', userDomainName: 'Default', projectName: 'demo', projectDomainName: 'Default' },
        interface: 'public',
        regionName: 'RegionOne',
        ...credentials,
      },
      logger: recordingLogger(),
      clock,
      token,
      http: { sleep: async () => undefined },
    });
    return api;
  };

  const listAnswers = (status = 200) =>
    cloud.on('GET', CLUSTER_LIST, (req, res) =>
      json(res, status, status === 200 ? { clusters: [] } : { error: { code: 401, title: 'Unauthorized' } }, {
        'x-token-seen': String(req.headers['x-auth-token']),
      }),
    );

  test('sends a project-scoped password request and uses X-Subject-Token as X-Auth-Token', async () => {
    let body: unknown;
    cloud.keystone({ check: (b) => (body = b) });
    cloud.on('GET', CLUSTER_LIST, (req, res) => {
      expect(req.headers['x-auth-token']).toEqual('token-1');
      json(res, 200, { clusters: [] });
    });
    await expect(open().magnum.listClusters()).resolves.toEqual([]);
    expect(body).toEqual({
      auth: {
        identity: { methods: ['password'], password: { user: { name: 'bot', domain: { name: 'Default' }, password: 's3cret-pw' } } },
        scope: { project: { name: 'demo', domain: { name: 'Default' } } },
      },
    });
    expect(cloud.unexpected).toEqual([]);
  });

  test('scopes by project id when one is configured', async () => {
    let body: unknown;
    cloud.keystone({ check: (b) => (body = b) });
    const credentials = {
      password: { username: 'bot', password: 'pw', userDomainName: 'Default', projectId: PROJECT_ID, projectDomainName: 'Default' },
    };
    await expect(open(credentials).projectId()).resolves.toEqual(PROJECT_ID);
    expect((body as { auth: { scope: unknown } }).auth.scope).toEqual({ project: { id: PROJECT_ID } });
  });

  test('authenticates with an application credential and sends no scope', async () => {
    let body: unknown;
    cloud.keystone({ check: (b) => (body = b) });
    await open({ password: undefined, applicationCredential: { id: 'ac-id', secret: 'ac-secret' } }).projectId();
    expect(body).toEqual({
      auth: { identity: { methods: ['application_credential'], application_credential: { id: 'ac-id', secret: 'ac-secret' } } },
    });
  });

  test('reuses the token until it is close to expiry, then renews it', async () => {
    cloud.keystone({ lifetimeS: 3600 });
    listAnswers();
    const magnum = open().magnum;
    await magnum.listClusters();
    clock.ms += 50 * 60_000;
    await magnum.listClusters();
    expect(cloud.tokenPosts()).toEqual(1);
    // 54 min into a 60 min token: 6 min left, under 10% of its life.
    clock.ms += 4 * 60_000;
    await magnum.listClusters();
    expect(cloud.tokenPosts()).toEqual(2);
    expect(cloud.requests.filter((r) => r.url === CLUSTER_LIST).map((r) => r.headers['x-auth-token'])).toEqual([
      'token-1',
      'token-1',
      'token-2',
    ]);
  });

  test('honours a configured renewal margin', async () => {
    cloud.keystone({ lifetimeS: 3600 });
    listAnswers();
    const magnum = open({}, { renewBeforeMs: 20 * 60_000, renewFraction: 0 }).magnum;
    await magnum.listClusters();
    clock.ms += 41 * 60_000;
    await magnum.listClusters();
    expect(cloud.tokenPosts()).toEqual(2);
  });

  test('concurrent callers share one authentication', async () => {
    cloud.keystone();
    listAnswers();
    const magnum = open().magnum;
    await Promise.all([magnum.listClusters(), magnum.listClusters(), magnum.listClusters(), magnum.listClusters()]);
    expect(cloud.tokenPosts()).toEqual(1);
  });

  test('re-authenticates once and retries when a service answers 401', async () => {
    cloud.keystone();
    cloud.on(
      'GET',
      CLUSTER_LIST,
      (_req, res) =>
        json(res, 401, { error: { code: 401, title: 'Unauthorized', message: 'The request you have made requires authentication.' } }),
      1,
    );
    listAnswers();
    await expect(open().magnum.listClusters()).resolves.toEqual([]);
    expect(cloud.tokenPosts()).toEqual(2);
    expect(cloud.requests.filter((r) => r.url === CLUSTER_LIST).map((r) => r.headers['x-auth-token'])).toEqual(['token-1', 'token-2']);
  });

  test('re-authenticates once also for a POST, since a 401 means nothing was done', async () => {
    cloud.keystone();
    cloud.on('POST', CLUSTERS, (_req, res) => json(res, 401, { error: { code: 401, title: 'Unauthorized' } }), 1);
    cloud.on('POST', CLUSTERS, (_req, res) => json(res, 202, { uuid: 'new-uuid' }));
    await expect(open().magnum.createCluster({ name: 'a', clusterTemplateId: 't' })).resolves.toEqual({ uuid: 'new-uuid' });
    expect(cloud.tokenPosts()).toEqual(2);
  });

  test('gives up after one re-authentication when the service keeps answering 401', async () => {
    cloud.keystone();
    listAnswers(401);
    const error = await open()
      .magnum.listClusters()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect((error as UpstreamError).code).toEqual('unauthorized');
    expect(cloud.tokenPosts()).toEqual(2);
    expect(cloud.requests.filter((r) => r.url === CLUSTER_LIST)).toHaveLength(2);
  });

  test('reports wrong credentials as auth_failed without retrying', async () => {
    cloud.on('POST', '/identity/v3/auth/tokens', (_req, res) =>
      json(res, 401, { error: { code: 401, title: 'Unauthorized', message: 'The request you have made requires authentication.' } }),
    );
    const error = (await open()
      .projectId()
      .catch((e: unknown) => e)) as UpstreamError;
    expect(error.code).toEqual('auth_failed');
    expect(error.service).toEqual('keystone');
    expect(error.retryable).toEqual(false);
    expect(cloud.tokenPosts()).toEqual(1);
    expect(error.userMessage).not.toContain('s3cret-pw');
  });

  test('retries the token request when Keystone answers 503', async () => {
    cloud.on('POST', '/identity/v3/auth/tokens', (_req, res) => json(res, 503, 'Service Unavailable'), 1);
    cloud.keystone();
    await expect(open().projectId()).resolves.toEqual(PROJECT_ID);
    expect(cloud.tokenPosts()).toEqual(2);
  });

  test('picks the endpoint of the configured interface', async () => {
    cloud.keystone();
    cloud.on('GET', '/magnum/v1-internal/v1/clusters/detail', (_req, res) => json(res, 200, { clusters: [] }));
    await open({ interface: 'internal' }).magnum.listClusters();
    expect(cloud.unexpected).toEqual([]);
  });

  test('says clearly when the catalog has no such service', async () => {
    cloud.keystone({ catalog: [] });
    const error = (await open()
      .octavia.listLoadBalancers({})
      .catch((e: unknown) => e)) as UpstreamError;
    expect(error.code).toEqual('service_not_in_catalog');
    expect(error.userMessage).toContain('load-balancer');
  });

  test('finds Magnum under its official service type too', async () => {
    const catalog = [
      {
        type: 'container-infrastructure-management',
        endpoints: [{ url: `${cloud.url}/magnum`, interface: 'public', region_id: 'RegionOne' }],
      },
    ];
    cloud.keystone({ catalog });
    cloud.on('GET', CLUSTER_LIST, (_req, res) => json(res, 200, { clusters: [] }));
    await open().magnum.listClusters();
    expect(cloud.unexpected).toEqual([]);
  });
});
