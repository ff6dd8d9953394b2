import { jest } from '@jest/globals';
/**
 * Fidelity: the real kubectl lists the simulated cluster's pods with the kubeconfig the bot
 * builds through Magnum's certificates API (CA fetched, CSR signed), as issue 3 asks.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSilentLogger } from '../../src/logging/logger.js';
import { buildKubeConfig } from '../../src/kube/kubeconfig.js';
import { MagnumCredentialCache } from '../../src/kube/magnum-credentials.js';
import { createOpenStackApi, type ClosableOpenStackApi } from '../../src/openstack/create-openstack-api.js';
import { startSim, type Sim } from '../../src/sim/index.js';
import { hasCommand, runCli } from './cli.js';

// Each test runs the real python CLI several times (seconds per run, more on a loaded CI machine).
jest.setTimeout(120_000);

const installed = await hasCommand('kubectl');
if (!installed) console.warn('fidelity: kubectl is not installed, skipping (apt-get install kubernetes-client)');
const describeKubectl = installed ? describe : describe.skip;

describeKubectl('kubectl against the simulated cluster, with the kubeconfig the bot builds', () => {
  let sim: Sim;
  let api: ClosableOpenStackApi;
  let dir: string;

  beforeAll(async () => {
    sim = await startSim({ seed: true });
    api = createOpenStackApi({
      credentials: {
        cloud: 'sim',
        authUrl: sim.authUrl,
        applicationCredential: sim.appCredential,
        interface: 'public',
      },
      logger: createSilentLogger(),
      clock: sim.clock,
    });
    dir = await mkdtemp(join(tmpdir(), 'kubectl-fidelity-'));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
    await api?.close();
    await sim?.close();
  });

  async function kubeconfigFor(name: string): Promise<string> {
    const cluster = await api.magnum.getCluster(name);
    const credentials = await new MagnumCredentialCache({ clock: sim.clock, logger: createSilentLogger() }).get(api, cluster);
    const file = join(dir, `${name}.yaml`);
    await writeFile(file, buildKubeConfig(name, 'admin', credentials).exportConfig(), { mode: 0o600 });
    return file;
  }

  it('prints `get pods -A -o wide` with the seed’s columns and the stuck pods of the overlay2 scenario', async () => {
    const file = await kubeconfigFor('docker-volume-overlay2');

    const out = await runCli('kubectl', ['get', 'pods', '-A', '-o', 'wide', '--kubeconfig', file, '--cache-dir', join(dir, 'cache')], {});

    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    const lines = out.stdout.trim().split('\n');
    expect(lines[0]?.split(/\s{2,}/)).toEqual([
      'NAMESPACE',
      'NAME',
      'READY',
      'STATUS',
      'RESTARTS',
      'AGE',
      'IP',
      'NODE',
      'NOMINATED NODE',
      'READINESS GATES',
    ]);
    expect(lines.filter((l) => l.includes('ContainerCreating')).length).toBeGreaterThanOrEqual(3);
    expect(lines.some((l) => /calico-node-\S+\s+\S+\s+Running/.test(l))).toBe(true);
  });

  it('shows the crash loop of the crash-loop scenario', async () => {
    const file = await kubeconfigFor('crash-loop');

    const out = await runCli('kubectl', ['get', 'pods', '-A', '-o', 'wide', '--kubeconfig', file, '--cache-dir', join(dir, 'cache')], {});

    expect(out.code).toBe(0);
    expect(out.stdout).toContain('CrashLoopBackOff');
  });

  it('rolls a StatefulSet and a DaemonSet with `rollout restart` (the patch the bot sends), and refuses a ReplicationController as kubectl does', async () => {
    const file = await kubeconfigFor('lb-blocks-delete');
    const kubectl = (...args: string[]) => runCli('kubectl', [...args, '--kubeconfig', file, '--cache-dir', join(dir, 'cache')], {});
    const names = async (label: string) =>
      (await kubectl('get', 'pods', '-n', 'kube-system', '-l', label, '-o', 'jsonpath={.items[*].metadata.uid}')).stdout;
    const before = [await names('app=csi-cinder-controllerplugin'), await names('app=node-problem-detector')];

    const sts = await kubectl('rollout', 'restart', 'statefulset/csi-cinder-controllerplugin', '-n', 'kube-system');
    const ds = await kubectl('rollout', 'restart', 'daemonset/npd', '-n', 'kube-system');
    const rc = await kubectl('rollout', 'restart', 'rc/nginx', '-n', 'default');

    expect([sts.code, sts.stdout.trim()]).toEqual([0, 'statefulset.apps/csi-cinder-controllerplugin restarted']);
    expect([ds.code, ds.stdout.trim()]).toEqual([0, 'daemonset.apps/npd restarted']);
    const after = [await names('app=csi-cinder-controllerplugin'), await names('app=node-problem-detector')];
    expect(after.map((uids, i) => uids.split(' ').some((u) => (before[i] ?? '').includes(u)))).toEqual([false, false]);
    // What the bot does instead for a ReplicationController: delete its pods (kubectl has no rollout for it).
    expect(rc.code).not.toBe(0);
    expect(rc.stderr).toMatch(/not supported|no rollout|cannot/i);
  });

  it('deletes a Job with `--cascade=orphan` as the API server does: its pod stays (still holding the volume); a second delete is not found', async () => {
    const file = await kubeconfigFor('kolla-bootstrap-volume');
    const kubectl = (...args: string[]) => runCli('kubectl', [...args, '--kubeconfig', file, '--cache-dir', join(dir, 'cache')], {});
    const bootstrapPods = async () =>
      (await kubectl('get', 'pods', '-n', 'kolla', '-o', 'jsonpath={.items[*].metadata.name}')).stdout
        .split(' ')
        .filter((n) => n.startsWith('mariadb-bootstrap-'));
    expect(await bootstrapPods()).toHaveLength(1);

    const orphaned = await kubectl('delete', 'job', 'mariadb-bootstrap', '-n', 'kolla', '--cascade=orphan');

    expect([orphaned.code, orphaned.stdout.trim()]).toEqual([0, 'job.batch "mariadb-bootstrap" deleted']);
    expect(await bootstrapPods()).toHaveLength(1);
    const again = await kubectl('delete', 'job', 'mariadb-bootstrap', '-n', 'kolla');
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain('jobs.batch "mariadb-bootstrap" not found');
  });

  it('reports the new version on the API server and every node once a Magnum upgrade ends, and the old one before', async () => {
    const MINUTE = 60_000;
    const [from, to] = await Promise.all([api.magnum.getTemplate('k8s-1.27-no-volume'), api.magnum.getTemplate('k8s-1.28-no-volume')]);
    await api.magnum.createCluster({ name: 'kubectl-upgrade', clusterTemplateId: from.uuid, nodeCount: 2, keypair: 'demo-key' });
    sim.clock.advance(30 * MINUTE);
    const file = await kubeconfigFor('kubectl-upgrade');
    const kubectl = (...args: string[]) => runCli('kubectl', [...args, '--kubeconfig', file, '--cache-dir', join(dir, 'cache')], {});
    const versions = async () => {
      const nodes = await kubectl('get', 'nodes', '-o', 'jsonpath={.items[*].status.nodeInfo.kubeletVersion}');
      const server = await kubectl('version', '-o', 'json');
      return {
        nodes: nodes.stdout.trim().split(' '),
        server: (JSON.parse(server.stdout) as { serverVersion: { gitVersion: string } }).serverVersion.gitVersion,
      };
    };
    expect(await versions()).toEqual({ nodes: ['v1.27.4', 'v1.27.4', 'v1.27.4'], server: 'v1.27.4' });

    await api.magnum.upgradeCluster('kubectl-upgrade', to.uuid);
    sim.clock.advance(MINUTE);
    expect((await versions()).server).toBe('v1.27.4');
    sim.clock.advance(60 * MINUTE);

    expect((await api.magnum.getCluster('kubectl-upgrade')).coeVersion).toBe('v1.28.15');
    expect(await versions()).toEqual({ nodes: ['v1.28.15', 'v1.28.15', 'v1.28.15'], server: 'v1.28.15' });
  });
});
