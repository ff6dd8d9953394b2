import { readFileSync } from 'node:fs';
import type { UpstreamError } from '../../../src/core/errors.js';
import { ConflictError, NotFoundError } from '../../../src/core/errors.js';
import { createOpenStackApi, type ClosableOpenStackApi } from '../../../src/openstack/create-openstack-api.js';
import { renderClusterShow } from '../../../src/render/cluster-show-table.js';
import { FakeCloud, json, ManualClock, recordingLogger } from './fake-cloud.js';

const fixture = (name: string): string => readFileSync(new URL(`../../unit/openstack/fixtures/${name}`, import.meta.url), 'utf8');
const V1 = '/magnum/v1';
const DEMO3 = '31ce05e2-981d-4e83-a756-43e0c7179678';
// Real Magnum 404 body (research/real-peers-captures/404-nodebug.txt).
const NOT_FOUND =
  '{"errors": [{"request_id": "", "code": "client", "status": 404, "title": "Cluster nope could not be found", "detail": "Cluster nope could not be found.", "links": []}]}';

describe('MagnumApi over HTTP', () => {
  let cloud: FakeCloud;
  let api: ClosableOpenStackApi;
  let sleeps: number[];
  let logLines: string[];

  beforeEach(async () => {
    cloud = await FakeCloud.start();
    cloud.keystone();
    sleeps = [];
    logLines = [];
    api = createOpenStackApi({
      credentials: {
        cloud: 'test',
        authUrl: `${cloud.url}/identity/v3/`,
        applicationCredential: { id: 'ac', secret: 'ac-secret' },
        interface: 'public',
        regionName: 'RegionOne',
      },
      logger: recordingLogger(logLines),
      clock: new ManualClock(),
      http: { sleep: async (ms) => void sleeps.push(ms), random: () => 0.5 },
    });
  });

  afterEach(async () => {
    const unexpected = [...cloud.unexpected];
    await api.close();
    await cloud.close();
    expect(unexpected).toEqual([]);
  });

  /** Asserts the headers python-magnumclient sends, then answers. */
  const magnum = (method: string, path: string, status: number, body: unknown, version = 'latest') =>
    cloud.on(method, `${V1}${path}`, (req, res) => {
      expect(req.headers['x-auth-token']).toEqual('token-1');
      expect(req.headers['openstack-api-version']).toEqual(`container-infra ${version}`);
      expect(req.headers['content-type']).toEqual('application/json');
      expect(req.headers.accept).toEqual('application/json');
      json(res, status, body, { 'openstack-api-version': 'container-infra 1.10' });
    });

  test('lists clusters from a real Magnum body', async () => {
    magnum('GET', '/clusters/detail', 200, fixture('magnum-clusters-list.json'));
    const clusters = await api.magnum.listClusters();
    expect(clusters.map((c) => [c.name, c.status, c.healthStatus, c.nodeCount, c.stackId])).toEqual([
      ['prod-k8s', 'CREATE_FAILED', null, 2, null],
      ['demo2-k8s', 'CREATE_FAILED', null, 2, null],
      ['demo3-k8s', 'UPDATE_COMPLETE', 'UNHEALTHY', 3, '6b150359-65ed-4e68-954f-5c3735fda386'],
    ]);
    expect(clusters[0]?.labels).toEqual({ kube_tag: 'v1.27.4', container_runtime: 'containerd' });
    expect(cloud.unexpected).toEqual([]);
  });

  test('follows the next link of a paginated list', async () => {
    const one = (uuid: string) => ({ uuid, name: uuid, status: 'CREATE_COMPLETE' });
    magnum('GET', '/clusters/detail', 200, { clusters: [one('a')], next: `${cloud.url}${V1}/clusters?limit=1&marker=a` });
    magnum('GET', '/clusters?limit=1&marker=a', 200, { clusters: [one('b')] });
    expect((await api.magnum.listClusters()).map((c) => c.uuid)).toEqual(['a', 'b']);
  });

  test('shows a cluster keeping the raw body in server key order, which renders as the CLI does', async () => {
    const body = fixture('magnum-cluster-demo3-k8s.json');
    magnum('GET', '/clusters/demo3-k8s', 200, body);
    const cluster = await api.magnum.getCluster('demo3-k8s');
    expect(Object.keys(cluster.raw)).toEqual(Object.keys(JSON.parse(body) as object));
    expect(cluster).toMatchObject({
      uuid: DEMO3,
      apiAddress: 'https://172.24.4.10:6443',
      faults: null,
      masterLbEnabled: true,
      nodeAddresses: ['172.24.4.11', '172.24.4.12', '172.24.4.13'],
    });
    expect(renderClusterShow(cluster.raw)).toEqual(fixture('cli-show-demo3.txt'));
  });

  test('reads faults and the failure reason of a failed cluster', async () => {
    magnum('GET', '/clusters/prod-k8s', 200, fixture('magnum-cluster-prod-k8s.json'));
    const cluster = await api.magnum.getCluster('prod-k8s');
    expect([cluster.status, cluster.statusReason, cluster.faults]).toEqual([
      'CREATE_FAILED',
      'region_name needs to be configured in magnum.conf',
      {},
    ]);
  });

  test('turns 404 into NotFoundError carrying the request id, without the token', async () => {
    magnum('GET', '/clusters/nope', 404, NOT_FOUND);
    const error = (await api.magnum.getCluster('nope').catch((e: unknown) => e)) as NotFoundError;
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.userMessage).toEqual('Cluster `nope` could not be found in Magnum (request req-404-test).');
    const cause = error.cause as UpstreamError;
    expect([cause.service, cause.status, cause.requestId, cause.method, cause.upstreamMessage]).toEqual([
      'magnum',
      404,
      'req-404-test',
      'GET',
      'Cluster nope could not be found',
    ]);
    expect(cause.url).toEqual(`${cloud.url}${V1}/clusters/nope`);
    expect(JSON.stringify({ error, cause, message: cause.message, logs: logLines })).not.toMatch(/token-1|ac-secret/);
  });

  test('turns the 409 of a name shared by several clusters into a ConflictError', async () => {
    magnum('GET', '/clusters/twins', 409, {
      errors: [{ status: 409, code: 'client', title: 'Multiple clusters exist with same name. Please use the cluster uuid instead.' }],
    });
    const error = (await api.magnum.getCluster('twins').catch((e: unknown) => e)) as ConflictError;
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.code).toEqual('ambiguous_name');
    expect(error.userMessage).toContain('use its UUID');
  });

  test('retries a GET on 503 and succeeds', async () => {
    cloud.on('GET', `${V1}/clusters/detail`, (_req, res) => json(res, 503, 'Service Unavailable'), 2);
    magnum('GET', '/clusters/detail', 200, { clusters: [] });
    await expect(api.magnum.listClusters()).resolves.toEqual([]);
    expect(sleeps).toEqual([375, 750]);
  });

  test('gives up after the configured attempts with a retryable UpstreamError', async () => {
    cloud.on('GET', `${V1}/clusters/detail`, (_req, res) => json(res, 500, { errors: [{ title: 'Internal Server Error' }] }));
    const error = (await api.magnum.listClusters().catch((e: unknown) => e)) as UpstreamError;
    expect([error.code, error.status, error.retryable]).toEqual(['upstream_error', 500, true]);
    expect(cloud.requests.filter((r) => r.url === `${V1}/clusters/detail`)).toHaveLength(4);
  });

  test('honours Retry-After on 429', async () => {
    cloud.on(
      'GET',
      `${V1}/clusters/detail`,
      (_req, res) => json(res, 429, { errors: [{ title: 'slow down' }] }, { 'retry-after': '7' }),
      1,
    );
    magnum('GET', '/clusters/detail', 200, { clusters: [] });
    await api.magnum.listClusters();
    expect(sleeps).toEqual([7000]);
  });

  test('retries the 400 real Magnum answers while a deleted cluster outlives its nodegroups', async () => {
    // As real Magnum 15 sends it (title: the faultstring up to its first period).
    const midDelete = {
      errors: [
        {
          request_id: '',
          code: 'client',
          status: 400,
          title: 'Invalid input for field/attribute master_count',
          detail: "Invalid input for field/attribute master_count. Value: '0'. Value should be greater or equal to 1",
          links: [],
        },
      ],
    };
    cloud.on('GET', `${V1}/clusters/detail`, (_req, res) => json(res, 400, midDelete), 2);
    magnum('GET', '/clusters/detail', 200, { clusters: [] });
    await expect(api.magnum.listClusters()).resolves.toEqual([]);
    expect(sleeps).toHaveLength(2);
  });

  test('names the mid-delete 400 when it outlasts the retries, and leaves other 400s alone', async () => {
    const midDelete = {
      errors: [
        {
          code: 'client',
          status: 400,
          title: 'Invalid input for field/attribute master_count',
          detail: "Invalid input for field/attribute master_count. Value: '0'. Value should be greater or equal to 1",
        },
      ],
    };
    cloud.on('GET', `${V1}/clusters/gone`, (_req, res) => json(res, 400, midDelete));
    const error = (await api.magnum.getCluster('gone').catch((e: unknown) => e)) as UpstreamError;
    expect([error.code, error.status, error.retryable]).toEqual(['magnum_mid_delete', 400, true]);
    expect(error.userMessage).toMatch(/^Magnum cannot describe clusters of this project for a moment: one is finishing its delete/);
    expect(cloud.requests.filter((r) => r.url === `${V1}/clusters/gone`)).toHaveLength(4);

    cloud.on('POST', `${V1}/clusters`, (_req, res) => json(res, 400, midDelete));
    const create = (await api.magnum
      .createCluster({ name: 'x', clusterTemplateId: 't', masterCount: 0 })
      .catch((e: unknown) => e)) as UpstreamError;
    expect([create.code, create.retryable]).toEqual(['bad_request', false]);
  });

  test('never retries a POST on 5xx', async () => {
    cloud.on('POST', `${V1}/clusters`, (_req, res) => json(res, 502, 'Bad Gateway'));
    const error = (await api.magnum.createCluster({ name: 'x', clusterTemplateId: 't' }).catch((e: unknown) => e)) as UpstreamError;
    expect(error.code).toEqual('upstream_unavailable');
    expect(cloud.requests.filter((r) => r.url === `${V1}/clusters`)).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  test('retries a GET when the connection drops', async () => {
    cloud.on('GET', `${V1}/clusters/detail`, (_req, res) => res.socket?.destroy(), 1);
    magnum('GET', '/clusters/detail', 200, { clusters: [] });
    await expect(api.magnum.listClusters()).resolves.toEqual([]);
    expect(sleeps).toHaveLength(1);
  });

  test('creates a cluster with the CLI body keys and returns the uuid', async () => {
    let sent: unknown;
    cloud.on('POST', `${V1}/clusters`, (req, res) => {
      sent = JSON.parse(req.body);
      json(res, 202, { uuid: 'new-uuid' });
    });
    const spec = {
      name: 'demo',
      clusterTemplateId: 'tpl',
      nodeCount: 2,
      masterCount: 1,
      keypair: 'k',
      flavorId: 'm1.large',
      labels: { a: 'b' },
      mergeLabels: true,
    };
    await expect(api.magnum.createCluster(spec)).resolves.toEqual({ uuid: 'new-uuid' });
    expect(sent).toEqual({
      name: 'demo',
      cluster_template_id: 'tpl',
      node_count: 2,
      master_count: 1,
      keypair: 'k',
      flavor_id: 'm1.large',
      labels: { a: 'b' },
      merge_labels: true,
    });
  });

  test('maps a 403 with a quota phrase to quota_exceeded', async () => {
    cloud.on('POST', `${V1}/clusters`, (_req, res) =>
      json(res, 403, { errors: [{ status: 403, code: 'client', title: 'Resource Limit Exceeded: Cluster limit exceeded' }] }),
    );
    const error = (await api.magnum.createCluster({ name: 'x', clusterTemplateId: 't' }).catch((e: unknown) => e)) as UpstreamError;
    expect(error.code).toEqual('quota_exceeded');
    expect(error.userMessage).toContain('Resource Limit Exceeded');
  });

  test('resizes with microversion 1.7', async () => {
    let sent: unknown;
    cloud.on('POST', `${V1}/clusters/${DEMO3}/actions/resize`, (req, res) => {
      expect(req.headers['openstack-api-version']).toEqual('container-infra 1.7');
      sent = JSON.parse(req.body);
      json(res, 202, { uuid: DEMO3 });
    });
    await api.magnum.resizeCluster(DEMO3, 5, 'default-worker');
    expect(sent).toEqual({ node_count: 5, nodegroup: 'default-worker' });
  });

  test('explains a microversion the server does not offer', async () => {
    cloud.on('POST', `${V1}/clusters/${DEMO3}/actions/resize`, (_req, res) =>
      json(res, 406, {
        errors: [
          {
            max_version: '1.6',
            min_version: '1.1',
            code: 'magnum.microversion-unsupported',
            title: 'Requested microversion is unsupported',
          },
        ],
      }),
    );
    const error = (await api.magnum.resizeCluster(DEMO3, 5).catch((e: unknown) => e)) as UpstreamError;
    expect(error.code).toEqual('microversion_unsupported');
    expect(error.userMessage).toContain('1.7');
  });

  test('lists nodegroups with microversion 1.9', async () => {
    magnum('GET', '/clusters/demo3-k8s/nodegroups', 200, fixture('magnum-nodegroups-demo3.json'), '1.9');
    const groups = await api.magnum.listNodegroups('demo3-k8s');
    expect(groups.map((g) => [g.name, g.role, g.nodeCount, g.isDefault, g.maxNodeCount])).toEqual([
      ['default-master', 'master', 1, true, null],
      ['default-worker', 'worker', 2, true, null],
    ]);
  });

  test('lists and shows templates, keeping the raw body', async () => {
    magnum('GET', '/clustertemplates', 200, fixture('magnum-clustertemplates.json'));
    magnum('GET', '/clustertemplates/k8s-tpl', 200, fixture('magnum-clustertemplate-k8s-tpl.json'));
    const [listed] = await api.magnum.listTemplates();
    const shown = await api.magnum.getTemplate('k8s-tpl');
    expect(listed).toEqual(shown);
    expect(shown).toMatchObject({
      name: 'k8s-tpl',
      coe: 'kubernetes',
      dockerStorageDriver: 'overlay2',
      dockerVolumeSize: 10,
      networkDriver: 'calico',
    });
    expect(Object.keys(shown.raw)[0]).toEqual('uuid');
  });

  test('deletes by name and accepts 204', async () => {
    cloud.on('DELETE', `${V1}/clusters/demo%20x`, (_req, res) => {
      res.writeHead(204);
      res.end();
    });
    await expect(api.magnum.deleteCluster('demo x')).resolves.toBeUndefined();
    expect(cloud.unexpected).toEqual([]);
  });

  test('fetches the CA and signs a CSR', async () => {
    magnum('GET', `/certificates/${DEMO3}`, 200, { cluster_uuid: DEMO3, pem: 'CA-PEM', links: [] });
    let sent: unknown;
    cloud.on('POST', `${V1}/certificates`, (req, res) => {
      sent = JSON.parse(req.body);
      json(res, 201, { cluster_uuid: DEMO3, csr: 'CSR', pem: 'CERT-PEM', links: [] });
    });
    await expect(api.magnum.getCaCertificate(DEMO3)).resolves.toEqual('CA-PEM');
    await expect(api.magnum.signCertificate(DEMO3, 'CSR')).resolves.toEqual('CERT-PEM');
    expect(sent).toEqual({ cluster_uuid: DEMO3, csr: 'CSR' });
  });

  test('rejects a body it cannot understand with upstream_bad_response', async () => {
    magnum('GET', '/clusters/detail', 200, '<html>proxy error</html>');
    const error = (await api.magnum.listClusters().catch((e: unknown) => e)) as UpstreamError;
    expect([error.code, error.service]).toEqual(['upstream_bad_response', 'magnum']);
  });
});

