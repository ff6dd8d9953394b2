import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NotFoundError, UpstreamError } from '../../../src/core/errors.js';
import type { KubeApi } from '../../../src/core/ports.js';
import { createCertAuthority, type CertAuthority, type SimClock, type SimKubeCluster } from '../../../src/sim/index.js';
import { apiFor, kubeConfigFor, startScenario } from './sim-kube-helpers.js';

describe('KubeApi operations against the simulated API server', () => {
  let ca: CertAuthority;
  let cluster: SimKubeCluster;
  let clock: SimClock;
  let api: KubeApi;

  beforeAll(async () => {
    ca = await createCertAuthority('demo-ca');
    ({ cluster, clock } = await startScenario(ca, 'crash-loop'));
    api = apiFor(await kubeConfigFor(cluster.url, ca), clock);
  });

  afterAll(async () => {
    await cluster.close();
  });

  const podNamed = async (prefix: string) => {
    const { state } = await api.readState({ namespace: 'default' });
    const pod = state.pods.find((p) => p.name.startsWith(prefix));
    if (!pod) throw new Error(`no pod ${prefix}`);
    return pod;
  };

  it("reads the previous container's log, and only its last lines when asked", async () => {
    const pod = await podNamed('orders-api-');
    const full = await api.readPodLog('default', pod.name, { previous: true });
    expect(full).toContain('ECONNREFUSED');
    expect(await api.readPodLog('default', pod.name, { previous: true, tailLines: 1, container: 'orders-api' })).toBe(
      '2024-05-02T09:14:04.152Z FATAL cannot reach the database, exiting with status 1\n',
    );
  });

  it("serves a crash-looping container's last run as its current log, as the kubelet does", async () => {
    const pod = await podNamed('orders-api-');
    expect(await api.readPodLog('default', pod.name)).toContain('FATAL cannot reach the database');
  });

  it("answers a log request for a container that never started with the API server's 400", async () => {
    await api.scale('default', 'Deployment', 'report-worker', 2);
    const fresh = (await api.readState({ namespace: 'default' })).state.pods.find(
      (p) => p.name.startsWith('report-worker-') && p.containers[0]?.lastTerminated === null,
    );
    await expect(api.readPodLog('default', fresh?.name ?? '')).rejects.toMatchObject({ code: 'kube_invalid', status: 400 });
    await api.scale('default', 'Deployment', 'report-worker', 1);
  });

  it('deletes a pod, which its ReplicaSet replaces under a new name', async () => {
    const pod = await podNamed('report-worker-');
    await api.deletePod('default', pod.name);
    const replacement = await podNamed('report-worker-');
    expect(replacement.name).not.toBe(pod.name);
    expect(replacement.owner).toEqual(pod.owner);
  });

  it('throws NotFoundError when deleting a pod that does not exist', async () => {
    await expect(api.deletePod('default', 'no-such-pod')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('scales a Deployment through its scale subresource', async () => {
    await api.scale('default', 'Deployment', 'orders-api', 3);
    const { state } = await api.readState({ namespace: 'default' });
    expect(state.workloads.find((w) => w.kind === 'Deployment' && w.name === 'orders-api')?.desired).toBe(3);
    expect(state.pods.filter((p) => p.name.startsWith('orders-api-'))).toHaveLength(3);
    await api.scale('default', 'Deployment', 'orders-api', 1);
    expect((await api.readState({ namespace: 'default' })).state.pods.filter((p) => p.name.startsWith('orders-api-'))).toHaveLength(1);
  });

  it('scales a StatefulSet down and up, keeping ordinal names', async () => {
    const sys = async () =>
      (await api.readState({ namespace: 'kube-system' })).state.pods
        .filter((p) => p.name.startsWith('csi-cinder-controllerplugin-'))
        .map((p) => p.name);
    await api.scale('kube-system', 'StatefulSet', 'csi-cinder-controllerplugin', 2);
    expect(await sys()).toEqual(['csi-cinder-controllerplugin-0', 'csi-cinder-controllerplugin-1']);
    await api.scale('kube-system', 'StatefulSet', 'csi-cinder-controllerplugin', 1);
    expect(await sys()).toEqual(['csi-cinder-controllerplugin-0']);
  });

  it('rejects scaling a workload that does not exist', async () => {
    await expect(api.scale('default', 'Deployment', 'nope', 2)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('restarts a Deployment: every pod is replaced', async () => {
    const { state } = await api.readState({ namespace: 'kube-system' });
    const old = state.pods.filter((p) => p.name.startsWith('coredns-')).map((p) => p.name);
    await api.restartWorkload('kube-system', 'Deployment', 'coredns', '2026-12-05T17:00:00Z');
    const after = (await api.readState({ namespace: 'kube-system' })).state.pods
      .filter((p) => p.name.startsWith('coredns-'))
      .map((p) => p.name);
    expect(after).toHaveLength(old.length);
    expect(after.some((n) => old.includes(n))).toBe(false);
    // The same restartedAt again (a retried restart) changes nothing: no second roll.
    await api.restartWorkload('kube-system', 'Deployment', 'coredns', '2026-12-05T17:00:00Z');
    const again = (await api.readState({ namespace: 'kube-system' })).state.pods
      .filter((p) => p.name.startsWith('coredns-'))
      .map((p) => p.name);
    expect(again.sort()).toEqual([...after].sort());
  });

  it('restarts a StatefulSet (pods replaced under their names) and a DaemonSet (one new pod per node)', async () => {
    const read = async () => (await api.readState({ namespace: 'kube-system' })).state.pods;
    const before = await read();
    const sts = before.filter((p) => p.owner?.name === 'csi-cinder-controllerplugin');
    const ds = before.filter((p) => p.owner?.name === 'npd');
    await api.restartWorkload('kube-system', 'StatefulSet', 'csi-cinder-controllerplugin', '2026-12-05T17:00:00Z');
    await api.restartWorkload('kube-system', 'DaemonSet', 'npd', '2026-12-05T17:00:00Z');
    const after = await read();
    const sts2 = after.filter((p) => p.owner?.name === 'csi-cinder-controllerplugin');
    const ds2 = after.filter((p) => p.owner?.name === 'npd');
    expect(sts2.map((p) => p.name).sort()).toEqual(sts.map((p) => p.name).sort());
    expect(sts2.some((p) => sts.some((o) => o.uid === p.uid))).toBe(false);
    expect(ds2.map((p) => p.nodeName).sort()).toEqual(ds.map((p) => p.nodeName).sort());
    expect(ds2.some((p) => ds.some((o) => o.name === p.name))).toBe(false);
  });

  it('sees nodes added and removed by a resize, with their DaemonSet pods', async () => {
    cluster.setNodeCount(1, 3);
    const grown = (await api.readState()).state;
    expect(grown.nodes.map((n) => n.name.replace(/^demo-[a-z0-9]{12}-/, ''))).toEqual(['master-0', 'node-0', 'node-1', 'node-2']);
    expect(grown.pods.filter((p) => p.name.startsWith('calico-node-'))).toHaveLength(4);
    cluster.setNodeCount(1, 2);
    expect((await api.readState()).state.nodes).toHaveLength(3);
  });

  it('sees a LoadBalancer Service added after creation', async () => {
    cluster.addLoadBalancerService('shop', 'storefront');
    const { state } = await api.readState({ namespace: 'shop' });
    expect(state.services).toEqual([expect.objectContaining({ name: 'storefront', type: 'LoadBalancer' })]);
  });

  it('turns a certificate from another CA into a collection problem, not an exception', async () => {
    const stranger = await createCertAuthority('someone-else');
    const { state, problems } = await apiFor(await kubeConfigFor(cluster.url, ca, stranger), clock).readState();
    expect(problems).toEqual([{ source: 'kube', code: 'error', what: 'api', message: expect.stringContaining('401') }]);
    expect(state.pods).toEqual([]);
  });

  it('reports forbidden lists for a user outside system:masters', async () => {
    const { problems } = await apiFor(await kubeConfigFor(cluster.url, ca, ca, 'viewer', 'viewers'), clock).readState();
    expect(problems.map((p) => p.code)).toEqual(Array(15).fill('forbidden'));
    await expect(
      apiFor(await kubeConfigFor(cluster.url, ca, ca, 'viewer', 'viewers'), clock).deletePod('default', 'x'),
    ).rejects.toBeInstanceOf(UpstreamError);
  });

  it('reports an unreachable API', async () => {
    const closed = await startScenario(ca, 'healthy');
    await closed.cluster.close();
    const { problems } = await apiFor(await kubeConfigFor(closed.cluster.url, ca), clock).readState();
    expect(problems).toEqual([{ source: 'kube', code: 'unreachable', what: 'api', message: 'The Kubernetes API cannot be reached.' }]);
  });

  it('keeps what it read and reports truncated when a list passes the byte cap', async () => {
    const { state, problems } = await apiFor(await kubeConfigFor(cluster.url, ca), clock, { maxListBytes: 20_000 }).readState();
    expect(problems.filter((p) => p.code === 'truncated').map((p) => p.what)).toContain('pods');
    expect(state.pods.length).toBeGreaterThan(0);
    expect(state.nodes).toHaveLength(3);
  });
});

describe('kubeconfig files', () => {
  it('are found in KUBECONFIG_DIR by base name and read through the connector', async () => {
    const { createKubeConnector } = await import('../../../src/kube/kube-connector.js');
    const { createSilentLogger } = await import('../../../src/logging/logger.js');
    const ca = await createCertAuthority('file-ca');
    const { cluster, clock } = await startScenario(ca, 'healthy', 1);
    const dir = await mkdtemp(join(tmpdir(), 'kubeconfig-dir-'));
    try {
      const kc = await kubeConfigFor(cluster.url, ca);
      await writeFile(join(dir, 'kolla-lab.yaml'), kc.exportConfig());
      await writeFile(join(dir, 'notes.txt'), 'not a kubeconfig');
      const connector = createKubeConnector({ kubeconfigDir: dir, clock, logger: createSilentLogger() });
      expect(await connector.listKubeconfigClusters()).toEqual(['kolla-lab']);
      expect(await connector.forKubeconfigCluster('missing')).toBeNull();
      const api = await connector.forKubeconfigCluster('kolla-lab');
      expect((await api?.readState())?.state.nodes).toHaveLength(2);
    } finally {
      await rm(dir, { recursive: true, force: true });
      await cluster.close();
    }
  });

  it('refuses a kubeconfig that turns TLS verification off', async () => {
    const { loadKubeConfigFile } = await import('../../../src/kube/kubeconfig.js');
    const dir = await mkdtemp(join(tmpdir(), 'kubeconfig-insecure-'));
    try {
      const file = join(dir, 'lab.yaml');
      await writeFile(
        file,
        'apiVersion: v1\nkind: Config\nclusters:\n- name: lab\n  cluster:\n    server: https://127.0.0.1:6443\n    insecure-skip-tls-verify: true\nusers:\n- name: u\n  user:\n    token: t\ncontexts:\n- name: c\n  context:\n    cluster: lab\n    user: u\ncurrent-context: c\n',
      );
      expect(() => loadKubeConfigFile(file)).toThrow(expect.objectContaining({ code: 'kubeconfig_insecure' }));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('KubeApi deletes of a finished Job and of a ReplicationController’s pods', () => {
  let ca: CertAuthority;

  beforeAll(async () => {
    ca = await createCertAuthority('demo-ca');
  });

  it('deletes the Kolla bootstrap Job with its pod (background propagation), so nothing holds the volume', async () => {
    const { cluster, clock } = await startScenario(ca, 'kolla-bootstrap-volume');
    try {
      const api = apiFor(await kubeConfigFor(cluster.url, ca), clock);
      const before = (await api.readState({ namespace: 'kolla' })).state;
      expect(before.jobs.map((j) => j.name)).toContain('mariadb-bootstrap');
      expect(before.pods.some((p) => p.owner?.kind === 'Job')).toBe(true);

      await api.deleteJob('kolla', 'mariadb-bootstrap');

      const after = (await api.readState({ namespace: 'kolla' })).state;
      expect(after.jobs.map((j) => j.name)).not.toContain('mariadb-bootstrap');
      expect(after.pods.filter((p) => p.name.startsWith('mariadb-bootstrap-'))).toEqual([]);
      await expect(api.deleteJob('kolla', 'mariadb-bootstrap')).rejects.toBeInstanceOf(NotFoundError);
    } finally {
      await cluster.close();
    }
  });

  it('serves the Murano app’s ReplicationController; a deleted pod of it is replaced under a new name', async () => {
    const { cluster, clock } = await startScenario(ca, 'lb-blocks-delete');
    try {
      const api = apiFor(await kubeConfigFor(cluster.url, ca), clock);
      const rcPods = async () =>
        (await api.readState({ namespace: 'default' })).state.pods.filter((p) => p.owner?.kind === 'ReplicationController');
      const before = await rcPods();
      expect(before).toHaveLength(2);
      await api.deletePod('default', before[0]?.name ?? '');
      const after = await rcPods();
      expect(after).toHaveLength(2);
      expect(after.map((p) => p.name)).not.toContain(before[0]?.name);
    } finally {
      await cluster.close();
    }
  });
});
