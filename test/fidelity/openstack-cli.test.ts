import { jest } from '@jest/globals';
/**
 * Fidelity: the real `openstack` CLI (python3-openstackclient + magnum/heat/octavia plugins, and its Nova commands)
 * against the simulated cloud, and the bot's `cluster show` dump against the CLI's output.
 */
import { createSilentLogger } from '../../src/logging/logger.js';
import { createOpenStackApi, type ClosableOpenStackApi } from '../../src/openstack/create-openstack-api.js';
import { renderClusterList } from '../../src/render/cluster-list-table.js';
import { renderClusterShow } from '../../src/render/cluster-show-table.js';
import { redactClusterShowDump } from '../../src/security/redact-cluster.js';
import { startSim, type Sim } from '../../src/sim/index.js';
import { hasCommand, runCli } from './cli.js';

// Each test runs the real python CLI several times (seconds per run, more on a loaded CI machine).
jest.setTimeout(120_000);

const installed = await hasCommand('openstack');
if (!installed) {
  // CI installs the CLI (.ci/run); a developer machine without it skips loudly, not silently.
  console.warn('fidelity: the openstack CLI is not installed, skipping (apt-get install python3-openstackclient python3-magnumclient)');
}
const describeCli = installed ? describe : describe.skip;

describeCli('openstack CLI against the simulated cloud', () => {
  let sim: Sim;
  let api: ClosableOpenStackApi;
  const openstack = (...args: string[]) => runCli('openstack', args, sim.osEnv);

  beforeAll(async () => {
    sim = await startSim({ seed: true });
    api = createOpenStackApi({
      credentials: {
        cloud: 'sim',
        authUrl: sim.authUrl,
        password: {
          username: sim.osEnv['OS_USERNAME'] ?? '',
          password: sim.osEnv['OS_PASSWORD'] ?? '',
          projectName: sim.osEnv['OS_PROJECT_NAME'] ?? '',
          userDomainName: 'Default',
          projectDomainName: 'Default',
        },
        regionName: sim.osEnv['OS_REGION_NAME'],
        interface: 'public',
      },
      logger: createSilentLogger(),
      clock: sim.clock,
    });
  });

  afterAll(async () => {
    await api?.close();
    await sim?.close();
  });

  it('lists the clusters exactly as the bot renders the list', async () => {
    const cli = await openstack('coe', 'cluster', 'list');
    const raw = await rawClusterList(sim);

    expect(cli.code).toBe(0);
    expect(cli.stdout).toContain('| healthy ');
    expect(cli.stdout).toBe(renderClusterList(raw));
  });

  it.each(['healthy', 'create-failed', 'lb-blocks-delete', 'slow-create'])(
    'prints `coe cluster show %s` byte-identical to the bot’s dump',
    async (name) => {
      const cli = await openstack('coe', 'cluster', 'show', name);
      const cluster = await api.magnum.getCluster(name);

      expect(cli.code).toBe(0);
      expect(renderClusterShow(cluster.raw)).toBe(cli.stdout);
    },
  );

  it.each(['capi-machines-fail', 'capi-quota', 'capi-control-plane-init', 'capi-lb-blocks-delete'])(
    'prints the Cluster API cluster `coe cluster show %s` byte-identical to the bot’s dump',
    async (name) => {
      const cli = await openstack('coe', 'cluster', 'show', name);
      const cluster = await api.magnum.getCluster(name);

      expect(cli.code).toBe(0);
      expect(renderClusterShow(cluster.raw)).toBe(cli.stdout);
      // Not a Heat stack: the driver's own name for the Cluster API cluster.
      expect(cluster.stackId).toMatch(/^kube-[a-z0-9]{5}$|^[a-z0-9-]+-[a-z0-9]{12}$/);
    },
  );

  it('reads a Cluster API cluster’s status_reason and health_status_reason as the CLI prints them', async () => {
    const stalled = await openstack('coe', 'cluster', 'show', 'capi-quota', '-f', 'value', '-c', 'status', '-c', 'status_reason');
    const healthy = await openstack('coe', 'cluster', 'show', 'capi-lb-blocks-delete', '-f', 'json');

    expect(stalled.stdout).toContain('CREATE_IN_PROGRESS');
    expect(stalled.stdout).toContain('CAPI Cluster status: TopologyCreate: Created "OpenStackCluster/');
    expect(stalled.stdout).toContain('FailedCreateNetwork: Failed to create network k8s-clusterapi-cluster-magnum-system-kube-');
    const shown = JSON.parse(healthy.stdout) as Record<string, unknown>;
    expect(shown['health_status_reason']).toEqual({ cluster: 'Ready', infrastructure: 'Ready', controlplane: 'Ready', nodegroup: 'Ready' });
  });

  it('upgrades a Cluster API cluster with `coe cluster upgrade`, which the bot reads as it rolls, and the CLI refuses what Magnum refuses', async () => {
    const upgraded = await openstack('coe', 'cluster', 'upgrade', 'capi-upgrade-no-room', 'k8s-1.31-capi-helm');
    const again = await openstack('coe', 'cluster', 'upgrade', 'capi-upgrade-no-room', 'k8s-1.31-capi-helm');
    const shown = await openstack('coe', 'cluster', 'show', 'capi-upgrade-no-room', '-f', 'json');

    expect(upgraded.code).toBe(0);
    expect(upgraded.stdout).toMatch(/Request to upgrade cluster capi-upgrade-no-room has been accepted/);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain('Upgrading a cluster when status is "UPDATE_IN_PROGRESS" is not supported (HTTP 400)');
    const cli = JSON.parse(shown.stdout) as Record<string, unknown>;
    const bot = await api.magnum.getCluster('capi-upgrade-no-room');
    const target = await api.magnum.getTemplate('k8s-1.31-capi-helm');
    expect([cli['status'], cli['cluster_template_id'], cli['coe_version']]).toEqual(['UPDATE_IN_PROGRESS', target.uuid, 'v1.30.4']);
    expect([bot.status, bot.clusterTemplateId, bot.coeVersion]).toEqual(['UPDATE_IN_PROGRESS', target.uuid, 'v1.30.4']);
  });

  it('creates a cluster from each Cluster API template through the CLI and lists the machines with `server list`', async () => {
    for (const [template, name] of [
      ['k8s-1.30-capi-helm', 'cli-capi-helm'],
      ['k8s-1.30-cluster-api', 'cli-cluster-api'],
    ] as const) {
      const created = await openstack(
        'coe',
        'cluster',
        'create',
        '--cluster-template',
        template,
        '--node-count',
        '2',
        '--keypair',
        'demo-key',
        name,
      );
      expect(created.code).toBe(0);
    }
    sim.clock.advance(10 * 60_000);
    const list = await openstack('coe', 'cluster', 'list', '-f', 'value', '-c', 'name', '-c', 'status');
    const helm = await api.magnum.getCluster('cli-capi-helm');
    const vexx = await api.magnum.getCluster('cli-cluster-api');
    const servers = await openstack(
      'server',
      'list',
      '-n',
      '--name',
      `^${vexx.stackId ?? '?'}-`,
      '-f',
      'value',
      '-c',
      'Name',
      '-c',
      'Status',
    );

    expect(list.stdout).toContain('cli-capi-helm CREATE_COMPLETE');
    expect(list.stdout).toContain('cli-cluster-api CREATE_COMPLETE');
    expect(helm.stackId).toMatch(/^cli-capi-helm-[a-z0-9]{12}$/);
    expect(vexx.stackId).toMatch(/^kube-[a-z0-9]{5}$/);
    expect(servers.code).toBe(0);
    const lines = servers.stdout.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines.every((l) => l.endsWith(' ACTIVE'))).toBe(true);
    expect(lines.filter((l) => l.includes('-control-plane-'))).toHaveLength(1);
    expect(lines.filter((l) => l.includes('-default-worker-'))).toHaveLength(2);
    expect(renderClusterShow(vexx.raw)).toBe((await openstack('coe', 'cluster', 'show', 'cli-cluster-api')).stdout);
  });

  it('shows the failed machines’ Nova fault and the stuck control plane’s console with the CLI', async () => {
    const failed = await api.magnum.getCluster('capi-machines-fail');
    const stuck = await api.magnum.getCluster('capi-control-plane-init');
    const errors = await openstack(
      'server',
      'list',
      '-n',
      '--name',
      `^${failed.stackId ?? '?'}-`,
      '--status',
      'ERROR',
      '-f',
      'value',
      '-c',
      'ID',
    );
    const first = errors.stdout.trim().split('\n')[0] ?? '';
    const shown = await openstack('server', 'show', first, '-f', 'json');
    const control = await openstack('server', 'list', '-n', '--name', `^${stuck.stackId ?? '?'}-control-plane-`, '-f', 'value', '-c', 'ID');
    const console = await openstack('console', 'log', 'show', '--lines', '5', control.stdout.trim());

    expect(errors.stdout.trim().split('\n')).toHaveLength(2);
    expect((JSON.parse(shown.stdout) as { fault: { message: string } }).fault.message).toBe(
      'No valid host was found. There are not enough hosts available.',
    );
    expect(console.code).toBe(0);
    expect(console.stdout).toContain("error execution phase wait-control-plane: couldn't initialize a Kubernetes cluster");
  });

  it('posts a dump that differs from the CLI only in redacted rows', async () => {
    const cli = await openstack('coe', 'cluster', 'show', 'healthy');
    const posted = redactClusterShowDump(renderClusterShow((await api.magnum.getCluster('healthy')).raw));

    const differing = posted.split('\n').filter((line, i) => line !== cli.stdout.split('\n')[i]);
    expect(differing.length).toBeGreaterThan(0);
    expect(differing.every((line) => line.includes('[redacted]'))).toBe(true);
  });

  it('answers an unknown cluster the way Magnum does', async () => {
    const cli = await openstack('coe', 'cluster', 'show', 'nope');

    expect(cli.code).toBe(1);
    expect(cli.stderr).toMatch(/Cluster nope could not be found \(HTTP 404\) \(Request-ID: req-[0-9a-f-]+\)/);
  });

  it('lists the cluster templates', async () => {
    const cli = await openstack('coe', 'cluster', 'template', 'list', '-f', 'value', '-c', 'name');

    expect(cli.code).toBe(0);
    expect(cli.stdout.split('\n')).toEqual(
      expect.arrayContaining(['k8s-1.27-overlay2', 'k8s-1.27-no-volume', 'k8s-1.30-capi-helm', 'k8s-1.30-cluster-api']),
    );
  });

  it('lists the flavors the bot checks a create against', async () => {
    const cli = await openstack('flavor', 'list', '-f', 'value', '-c', 'Name');
    const names = ((await api.nova?.listFlavors()) ?? []).map((f) => f.name);

    expect(cli.code).toBe(0);
    expect(cli.stdout.trim().split('\n').sort()).toEqual(names.sort());
    expect(names).toContain('c1.c2r4');
  });

  it('shows the clusters’ keypair and refuses a missing one', async () => {
    const shown = await openstack('keypair', 'show', 'demo-key', '-f', 'value', '-c', 'name');
    const missing = await openstack('keypair', 'show', 'nope');

    expect([shown.code, shown.stdout.trim()]).toEqual([0, 'demo-key']);
    expect([missing.code, missing.stderr.trim()]).toEqual([1, 'No Keypair found for nope']);
  });

  it.each([
    ['create-failed', 'master-0', /heat-container-agent\.service: Failed with result 'exit-code'/],
    ['slow-create', 'master-0', /discovery: cluster status check: error connecting to https:\/\/discovery\.etcd\.io\//],
    ['node-not-ready', 'node-2', /no space left on device/],
  ])('prints the console log of a %s server with `console log show` as the bot reads it', async (cluster, suffix, signature) => {
    const servers = (await api.nova?.listServers(`^${cluster}-`)) ?? [];
    const server = servers.find((s) => s.name.endsWith(`-${suffix}`));
    if (!server) throw new Error(`no server *-${suffix} in ${servers.map((s) => s.name).join(', ')}`);

    const cli = await openstack('console', 'log', 'show', '--lines', '5', server.name);
    const byId = await openstack('console', 'log', 'show', server.id);
    const bot = (await api.nova?.consoleOutput(server.id, 5)) ?? '';

    expect(cli.code).toBe(0);
    expect(cli.stdout).toBe(bot);
    expect(cli.stdout.trimEnd().split('\n')).toHaveLength(5);
    expect(byId.stdout).toMatch(signature);
    expect(byId.stdout.startsWith('[    0.000000] Linux version')).toBe(true);
  });

  it('shows the project quotas with `quota show` as the bot reads them (Nova and Neutron)', async () => {
    const cli = await openstack('quota', 'show', '-f', 'json');
    const shown = JSON.parse(cli.stdout) as Record<string, unknown>;
    const project = await api.projectId();
    const nova = (await api.quotas?.compute(project)) ?? {};
    const neutron = (await api.quotas?.network(project)) ?? {};

    expect(cli.code).toBe(0);
    expect(shown['project']).toBe(project);
    const pairs: [string, number | undefined][] = [
      ['cores', nova['cores']?.limit],
      ['instances', nova['instances']?.limit],
      ['ram', nova['ram']?.limit],
      ['networks', neutron['network']?.limit],
      ['subnets', neutron['subnet']?.limit],
      ['ports', neutron['port']?.limit],
      ['routers', neutron['router']?.limit],
      ['floating-ips', neutron['floatingip']?.limit],
      ['secgroups', neutron['security_group']?.limit],
    ];
    expect(pairs.map(([k]) => [k, shown[k]])).toEqual(pairs);
    expect(nova['cores']?.limit).toBe(400);
  });

  it('shows the absolute limits and usage with `limits show --absolute` as the bot reads them', async () => {
    const cli = await openstack('limits', 'show', '--absolute', '-f', 'json');
    const rows = new Map((JSON.parse(cli.stdout) as { Name: string; Value: number }[]).map((r) => [r.Name, r.Value]));
    const nova = (await api.quotas?.compute(await api.projectId())) ?? {};

    expect(cli.code).toBe(0);
    expect([rows.get('maxTotalCores'), rows.get('totalCoresUsed')]).toEqual([nova['cores']?.limit, nova['cores']?.inUse]);
    expect([rows.get('maxTotalInstances'), rows.get('totalInstancesUsed')]).toEqual([nova['instances']?.limit, nova['instances']?.inUse]);
    expect([rows.get('maxTotalRAMSize'), rows.get('totalRAMUsed')]).toEqual([nova['ram']?.limit, nova['ram']?.inUse]);
    expect(nova['instances']?.inUse).toBeGreaterThan(10);
  });

  it('shows the volume quotas with `quota show` as the bot reads them from Cinder, with the docker volumes in use', async () => {
    const cli = await openstack('quota', 'show', '-f', 'json');
    const shown = JSON.parse(cli.stdout) as Record<string, unknown>;
    const cinder = (await api.quotas?.volume?.(await api.projectId())) ?? {};

    expect([cli.code, cli.stderr]).toEqual([0, '']);
    expect([shown['volumes'], shown['gigabytes'], shown['snapshots']]).toEqual([
      cinder['volumes']?.limit,
      cinder['gigabytes']?.limit,
      cinder['snapshots']?.limit,
    ]);
    expect(cinder['volumes']?.limit).toBe(10);
    // The seeded overlay2 cluster's docker volumes (20 GB on each server) are what Cinder counts.
    expect(cinder['gigabytes']?.inUse).toBe((cinder['volumes']?.inUse ?? 0) * 20);
    expect(cinder['volumes']?.inUse).toBeGreaterThan(0);
  });

  it('shows the Cinder absolute limits and usage with `limits show --absolute` as the bot reads them', async () => {
    const cli = await openstack('limits', 'show', '--absolute', '-f', 'json');
    const rows = new Map((JSON.parse(cli.stdout) as { Name: string; Value: number }[]).map((r) => [r.Name, r.Value]));
    const cinder = (await api.quotas?.volume?.(await api.projectId())) ?? {};

    expect(cli.code).toBe(0);
    expect([rows.get('maxTotalVolumes'), rows.get('totalVolumesUsed')]).toEqual([cinder['volumes']?.limit, cinder['volumes']?.inUse]);
    expect([rows.get('maxTotalVolumeGigabytes'), rows.get('totalGigabytesUsed')]).toEqual([
      cinder['gigabytes']?.limit,
      cinder['gigabytes']?.inUse,
    ]);
  });

  it('shows the load balancer quota with `loadbalancer quota show` as the bot reads it from Octavia', async () => {
    const project = sim.state.projects[0];
    if (project) project.quotas = { ...project.quotas, load_balancer: 25 };
    const projectId = await api.projectId();
    const cli = await openstack('loadbalancer', 'quota', 'show', projectId, '-f', 'json');
    const shown = JSON.parse(cli.stdout) as Record<string, unknown>;
    const octavia = (await api.quotas?.loadBalancer?.(projectId)) ?? {};
    const listed = JSON.parse((await openstack('loadbalancer', 'list', '-f', 'json')).stdout) as unknown[];

    expect(cli.code).toBe(0);
    expect([shown['load_balancer'], shown['listener']]).toEqual([25, -1]);
    expect(octavia['load_balancer']).toEqual({ limit: 25, inUse: listed.length });
  });

  it('refuses the console log of a server that does not exist, as Nova does', async () => {
    const cli = await openstack('console', 'log', 'show', 'no-such-server');

    expect([cli.code, cli.stderr.trim()]).toEqual([1, 'No Server found for no-such-server']);
  });

  it('shows the failed software deployment with `stack failures list`', async () => {
    const cluster = await api.magnum.getCluster('create-failed');
    const cli = await openstack('stack', 'failures', 'list', cluster.stackId ?? '');

    expect(cli.code).toBe(0);
    expect(cli.stdout).toContain('master_config_deployment');
    expect(cli.stdout).toMatch(/deploy_status_code|non-zero status code/);
  });

  it('lists the load balancer that blocks the delete by its subnet', async () => {
    const cluster = await api.magnum.getCluster('lb-blocks-delete');
    const subnet = cluster.fixedSubnet ?? (await subnetOf(api, cluster.stackId ?? ''));
    const cli = await openstack('loadbalancer', 'list', '--vip-subnet-id', subnet, '-f', 'value', '-c', 'name');

    expect(cli.code).toBe(0);
    expect(cli.stdout).toMatch(/^kube_service_/m);
  });

  it('creates and deletes a cluster through the CLI, which the bot then sees', async () => {
    const created = await openstack(
      'coe',
      'cluster',
      'create',
      '--cluster-template',
      'k8s-1.27-no-volume',
      '--node-count',
      '1',
      '--keypair',
      'demo-key',
      'cli-made',
    );
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/Request to create cluster [0-9a-f-]{36} accepted/);
    expect((await api.magnum.getCluster('cli-made')).status).toBe('CREATE_IN_PROGRESS');

    const deleted = await openstack('coe', 'cluster', 'delete', 'cli-made');
    expect(deleted.code).toBe(0);
    expect(deleted.stdout).toContain('Request to delete cluster cli-made has been accepted.');
  });
});

