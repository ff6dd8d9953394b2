import type { UpstreamError } from '../../../src/core/errors.js';
import { createOpenStackApi, type ClosableOpenStackApi } from '../../../src/openstack/create-openstack-api.js';
import { FakeCloud, ManualClock, recordingLogger } from './fake-cloud.js';

describe('requests that get no answer', () => {
  let cloud: FakeCloud;
  let api: ClosableOpenStackApi;

  beforeEach(async () => {
    cloud = await FakeCloud.start();
    cloud.keystone();
    // The handler never answers, so the client's own timeout is what ends each try.
    cloud.on('GET', '/magnum/v1/clusters/detail', () => undefined);
    cloud.on('POST', '/magnum/v1/clusters', () => undefined);
    api = createOpenStackApi({
      credentials: { cloud: 't', authUrl: `${cloud.url}/identity`, applicationCredential: { id: 'a', secret: 'b' }, interface: 'public' },
      logger: recordingLogger(),
      clock: new ManualClock(),
      http: { timeoutMs: 150, retry: { maxAttempts: 2 }, sleep: async () => undefined },
    });
  });

  afterEach(async () => {
    const unexpected = [...cloud.unexpected];
    await api.close();
    await cloud.close();
    expect(unexpected).toEqual([]);
  });

  test('a GET times out, is tried again, then fails as a retryable upstream_timeout', async () => {
    const error = (await api.magnum.listClusters().catch((e: unknown) => e)) as UpstreamError;
    expect([error.code, error.service, error.retryable]).toEqual(['upstream_timeout', 'magnum', true]);
    expect(cloud.requests.filter((r) => r.url === '/magnum/v1/clusters/detail')).toHaveLength(2);
  });

  test('a POST that times out is not sent twice', async () => {
    const error = (await api.magnum.createCluster({ name: 'x', clusterTemplateId: 't' }).catch((e: unknown) => e)) as UpstreamError;
    expect(error.code).toEqual('upstream_timeout');
    expect(cloud.requests.filter((r) => r.url === '/magnum/v1/clusters')).toHaveLength(1);
  });
});
