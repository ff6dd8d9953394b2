import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collectSnapshot } from '../../../src/collect/collect-snapshot.js';
import type { ClosableOpenStackApi } from '../../../src/openstack/create-openstack-api.js';
import { runDiagnosis } from '../../../src/diagnostics/run-diagnosis.js';
import { createKubeConnector } from '../../../src/kube/kube-connector.js';
import { SCENARIO_NAMES, startSim, type ScenarioName, type Sim } from '../../../src/sim/index.js';
import { silent, simOpenStack, writeMagnumKubeconfig } from './sim-kit.js';

/** What the bot must report for each seeded cluster, as `severity:rule`. */
const EXPECTED: Record<Exclude<ScenarioName, 'slow-create' | 'lb-blocks-delete'>, string[]> = {
  healthy: [],
  'docker-volume-overlay2': ['critical:docker-volume-size-overlay2'],
  'create-failed': ['critical:create-failed-heat', 'critical:node-console'],
  'kolla-bootstrap-volume': ['critical:kolla-bootstrap-holds-volume'],
  'rbd-volume-locked': ['critical:rbd-volume-locked', 'warning:node-not-ready'],
  'crash-loop': ['warning:pod-crash-loop', 'warning:pod-oom-killed'],
  'image-pull': ['warning:pod-image-pull'],
  'node-not-ready': ['warning:magnum-health-unhealthy', 'warning:node-console', 'warning:node-not-ready'],
  'service-no-endpoints': ['warning:service-without-endpoints', 'warning:workload-replicas-short'],
  'control-plane-not-ready': ['critical:control-plane-not-ready', 'critical:magnum-health-unhealthy'],
  'old-kernel': ['critical:overlay-network-kernel'],
  'capi-machines-fail': ['critical:capi-create-stalled'],
  'capi-control-plane-init': ['critical:capi-create-stalled'],
  'capi-lb-no-address': ['critical:capi-create-stalled'],
  'capi-quota': ['critical:capi-create-stalled'],
  'capi-lb-blocks-delete': [],
  'capi-upgrade-no-room': [],
};

async function diagnose(sim: Sim, openstack: ClosableOpenStackApi, name: string, kubeconfigDir?: string) {
  const kube = createKubeConnector({ clock: sim.clock, logger: silent, ...(kubeconfigDir ? { kubeconfigDir } : {}) });
  const snapshot = await collectSnapshot(
    { kube, clock: sim.clock, logger: silent, ...(kubeconfigDir ? {} : { openstack }) },
    { clusterName: name, kubeconfigOnly: kubeconfigDir !== undefined },
  );
  return runDiagnosis(snapshot, { now: sim.clock.now() });
}

const ids = (d: Awaited<ReturnType<typeof diagnose>>) => d.findings.map((f) => `${f.severity}:${f.rule}`);

describe('diagnosis of every seeded sim cluster (real OpenStack client, real Kubernetes connector)', () => {
  let sim: Sim;
  let openstack: ClosableOpenStackApi;

  beforeAll(async () => {
    sim = await startSim({ seed: true });
    openstack = simOpenStack(sim);
  });
  afterAll(async () => {
    await openstack.close();
    await sim.close();
  });

  it('covers every scenario the sim plays', () => {
    expect([...Object.keys(EXPECTED), 'slow-create', 'lb-blocks-delete'].sort()).toEqual([...SCENARIO_NAMES].sort());
  });

  it.each(Object.entries(EXPECTED))('reports exactly the expected rules for %s', async (name, expected) => {
    const diagnosis = await diagnose(sim, openstack, name);

    expect(ids(diagnosis)).toEqual(expected);
  });

  it('finds no warning or critical problem on the healthy cluster', async () => {
    const diagnosis = await diagnose(sim, openstack, 'healthy');

    expect(diagnosis.summary).toEqual({ critical: 0, warning: 0, info: 0 });
  });

  it('diagnoses a cluster added by kubeconfig (no OpenStack side) with the same Kubernetes rules', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kubeconfigs-'));
    try {
      await writeMagnumKubeconfig(openstack, 'kolla-bootstrap-volume', dir, 'kolla.yaml');
      const diagnosis = await diagnose(sim, openstack, 'kolla', dir);

      expect(ids(diagnosis)).toEqual(['critical:kolla-bootstrap-holds-volume']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('diagnosis of the sim clusters whose failure takes time', () => {
  let sim: Sim;
  let openstack: ClosableOpenStackApi;

  beforeAll(async () => {
    sim = await startSim({ seed: true });
    openstack = simOpenStack(sim);
  });
  afterAll(async () => {
    await openstack.close();
    await sim.close();
  });

  it('reports a create past the usual window as slow-create, and before it only the etcd discovery errors its master console already shows', async () => {
    expect(ids(await diagnose(sim, openstack, 'slow-create'))).toEqual(['warning:node-console']);

    sim.clock.advance(20 * 60_000);

    expect(ids(await diagnose(sim, openstack, 'slow-create'))).toEqual(['warning:node-console', 'warning:slow-create']);
  });

  it('reports the load balancer blocking a delete, with the delete-loadbalancers action', async () => {
    await openstack.magnum.deleteCluster('lb-blocks-delete');
    sim.clock.advance(5 * 60_000);

    const diagnosis = await diagnose(sim, openstack, 'lb-blocks-delete');

    expect(ids(diagnosis)).toEqual(['critical:delete-blocked-by-loadbalancers']);
    expect(diagnosis.findings[0]?.action?.id).toBe('delete-loadbalancers');
    expect(diagnosis.findings[0]?.action?.params['loadBalancerIds']).toHaveLength(1);
  });

  it('reports a Cluster API delete stuck behind a Service load balancer once it has waited past the usual minutes', async () => {
    await openstack.magnum.deleteCluster('capi-lb-blocks-delete');
    sim.clock.advance(5 * 60_000);
    expect(ids(await diagnose(sim, openstack, 'capi-lb-blocks-delete'))).toEqual([]);

    sim.clock.advance(6 * 60_000);
    const diagnosis = await diagnose(sim, openstack, 'capi-lb-blocks-delete');

    expect(ids(diagnosis)).toEqual(['critical:capi-delete-blocked']);
    expect(diagnosis.findings[0]?.title).toBe('Delete blocked: 1 load balancer of LoadBalancer Services still on the cluster network');
    expect(diagnosis.findings[0]?.evidence.join('\n')).toMatch(/kube_service_.*made by the cloud provider for Service default\/web/);
  });
});
