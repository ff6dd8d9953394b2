import { NotFoundError } from '../../../src/core/errors.js';
import { createOpenStackApi, type ClosableOpenStackApi } from '../../../src/openstack/create-openstack-api.js';
import { CLUSTER_ATTRIBUTES, renderClusterShow } from '../../../src/render/cluster-show-table.js';
import { renderClusterList } from '../../../src/render/cluster-list-table.js';
import { startSim, type Sim } from '../../../src/sim/index.js';
import { recordingLogger } from './fake-cloud.js';

describe('the OpenStack client against the simulated cloud', () => {
  let sim: Sim;
  let api: ClosableOpenStackApi;
  const logLines: string[] = [];

  beforeAll(async () => {
    sim = await startSim();
    const env = sim.osEnv;
    api = createOpenStackApi({
      credentials: {
        cloud: 'sim',
        authUrl: sim.authUrl,
        password: {
          username: env.OS_USERNAME ?? '',
          password: env.OS_PASSWORD ?? '',
          userDomainName: 'Default',
          projectName: env.OS_PROJECT_NAME,
          projectDomainName: 'Default',
        },
        interface: 'public',
        regionName: env.OS_REGION_NAME,
      },
      logger: recordingLogger(logLines),
      clock: sim.clock,
    });
  });

  afterAll(async () => {
    await api.close();
    await sim.close();
  });

  test('lists the clusters and shows one by name as the CLI table', async () => {
    const clusters = await api.magnum.listClusters();
    const listed = clusters.find((c) => c.name === 'healthy');
    expect(listed?.status).toEqual('CREATE_COMPLETE');
    const shown = await api.magnum.getCluster('healthy');
    expect(shown.uuid).toEqual(listed?.uuid);
    const table = renderClusterShow(shown.raw).split('\n');
    expect(table).toHaveLength(CLUSTER_ATTRIBUTES.length + 5);
    expect(table.find((line) => line.startsWith('| name '))).toMatch(/^\| name +\| healthy +\|$/);
    expect(renderClusterList([shown.raw]).split('\n')[3]).toContain(shown.uuid);
  });

  test('answers an unknown cluster with NotFoundError', async () => {
    await expect(api.magnum.getCluster('no-such-cluster')).rejects.toBeInstanceOf(NotFoundError);
  });

  test('reads the templates and nodegroups of a cluster', async () => {
    const cluster = await api.magnum.getCluster('healthy');
    const templates = await api.magnum.listTemplates();
    expect(templates.map((t) => t.uuid)).toContain(cluster.clusterTemplateId);
    const groups = await api.magnum.listNodegroups(cluster.uuid);
    expect(groups.map((g) => g.role).sort()).toEqual(['master', 'worker']);
  });

  test('walks the Heat stack and finds the load balancers and ports on the cluster subnet', async () => {
    const cluster = await api.magnum.getCluster('lb-blocks-delete');
    const stack = await api.heat.getStack(cluster.stackId ?? '');
    expect(stack.id).toEqual(cluster.stackId);
    const resources = await api.heat.listResources(stack.id);
    const subnet = resources.find((r) => r.path.join('.') === 'network.private_subnet');
    expect(subnet?.parent).toEqual('network');
    const subnetId = subnet?.physicalId ?? '';
    const lbs = await api.octavia.listLoadBalancers({ vipSubnetId: subnetId });
    expect(lbs.some((lb) => lb.name.startsWith('kube_service_'))).toEqual(true);
    const ports = await api.neutron.listPorts({ subnetId });
    expect(ports.length).toBeGreaterThan(0);
    expect(ports.every((p) => p.fixedIps.some((ip) => ip.subnetId === subnetId))).toEqual(true);
  });

  test('finds the deepest failed Heat resource of a failed cluster', async () => {
    const cluster = await api.magnum.getCluster('create-failed');
    expect(cluster.status).toEqual('CREATE_FAILED');
    const failed = (await api.heat.listResources(cluster.stackId ?? '')).filter((r) => r.status.endsWith('_FAILED'));
    const deepest = failed.reduce((a, b) => (b.path.length > a.path.length ? b : a));
    expect(deepest.path.length).toBeGreaterThan(1);
  });

  test('lists every stack of the project with its nested stacks in one call, each naming its parent', async () => {
    const cluster = await api.magnum.getCluster('lb-blocks-delete');
    const stacks = await api.heat.listStacks();
    const top = stacks.find((s) => s.id === cluster.stackId);
    expect(top?.parent).toBeNull();
    const nested = stacks.filter((s) => s.parent === cluster.stackId);
    expect(nested.length).toBeGreaterThan(0);
    // The nested stacks are the ones the resource list links to.
    const linked = (await api.heat.listResources(cluster.stackId ?? '', 0)).flatMap((r) => (r.nestedStackId ? [r.nestedStackId] : []));
    expect(nested.map((s) => s.id).sort()).toEqual([...linked].sort());
  });

  test('carries status_reason in the detailed cluster list (what Cluster API progress reads)', async () => {
    const listed = (await api.magnum.listClusters()).find((c) => c.name === 'create-failed');
    const shown = await api.magnum.getCluster('create-failed');
    expect(listed?.statusReason).toEqual(shown.statusReason);
    expect(listed?.statusReason).toBeTruthy();
  });

  test('logs no token or password', async () => {
    await api.projectId();
    expect(logLines.join('\n')).not.toContain(sim.osEnv.OS_PASSWORD ?? '--');
    expect(logLines.join('\n')).not.toMatch(/x-auth-token|x-subject-token/i);
  });
});