describe("Magnum's clock, from the Date header of its answers", () => {
  const HOST_NOW = Date.parse('2026-11-21T12:00:00Z');
  let cloud: FakeCloud;
  let api: ClosableOpenStackApi;

  beforeEach(async () => {
    cloud = await FakeCloud.start();
    cloud.keystone();
    api = createOpenStackApi({
      credentials: {
        cloud: 'test',
        authUrl: `${cloud.url}/identity/v3/`,
        applicationCredential: { id: 'ac', secret: 'ac-secret' },
        interface: 'public',
        regionName: 'RegionOne',
      },
      logger: recordingLogger([]),
      clock: new ManualClock(),
      http: { sleep: async () => undefined, random: () => 0.5, wallClock: { now: () => HOST_NOW } },
    });
  });

  afterEach(async () => {
    await api.close();
    await cloud.close();
  });

  const answerWithDate = (date: string | null) =>
    cloud.on('GET', `${V1}/clusters/demo3-k8s`, (_req, res) =>
      json(res, 200, fixture('magnum-cluster-demo3-k8s.json'), date === null ? {} : { date }),
    );

  test.each([
    ['3 hours behind this host', new Date(HOST_NOW - 3 * 3_600_000).toUTCString(), -3 * 3_600_000 + 500],
    ['20 minutes ahead', new Date(HOST_NOW + 20 * 60_000).toUTCString(), 20 * 60_000 + 500],
    ['within the header resolution', new Date(HOST_NOW - 1000).toUTCString(), 0],
  ])('reads the skew of a Magnum %s', async (_case, date, expected) => {
    answerWithDate(date);
    expect(api.magnum.clockSkewMs?.()).toBeNull();
    await api.magnum.getCluster('demo3-k8s');
    expect(api.magnum.clockSkewMs?.()).toBe(expected);
  });
});
