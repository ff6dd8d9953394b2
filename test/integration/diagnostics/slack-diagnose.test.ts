import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buttons, sectionsOf, startBotHarness, type BotHarness } from './bot-harness.js';
import { createKubeConnector } from '../../../src/kube/kube-connector.js';
import { silent, simOpenStack, writeMagnumKubeconfig } from './sim-kit.js';

describe('/kube diagnose and friends through signed Slack requests', () => {
  let h: BotHarness;
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kubeconfig-dir-'));
    h = await startBotHarness(() => ({ KUBECONFIG_DIR: dir }));
    const openstack = simOpenStack(h.sim);
    try {
      await writeMagnumKubeconfig(openstack, 'kolla-bootstrap-volume', dir, 'kolla.yaml');
    } finally {
      await openstack.close();
    }
  });
  afterAll(async () => {
    await h.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('posts the findings in a thread rooted at the cluster summary, with the ticket button', async () => {
    const ack = await h.command('diagnose crash-loop');

    const diagnosis = await h.waitForMessage(/^Diagnosis of crash-loop/);
    const root = h.allMessages().find((m) => m.ts === diagnosis.threadTs);
    expect(ack.status).toBe(200);
    expect(diagnosis.text).toBe('Diagnosis of crash-loop: 0 critical, 2 warning, 0 info');
    expect(root?.text).toBe('Cluster crash-loop is CREATE_COMPLETE (Magnum health HEALTHY; kube-chatops: 0 critical, 2 warning)');
    expect(sectionsOf(diagnosis)).toContain('`pod-crash-loop`');
    expect(sectionsOf(diagnosis)).toContain('`pod-oom-killed`');
    expect(Object.keys(buttons(diagnosis))).toEqual(['ticket-attach']);
  });

  it('answers a healthy cluster with "no problems found" and what was checked', async () => {
    await h.command('diagnose healthy');

    const answer = await h.waitForMessage(/^No problems found on healthy$/);
    expect(JSON.stringify(answer.blocks)).toContain('Checked: Magnum status CREATE_COMPLETE');
  });

  it('diagnoses a cluster added by kubeconfig, the diagnosis starting the thread', async () => {
    await h.command('diagnose kolla');

    const answer = await h.waitForMessage(/^Diagnosis of kolla/);
    expect(answer.threadTs).toBeUndefined();
    expect(sectionsOf(answer)).toContain('`kolla-bootstrap-holds-volume`');

    // Its ticket button: the bundle (default sink: a snippet in the thread) without the Magnum parts.
    await h.click(answer, 'ticket-attach');
    const file = await h.slack.waitFor(() => h.slack.files('C1OPS').find((f) => f.threadTs === answer.ts), 20_000);
    expect(file.content).toMatch(/^Kubernetes cluster kolla \(registered by kubeconfig\): support bundle/);
    expect(file.content).toContain('kolla-bootstrap-holds-volume');
  });

  it('shows the Kolla status of mariadb on the kubeconfig cluster, in dependency order', async () => {
    await h.command('status kolla mariadb');

    const answer = await h.waitForMessage(/^Status of mariadb on kolla$/);
    const kinds = sectionsOf(answer)
      .split('\n')
      .flatMap((l) => /^:[a-z_]+: \*([a-z]+)\*/.exec(l)?.slice(1, 2) ?? []);
    expect(kinds.filter((k, i) => kinds.indexOf(k) === i)).toEqual(['pv', 'pvc', 'svc', 'configmap', 'bootstrap', 'pod']);
  });

  it('lists the pods of a cluster, problems first', async () => {
    await h.command('pods image-pull --problems');

    const answer = await h.waitForMessage(/^Pods of image-pull/);
    expect(sectionsOf(answer)).toMatch(/ImagePullBackOff|ErrImagePull/);
  });

  it('offers the documented workaround for a delete blocked by a load balancer; the button starts it once and only where it applies', async () => {
    const healthy = h.sim.state.clusters.find((c) => c.name === 'healthy');
    const blocked = h.sim.state.clusters.find((c) => c.name === 'lb-blocks-delete');
    const healthyLb = h.sim.state.loadBalancers.find((lb) => lb.vipSubnetId === healthy?.subnetId);
    expect(healthyLb).toBeDefined();
    const openstack = simOpenStack(h.sim);
    try {
      await openstack.magnum.deleteCluster('lb-blocks-delete');
    } finally {
      await openstack.close();
    }
    h.sim.clock.advance(5 * 60_000);
    await h.command('diagnose lb-blocks-delete');
    const diagnosis = await h.waitForMessage(/^Diagnosis of lb-blocks-delete/);
    expect(Object.keys(buttons(diagnosis))).toEqual(['remedy-delete-loadbalancers', 'ticket-attach']);
    const params = JSON.parse(buttons(diagnosis)['remedy-delete-loadbalancers'] ?? '') as { uuid: string; loadBalancerIds: string[] };
    expect(params).toEqual({
      cluster: 'lb-blocks-delete',
      uuid: blocked?.uuid,
      loadBalancerIds: [expect.any(String)],
      requester: 'U1ALICE',
    });

    // Forged values (on other message ids, as each message's button starts one job): the job re-checks.
    const forged = (cluster: string, uuid: string, ids: string[]) =>
      JSON.stringify({ cluster, uuid, loadBalancerIds: ids, requester: 'U1ALICE' });
    await h.click(
      { ...diagnosis, ts: `${diagnosis.ts}1` },
      'remedy-delete-loadbalancers',
      forged('healthy', healthy?.uuid ?? '', [healthyLb?.id ?? '']),
    );
    await h.waitForMessage(/healthy is CREATE_COMPLETE, not DELETE_FAILED: the load balancers were left alone/);
    await h.click(
      { ...diagnosis, ts: `${diagnosis.ts}2` },
      'remedy-delete-loadbalancers',
      forged('lb-blocks-delete', params.uuid, [healthyLb?.id ?? '']),
    );
    await h.waitForMessage(/Not on lb-blocks-delete's subnet, so not deleted/);
    const deleted = (id: string | undefined) => h.sim.state.loadBalancers.find((lb) => lb.id === id)?.deleteRequestedAt ?? null;
    expect([deleted(healthyLb?.id), deleted(params.loadBalancerIds[0])]).toEqual([null, null]);

    await h.click(diagnosis, 'remedy-delete-loadbalancers');
    const started = await h.waitForMessage(/Deleting 1 load balancer \(cascade\) for `lb-blocks-delete`/);
    expect(started.threadTs).toBe(diagnosis.threadTs);

    await h.click(diagnosis, 'remedy-delete-loadbalancers');
    await h.waitForEphemeral(/^This button was already used/);
    expect(h.allMessages().filter((m) => /Deleting 1 load balancer/.test(m.text))).toHaveLength(1);
  });

  it("tails a crash-looping pod's previous log as a snippet, lists warning events, scales and restarts its deployment", async () => {
    const openstack = simOpenStack(h.sim);
    let pod: string;
    try {
      const kube = createKubeConnector({ clock: h.sim.clock, logger: silent });
      const api = await kube.forMagnumCluster(openstack, await openstack.magnum.getCluster('crash-loop'));
      const { state } = await api.readState();
      pod = state.pods.find((p) => p.status === 'CrashLoopBackOff' && p.name.startsWith('orders-api'))?.name ?? '';
    } finally {
      await openstack.close();
    }

    await h.command(`logs crash-loop default/${pod} --previous --tail 20`);
    const logRoot = await h.waitForMessage(/^Log of default\//);
    const file = await h.slack.waitFor(() => h.slack.files('C1OPS').find((f) => f.threadTs === logRoot.ts), 20_000);
    expect(file.filename).toBe(`default_${pod}.log`);
    expect(file.content.length).toBeGreaterThan(0);

    await h.command(`restart crash-loop default/${pod}`);
    const recreated = await h.waitForMessage(new RegExp(`^default/${pod} on crash-loop: recreated$`));
    expect(JSON.stringify(recreated.blocks)).toMatch(/its ReplicaSet orders-api-[a-z0-9]+ creates a new one/);

    await h.command('events crash-loop -n default');
    expect((await h.waitForMessage(/warning events? on crash-loop/)).text).toMatch(/^\d+ warning events/);

    await h.command('scale crash-loop default/deployment/orders-api --replicas 2');
    await h.waitForMessage(/^default\/deployment\/orders-api on crash-loop: scaled$/);

    await h.command('restart crash-loop default/deployment/orders-api');
    await h.waitForMessage(/^default\/deployment\/orders-api on crash-loop: restarted$/);
  });

  it('tells the requester when the cluster does not exist', async () => {
    await h.command('diagnose nope');

    expect(await h.waitForEphemeral(/could not be found/)).toContain('nope');
  });
});
