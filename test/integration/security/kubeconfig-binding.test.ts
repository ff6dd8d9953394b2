/**
 * Issue 10, finding 4, driven as users would (signed Slack requests to the whole bot on the
 * simulated cloud, with an access policy file): a cluster registered by kubeconfig is used only
 * in the channels its `kubeconfig_clusters` entry binds it to; elsewhere it is refused with a
 * clear answer and nothing is done; and a Magnum cluster of the same name is never hidden behind
 * it (where both could be meant, the name is refused as a clash).
 */
import { jest } from '@jest/globals';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKubeConnector } from '../../../src/kube/kube-connector.js';
import { CHANNEL, USER, startBotHarness, type BotHarness } from '../diagnostics/bot-harness.js';
import { silent, simOpenStack, writeMagnumKubeconfig } from '../diagnostics/sim-kit.js';

jest.setTimeout(120_000);

/** A channel the bot is in, working on the same (default) cloud, that no kubeconfig cluster is bound to. */
const OTHER = 'C2OTHER';

const POLICY = `
version: 1
users:
  ${USER}: operator
kubeconfig_clusters:
  kolla: { channels: [${CHANNEL}] }
  shop: { channels: [${CHANNEL}] }
  healthy: { channels: [${CHANNEL}] }
`;

describe('clusters registered by kubeconfig follow the channel binding', () => {
  let h: BotHarness;
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kubeconfig-binding-'));
    const policyFile = join(dir, 'policy.yaml');
    await writeFile(policyFile, POLICY);
    const kubeconfigs = join(dir, 'kubeconfigs');
    await mkdir(kubeconfigs);
    h = await startBotHarness(() => ({ KUBECONFIG_DIR: kubeconfigs, KUBE_POLICY_FILE: policyFile }), [{ id: OTHER, name: 'other' }]);
    const openstack = simOpenStack(h.sim);
    try {
      await writeMagnumKubeconfig(openstack, 'kolla-bootstrap-volume', kubeconfigs, 'kolla.yaml');
      await writeMagnumKubeconfig(openstack, 'crash-loop', kubeconfigs, 'shop.yaml');
      // Registered by kubeconfig under the name of a Magnum cluster of the channel's cloud.
      await writeMagnumKubeconfig(openstack, 'kolla-bootstrap-volume', kubeconfigs, 'healthy.yaml');
    } finally {
      await openstack.close();
    }
  });
  afterAll(async () => {
    process.stderr.write(
      `DEBUG ${JSON.stringify({ e: h.slack.ephemerals(OTHER), m: messagesIn(OTHER).map((m) => m.text), e1: h.slack.ephemerals(CHANNEL), m1: messagesIn(CHANNEL).map((m) => m.text) }, null, 1)}\n`,
    );
    await h.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const messagesIn = (channel: string) => h.slack.messages(channel).flatMap((root) => h.slack.thread(channel, root.ts));

  /** A Magnum cluster's Kubernetes state, read past the bot. */
  async function kubeState(cluster: string) {
    const openstack = simOpenStack(h.sim);
    try {
      const kube = createKubeConnector({ clock: h.sim.clock, logger: silent });
      const api = await kube.forMagnumCluster(openstack, await openstack.magnum.getCluster(cluster));
      return (await api.readState()).state;
    } finally {
      await openstack.close();
    }
  }
  const ordersApiReplicas = async () =>
    (await kubeState('crash-loop')).workloads.find((w) => w.kind === 'Deployment' && w.name === 'orders-api')?.desired;

  it('reads a bound cluster in its channel', async () => {
    await h.command('pods kolla');

    const answer = await h.waitForMessage(/^Pods of kolla/);
    expect(answer.text).toContain(`: ${(await kubeState('kolla-bootstrap-volume')).pods.length} pods`);
  });

  it.each(['pods kolla', 'events kolla', 'status kolla mariadb', 'diagnose kolla'])(
    'refuses `%s` in a channel it is not bound to, naming the policy key',
    async (text) => {
      const before = messagesIn(OTHER).length;
      const refusals = h.slack.ephemerals(OTHER).length;
      await h.command(text, OTHER);

      const refusal = await h.slack.waitFor(() => h.slack.ephemerals(OTHER)[refusals]?.text, 20_000);
      expect(refusal).toMatch(
        /^kolla is a cluster registered by kubeconfig that this channel may not use, and cloud \S+ has no Magnum cluster of that name/,
      );
      expect(refusal).toContain('kubeconfig_clusters');
      // No thread with the cluster's pods, events, status or findings was posted there.
      expect(messagesIn(OTHER).length).toBe(before);
    },
  );

  it('refuses an operator scaling a bound cluster from another channel, and changes nothing', async () => {
    const replicas = await ordersApiReplicas();
    expect(replicas).toBeDefined();

    await h.command('scale shop default/deployment/orders-api --replicas 5', OTHER);
    await h.waitForEphemeral(/^shop is a cluster registered by kubeconfig that this channel may not use/, 20_000, OTHER);

    expect(await ordersApiReplicas()).toBe(replicas);
    expect(messagesIn(OTHER).filter((m) => /scaled/.test(m.text))).toEqual([]);
  });

  it('answers with the Magnum cluster where a same-name kubeconfig cluster is not bound', async () => {
    await h.command('pods healthy', OTHER);

    const answer = await h.slack.waitFor(() => messagesIn(OTHER).find((m) => /^Pods of healthy/.test(m.text)), 20_000);
    // The kubeconfig file named healthy points at the Kolla cluster, which has other pods.
    const [magnum, kolla] = [(await kubeState('healthy')).pods.length, (await kubeState('kolla-bootstrap-volume')).pods.length];
    expect(magnum).not.toBe(kolla);
    expect(answer.text).toContain(`: ${magnum} pods`);
  });

  it('refuses a name that is both a Magnum cluster and a kubeconfig cluster bound to the channel, saying how to pick', async () => {
    await h.command('pods healthy');

    const refusal = await h.waitForEphemeral(/^healthy names both a Magnum cluster in cloud \S+ and a cluster registered by kubeconfig/);
    expect(refusal).toContain('rename the kubeconfig file');
    expect(messagesIn(CHANNEL).filter((m) => /^Pods of healthy/.test(m.text))).toEqual([]);
  });
});
