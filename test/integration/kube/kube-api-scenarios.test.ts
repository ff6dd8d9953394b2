import type { KubeState } from '../../../src/core/kube-state.js';
import { createCertAuthority, type CertAuthority, type ScenarioName, type SimKubeCluster } from '../../../src/sim/index.js';
import { apiFor, CREATED_AT, kubeConfigFor, MIN, startScenario } from './sim-kube-helpers.js';

const SCENARIOS: ScenarioName[] = [
  'healthy',
  'docker-volume-overlay2',
  'crash-loop',
  'image-pull',
  'node-not-ready',
  'service-no-endpoints',
  'kolla-bootstrap-volume',
  'rbd-volume-locked',
  'control-plane-not-ready',
  'old-kernel',
];

describe('reading simulated clusters through the KubeApi', () => {
  let ca: CertAuthority;
  const clusters: SimKubeCluster[] = [];
  const states = new Map<ScenarioName, KubeState>();

  beforeAll(async () => {
    ca = await createCertAuthority('demo-ca');
    for (const scenario of SCENARIOS) {
      const { cluster, clock } = await startScenario(ca, scenario);
      clusters.push(cluster);
      const { state, problems } = await apiFor(await kubeConfigFor(cluster.url, ca), clock).readState();
      expect(problems).toEqual([]);
      states.set(scenario, state);
    }
  });

  afterAll(async () => {
    await Promise.all(clusters.map((c) => c.close()));
  });

  const state = (s: ScenarioName): KubeState => {
    const found = states.get(s);
    if (!found) throw new Error(`no state for ${s}`);
    return found;
  };
  const statuses = (s: ScenarioName) => state(s).pods.map((p) => p.status);

  it('reads a healthy cluster whole, across pages of 5: every pod Running, every node Ready', () => {
    const healthy = state('healthy');
    expect(healthy.serverVersion).toBe('v1.27.4');
    expect(healthy.pods.length).toBeGreaterThan(5);
    expect(new Set(statuses('healthy'))).toEqual(new Set(['Running']));
    expect(healthy.nodes.map((n) => [n.roles, n.conditions.find((c) => c.type === 'Ready')?.status])).toEqual([
      [['control-plane', 'master'], 'True'],
      [['worker'], 'True'],
      [['worker'], 'True'],
    ]);
    expect(healthy.nodes[0]?.name).toMatch(/^demo-[a-z0-9]{12}-master-0$/);
    expect(healthy.namespaces).toEqual(['default', 'kube-node-lease', 'kube-public', 'kube-system']);
    expect(healthy.workloads.find((w) => w.name === 'coredns')).toMatchObject({ kind: 'Deployment', desired: 1, ready: 1 });
  });

  it('shows docker-volume-overlay2 pods stuck ContainerCreating for 30 min with sandbox failures', () => {
    const stuck = state('docker-volume-overlay2').pods.filter((p) => p.status === 'ContainerCreating');
    expect(stuck.map((p) => p.name.replace(/-[a-z0-9]+(-[a-z0-9]{5})?$/, ''))).toEqual(
      expect.arrayContaining(['coredns', 'kubernetes-dashboard', 'kube-dns-autoscaler']),
    );
    expect(stuck.every((p) => (p.createdAt ?? 0) <= CREATED_AT + 11 * MIN && p.podIP === null)).toBe(true);
    expect(
      state('docker-volume-overlay2')
        .pods.filter((p) => p.name.startsWith('calico-node-'))
        .map((p) => p.status),
    ).toEqual(['Running', 'Running', 'Running']);
    const sandbox = state('docker-volume-overlay2').events.filter((e) => e.reason === 'FailedCreatePodSandBox');
    expect(sandbox.length).toBe(stuck.length);
    expect(sandbox[0]).toMatchObject({ type: 'Warning', involvedKind: 'Pod', source: 'kubelet' });
    expect(sandbox[0]?.count).toBeGreaterThan(25);
  });

  it('reports crash loops with the last termination, including an OOMKill', () => {
    const byStatus = state('crash-loop').pods.filter((p) => p.status === 'CrashLoopBackOff');
    expect(byStatus.map((p) => p.containers[0]?.lastTerminated)).toEqual([
      { reason: 'Error', exitCode: 1, finishedAt: expect.any(Number) },
      { reason: 'OOMKilled', exitCode: 137, finishedAt: expect.any(Number) },
    ]);
    expect(byStatus.map((p) => p.containers[0]?.restartCount)).toEqual([5, 3]);
  });

  it('reports image pull failures in both of their STATUS forms', () => {
    expect(statuses('image-pull')).toEqual(expect.arrayContaining(['ErrImagePull', 'ImagePullBackOff']));
    expect(state('image-pull').events.some((e) => e.reason === 'Failed' && e.message.includes('not found'))).toBe(true);
  });

  it('shows a NotReady node (NodeStatusUnknown) with its pods Terminating', () => {
    const notReady = state('node-not-ready').nodes.filter((n) => n.conditions.some((c) => c.type === 'Ready' && c.status !== 'True'));
    expect(notReady.map((n) => [n.name.replace(/^demo-[a-z0-9]{12}-/, ''), n.conditions.find((c) => c.type === 'Ready')?.reason])).toEqual([
      ['node-1', 'NodeStatusUnknown'],
    ]);
    const terminating = state('node-not-ready').pods.filter((p) => p.status === 'Terminating');
    expect(terminating.length).toBeGreaterThan(0);
    expect(terminating.every((p) => p.nodeName === notReady[0]?.name && p.deletionTimestamp !== null)).toBe(true);
  });

  it('shows the mariadb Service with no ready endpoints', () => {
    expect(state('service-no-endpoints').services.find((s) => s.name === 'mariadb')).toMatchObject({
      namespace: 'kolla',
      selector: { service: 'mariadb' },
    });
    expect(state('service-no-endpoints').endpoints.find((e) => e.name === 'mariadb')).toEqual({
      namespace: 'kolla',
      name: 'mariadb',
      readyAddresses: 0,
      notReadyAddresses: 1,
    });
  });

  it('shows the Kolla bootstrap job pod holding the mariadb claim while mariadb cannot attach it', () => {
    const kolla = state('kolla-bootstrap-volume');
    expect(kolla.jobs.map((j) => [j.name, j.succeeded, j.conditions.map((c) => c.type)])).toEqual([['mariadb-bootstrap', 1, ['Complete']]]);
    const holders = kolla.pods.filter((p) => p.volumes.some((v) => v.pvcClaimName === 'mariadb'));
    expect(holders.map((p) => [p.name.replace(/-[a-z0-9]{5}$/, ''), p.status])).toEqual([
      ['mariadb-0', 'ContainerCreating'],
      ['mariadb-bootstrap', 'Completed'],
    ]);
    expect(kolla.pvcs).toEqual([expect.objectContaining({ namespace: 'kolla', name: 'mariadb', phase: 'Bound', volumeName: 'mariadb' })]);
    expect(kolla.events.filter((e) => e.involvedName === 'mariadb-0').map((e) => e.reason)).toEqual(
      expect.arrayContaining(['FailedAttachVolume', 'FailedMount']),
    );
    expect(kolla.configMaps.find((c) => c.name === 'mariadb')?.keys).toEqual(['config.json', 'galera.cnf']);
  });

  it('shows an rbd volume still locked after the pod moved off a lost node', () => {
    const rbd = state('rbd-volume-locked');
    expect(rbd.pvs).toEqual([
      { name: 'mariadb', phase: 'Bound', claim: { namespace: 'kolla', name: 'mariadb' }, storageClass: 'ceph-rbd', source: 'rbd' },
    ]);
    expect(rbd.events.filter((e) => e.reason === 'FailedMount').map((e) => e.message)).toEqual(
      expect.arrayContaining([expect.stringContaining('is still being used'), expect.stringContaining('is locked')]),
    );
  });

  it('shows pods never scheduled while kube-scheduler crash-loops', () => {
    const cp = state('control-plane-not-ready');
    expect(cp.pods.find((p) => p.name.startsWith('kube-scheduler-'))?.status).toBe('CrashLoopBackOff');
    const pending = cp.pods.filter((p) => p.phase === 'Pending');
    expect(pending.length).toBeGreaterThan(3);
    expect(pending.every((p) => p.nodeName === null && p.conditions.length === 0)).toBe(true);
    expect(cp.events.some((e) => e.reason === 'Scheduled' || e.reason === 'FailedScheduling')).toBe(false);
  });

  it('shows kernel 3.10 nodes with a flannel vxlan backend', () => {
    const old = state('old-kernel');
    expect(new Set(old.nodes.map((n) => n.kernelVersion))).toEqual(new Set(['3.10.0-229.el7.x86_64']));
    expect(old.configMaps.find((c) => c.name === 'kube-flannel-cfg')?.keys).toEqual(['cni-conf.json', 'net-conf.json']);
  });
});
