import type { KPod } from '../../../src/core/kube-state.js';
import { createKubeConnector } from '../../../src/kube/kube-connector.js';
import { startBotHarness, type BotHarness } from './bot-harness.js';
import { silent, simOpenStack } from './sim-kit.js';

/** Issue 12 item 7: what the bot can fix itself, through signed Slack requests on the simulator. */
describe('one-click fixes and restarts of every workload kind', () => {
  let h: BotHarness;

  beforeAll(async () => {
    h = await startBotHarness();
  });
  afterAll(async () => {
    await h.stop();
  });

  async function podsOf(cluster: string, namespace: string): Promise<KPod[]> {
    const openstack = simOpenStack(h.sim);
    try {
      const api = await createKubeConnector({ clock: h.sim.clock, logger: silent }).forMagnumCluster(
        openstack,
        await openstack.magnum.getCluster(cluster),
      );
      return (await api.readState({ namespace })).state.pods;
    } finally {
      await openstack.close();
    }
  }

  it("restarts a Murano app's ReplicationController: its pods are deleted and it makes new ones", async () => {
    const before = (await podsOf('lb-blocks-delete', 'default')).filter((p) => p.owner?.kind === 'ReplicationController');
    expect(before).toHaveLength(2);

    await h.command('restart lb-blocks-delete default/rc/nginx');

    const done = await h.waitForMessage(/^default\/replicationcontroller\/nginx on lb-blocks-delete: restarted$/, 30_000);
    expect(JSON.stringify(done.blocks)).toContain('2 pods were deleted; the ReplicationController creates new ones.');
    const after = (await podsOf('lb-blocks-delete', 'default')).filter((p) => p.owner?.kind === 'ReplicationController');
    expect(after).toHaveLength(2);
    expect(after.filter((p) => before.some((b) => b.uid === p.uid))).toEqual([]);
  });

  it('rolls a StatefulSet and a DaemonSet', async () => {
    const before = await podsOf('healthy', 'kube-system');

    await h.command('restart healthy kube-system/statefulset/csi-cinder-controllerplugin');
    await h.waitForMessage(/^kube-system\/statefulset\/csi-cinder-controllerplugin on healthy: restarted$/, 30_000);
    await h.command('restart healthy kube-system/ds/npd');
    await h.waitForMessage(/^kube-system\/daemonset\/npd on healthy: restarted$/, 30_000);

    const after = await podsOf('healthy', 'kube-system');
    const renewed = (owner: string) => {
      const old = before.filter((p) => p.owner?.name === owner);
      const now = after.filter((p) => p.owner?.name === owner);
      return old.length > 0 && now.length === old.length && now.every((p) => !old.some((o) => o.uid === p.uid));
    };
    expect([renewed('csi-cinder-controllerplugin'), renewed('npd')]).toEqual([true, true]);
  });
});