/** The list body exactly as Magnum sends it, for the CLI-identical list table. */
async function rawClusterList(sim: Sim): Promise<Record<string, unknown>[]> {
  const token = await fetch(`${sim.authUrl}/auth/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      auth: {
        identity: {
          methods: ['password'],
          password: { user: { name: sim.osEnv['OS_USERNAME'], domain: { name: 'Default' }, password: sim.osEnv['OS_PASSWORD'] } },
        },
        scope: { project: { name: sim.osEnv['OS_PROJECT_NAME'], domain: { name: 'Default' } } },
      },
    }),
  });
  const subject = token.headers.get('x-subject-token');
  if (!subject) throw new Error('the sim gave no token');
  const list = await fetch(`${sim.url}/container-infra/v1/clusters`, {
    headers: { 'x-auth-token': subject, 'openstack-api-version': 'container-infra latest' },
  });
  return ((await list.json()) as { clusters: Record<string, unknown>[] }).clusters;
}

async function subnetOf(api: ClosableOpenStackApi, stackId: string): Promise<string> {
  const resources = await api.heat.listResources(stackId, 2);
  const subnet = resources.find((r) => r.name === 'private_subnet');
  if (!subnet?.physicalId) throw new Error('no private_subnet in the stack');
  return subnet.physicalId;
}
