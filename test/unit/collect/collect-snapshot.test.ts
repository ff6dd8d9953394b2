import { NotFoundError, TimeoutError, UpstreamError } from '../../../src/core/errors.js';
import { collectSnapshot } from '../../../src/collect/collect-snapshot.js';
import {
  NOW,
  aCluster,
  aHeatResource,
  aKubeState,
  aLoadBalancer,
  aPod,
  aPort,
  aStack,
  aTemplate,
} from '../../helpers/snapshot-builders.js';
import { type CallLog, fakeConnector, fakeKubeApi, fakeLogger, fakeOpenStack } from './fakes.js';

const clock = { now: () => NOW };
const upstream = (status: number | undefined) => () =>
  Promise.reject(
    new UpstreamError('upstream_error', 'Octavia answered 503.', { service: 'octavia', ...(status === undefined ? {} : { status }) }),
  );

describe('collectSnapshot', () => {
  it('gathers the Magnum cluster, its Heat stack, the subnet, load balancers, ports and Kubernetes state', async () => {
    const calls: CallLog = [];
    const kube = aKubeState({ pods: [aPod()] });
    const kubeProblem = { source: 'kube' as const, code: 'truncated', what: 'events', message: 'first 500 events' };
    const deps = {
      openstack: fakeOpenStack(calls),
      kube: fakeConnector(calls, fakeKubeApi(kube, [kubeProblem])),
      clock,
      logger: fakeLogger(),
    };

    const snapshot = await collectSnapshot(deps, { clusterName: 'dev-a' });

    expect(snapshot).toEqual({
      name: 'dev-a',
      collectedAt: NOW,
      kubeNow: NOW,
      openstackNow: NOW,
      cluster: aCluster(),
      template: aTemplate(),
      nodegroups: [],
      driver: { driver: 'heat', family: 'heat', because: `stack_id ${aCluster().stackId ?? ''} is a Heat stack UUID` },
      stack: aStack(),
      heatResources: [aHeatResource('network.private_subnet', { type: 'OS::Neutron::Subnet', physicalId: 'subnet-heat' })],
      subnetId: 'subnet-heat',
      loadBalancers: [aLoadBalancer()],
      ports: [aPort()],
      kube,
      problems: [kubeProblem],
    });
    expect(calls).toEqual(
      expect.arrayContaining([
        'magnum.getCluster("dev-a")',
        'heat.listResources("5a1e0000-0000-4000-8000-0000000000aa", 5)',
        'octavia.listLoadBalancers({"vipSubnetId":"subnet-heat"})',
        'neutron.listPorts({"subnetId":"subnet-heat"})',
        'kube.forMagnumCluster(dev-a)',
      ]),
    );
  });

  it.each([
    ['a UUID', '0b65ff86-13a5-460f-96c3-d3b20377df60', '0b65ff86-13a5-460f-96c3-d3b20377df60'],
    ['a name, resolved through Neutron', 'private', 'subnet-by-name'],
  ])('uses the cluster fixed_subnet given as %s', async (_case, fixedSubnet, expected) => {
    const calls: CallLog = [];
    const deps = {
      openstack: fakeOpenStack(calls, { cluster: aCluster({ fixedSubnet }) }),
      kube: fakeConnector(calls),
      clock,
      logger: fakeLogger(),
    };
    expect((await collectSnapshot(deps, { clusterName: 'dev-a' })).subnetId).toBe(expected);
  });

  it('skips Heat for a Cluster API driver, whose stack_id is not a Heat stack', async () => {
    const calls: CallLog = [];
    const deps = {
      openstack: fakeOpenStack(calls, { cluster: aCluster({ stackId: 'k8s-vceudehhfqoh' }) }),
      kube: fakeConnector(calls),
      clock,
      logger: fakeLogger(),
    };
    const snapshot = await collectSnapshot(deps, { clusterName: 'dev-a' });
    expect(calls.filter((c) => c.startsWith('heat.'))).toEqual([]);
    // Cluster API Provider OpenStack's subnet, found by the name it gives it (magnum-capi-helm: namespace magnum-<project>).
    expect(calls.filter((c) => c.startsWith('neutron.listSubnets'))).toEqual([
      `neutron.listSubnets({"name":"k8s-clusterapi-cluster-magnum-${aCluster().projectId ?? ''}-k8s-vceudehhfqoh"})`,
    ]);
    expect(snapshot).toMatchObject({ stack: null, heatResources: [], subnetId: 'subnet-by-name', problems: [] });
    expect(snapshot.driver).toMatchObject({ driver: 'magnum-capi-helm', family: 'cluster-api' });
  });

  it('does not try Kubernetes while the cluster is being created without an API address', async () => {
    const calls: CallLog = [];
    const cluster = aCluster({ status: 'CREATE_IN_PROGRESS', apiAddress: null });
    const snapshot = await collectSnapshot(
      { openstack: fakeOpenStack(calls, { cluster }), kube: fakeConnector(calls), clock, logger: fakeLogger() },
      { clusterName: 'dev-a' },
    );
    expect(snapshot.kube).toBeNull();
    expect(calls.some((c) => c.startsWith('kube.'))).toBe(false);
  });

  it.each([
    ['unreachable', undefined],
    ['forbidden', 403],
    ['error', 503],
  ])('turns a failing part into a %s problem and keeps the rest', async (code, status) => {
    const calls: CallLog = [];
    const lines: string[] = [];
    const openstack = fakeOpenStack(calls, { octavia: { listLoadBalancers: upstream(status) } });
    const snapshot = await collectSnapshot(
      { openstack, kube: fakeConnector(calls), clock, logger: fakeLogger(lines) },
      { clusterName: 'dev-a' },
    );
    expect(snapshot.problems).toEqual([{ source: 'octavia', code, what: 'load balancers', message: 'Octavia answered 503.' }]);
    expect(snapshot.loadBalancers).toEqual([]);
    expect(snapshot.ports).toEqual([aPort()]);
    expect(snapshot.kube).not.toBeNull();
    expect(lines).toEqual([`warn snapshot part not collected {"source":"octavia","what":"load balancers","code":"${code}"}`]);
  });

  it('records a Kubernetes API it cannot connect to', async () => {
    const calls: CallLog = [];
    const snapshot = await collectSnapshot(
      { openstack: fakeOpenStack(calls), kube: fakeConnector(calls, null), clock, logger: fakeLogger() },
      { clusterName: 'dev-a' },
    );
    expect(snapshot.kube).toBeNull();
    expect(snapshot.problems).toEqual([{ source: 'kube', code: 'error', what: 'connection', message: 'Error' }]);
  });

  it('gives up on a part that does not answer in time', async () => {
    const calls: CallLog = [];
    const openstack = fakeOpenStack(calls, { neutron: { listPorts: () => new Promise(() => undefined) } });
    const snapshot = await collectSnapshot(
      { openstack, kube: fakeConnector(calls), clock, logger: fakeLogger() },
      { clusterName: 'dev-a' },
      { timeoutMs: 5 },
    );
    expect(snapshot.problems.map((p) => `${p.source} ${p.what} ${p.code}`)).toEqual(['neutron ports timeout']);
  });

  it('throws NotFoundError when the cluster does not exist', async () => {
    const calls: CallLog = [];
    const openstack = fakeOpenStack(calls, {
      magnum: { getCluster: () => Promise.reject(new NotFoundError('Cluster nope could not be found.')) },
    });
    await expect(
      collectSnapshot({ openstack, kube: fakeConnector(calls), clock, logger: fakeLogger() }, { clusterName: 'nope' }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it('returns a snapshot with the problem when Magnum cannot be read', async () => {
    const calls: CallLog = [];
    const openstack = fakeOpenStack(calls, { magnum: { getCluster: () => Promise.reject(new TimeoutError('Magnum did not answer.')) } });
    const snapshot = await collectSnapshot(
      { openstack, kube: fakeConnector(calls), clock, logger: fakeLogger() },
      { clusterName: 'dev-a' },
    );
    expect(snapshot).toMatchObject({
      name: 'dev-a',
      cluster: null,
      kube: null,
      problems: [{ source: 'magnum', code: 'timeout', what: 'cluster', message: 'Magnum did not answer.' }],
    });
  });

  it('reads a kubeconfig cluster through the connector only', async () => {
    const calls: CallLog = [];
    const kube = aKubeState({ pods: [aPod({ namespace: 'kolla', name: 'mariadb-0' })] });
    const snapshot = await collectSnapshot(
      { kube: fakeConnector(calls, fakeKubeApi(kube)), clock, logger: fakeLogger() },
      { clusterName: 'kolla-lab', kubeconfigOnly: true },
    );
    expect(calls).toEqual(['kube.forKubeconfigCluster(kolla-lab)']);
    expect(snapshot).toMatchObject({ name: 'kolla-lab', cluster: null, stack: null, kube, problems: [] });
  });

  it('throws NotFoundError for an unknown kubeconfig cluster', async () => {
    const calls: CallLog = [];
    await expect(
      collectSnapshot({ kube: fakeConnector(calls, null), clock, logger: fakeLogger() }, { clusterName: 'ghost', kubeconfigOnly: true }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("collectSnapshot: the servers' clocks", () => {
  it("records now on the API server's and Magnum's clocks, from the skews their Date headers showed", async () => {
    const calls: CallLog = [];
    const api = { ...fakeKubeApi(), clockSkewMs: () => -3 * 3_600_000 };
    const openstack = fakeOpenStack(calls, { magnum: { clockSkewMs: () => 90_000 } });
    const snapshot = await collectSnapshot(
      { openstack, kube: fakeConnector(calls, api), clock, logger: fakeLogger() },
      { clusterName: 'dev-a' },
    );
    expect([snapshot.collectedAt, snapshot.kubeNow, snapshot.openstackNow]).toEqual([NOW, NOW - 3 * 3_600_000, NOW + 90_000]);
  });

  it("falls back to the bot's clock when a server sent no Date header", async () => {
    const calls: CallLog = [];
    const api = { ...fakeKubeApi(), clockSkewMs: () => null };
    const snapshot = await collectSnapshot(
      { kube: fakeConnector(calls, api), clock, logger: fakeLogger() },
      { clusterName: 'kolla', kubeconfigOnly: true },
    );
    expect([snapshot.kubeNow, snapshot.openstackNow]).toEqual([NOW, NOW]);
  });
});
