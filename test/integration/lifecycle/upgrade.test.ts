import { jest } from '@jest/globals';
import { UPGRADE_ACTIONS } from '../../../src/core/requests/upgrade-request.js';
import { MINUTE, OTHER_OPERATOR, VIEWER, hasButton, startLifecycleHarness, type LifecycleHarness } from './harness.js';

jest.setTimeout(180_000);

/** `/kube upgrade` through signed Slack requests on the simulator, for a Cluster API (magnum-capi-helm) cluster. */
describe('/kube upgrade on a Cluster API driver: checked, confirmed, tracked, health-checked; a stalled upgrade diagnosed', () => {
  let h: LifecycleHarness;

  beforeEach(async () => {
    h = await startLifecycleHarness({ confirmTtlMs: 5 * MINUTE });
  });

  afterEach(async () => {
    await h.stop();
  });

  const sim = (name: string) => h.sim.state.clusters.find((c) => c.name === name);

  it('previews 1.30 to 1.31, upgrades after the requester’s Confirm with machine progress, then health-checks, all audited', async () => {
    await h.command('create up --template k8s-1.30-capi-helm --nodes 1');
    await h.waitForMessage(/^Creating up: CREATE_IN_PROGRESS/);
    h.advance(9 * MINUTE);
    await h.waitForMessage(/up is ready/);

    await h.command('upgrade up --template k8s-1.31-capi-helm');
    const preview = await h.waitForMessage(/^Upgrade up from Kubernetes v1\.30\.4 to v1\.31\.1\?/);
    const previewText = JSON.stringify(preview.blocks);
    expect(previewText).toContain('k8s-1.30-capi-helm');
    expect(previewText).toContain('magnum-capi-helm');
    expect(sim('up')?.ops.filter((o) => o.kind === 'update')).toHaveLength(0);

    await h.click(preview, UPGRADE_ACTIONS.confirm, OTHER_OPERATOR);
    await h.waitForEphemeral(/Only the person who asked/);
    await h.click(preview, UPGRADE_ACTIONS.confirm);
    const anchor = await h.waitForMessage(/^Upgrading up to Kubernetes v1\.31\.1: UPDATE_IN_PROGRESS/);
    expect(anchor.threadTs).toBe(preview.threadTs);
    h.advance(2 * MINUTE);
    await h.slack.waitFor(() =>
      h.slack.thread('C1OPS', anchor.threadTs ?? '').find((m) => m.ts === anchor.ts && /building/.test(JSON.stringify(m.blocks))),
    );
    h.advance(5 * MINUTE);
    await h.waitForMessage(/up runs Kubernetes v1\.31\.1/);
    await h.waitForMessage(/^Health check of up: /, 30_000);

    const versions = h.slack.thread('C1OPS', anchor.threadTs ?? '').find((m) => m.ts === anchor.ts);
    const blocksText = JSON.stringify([...(versions?.history ?? []).map((v) => v.blocks), versions?.blocks]);
    expect(blocksText).toContain('Cluster API driver (magnum-capi-helm), machines');
    expect(blocksText).toMatch(/usually 4-10 min/);
    expect(sim('up')?.kubeVersion).toBe('v1.31.1');
    const current = h.allMessages().find((m) => m.ts === preview.ts);
    expect(current && hasButton(current, UPGRADE_ACTIONS.confirm)).toBe(false);
    const records = (await h.audit()).filter((r) => r.action === 'cluster-upgrade' && r.jobId !== undefined).reverse();
    expect(records.map((r) => r.decision)).toEqual(['requested', 'confirmed', 'started', 'finished']);
    expect(records.at(-1)?.outcome).toBe('UPDATE_COMPLETE, Kubernetes v1.31.1');
    expect(new Set(records.map((r) => r.jobId)).size).toBe(1);
  });

  it('upgrades a Heat-driver cluster too (Magnum k8s_fedora_coreos_v1 takes the new kube_tag), with Heat resources as progress', async () => {
    await h.command('upgrade healthy --template k8s-1.28-no-volume');
    const preview = await h.waitForMessage(/^Upgrade healthy from Kubernetes v1\.27\.4 to v1\.28\.15\?/);
    expect(JSON.stringify(preview.blocks)).toContain('drained and upgraded in place');

    await h.click(preview, UPGRADE_ACTIONS.confirm);
    const anchor = await h.waitForMessage(/^Upgrading healthy to Kubernetes v1\.28\.15: UPDATE_IN_PROGRESS/);
    h.advance(2 * MINUTE);
    await h.slack.waitFor(() =>
      h.slack.thread('C1OPS', anchor.threadTs ?? '').find((m) => m.ts === anchor.ts && /Heat/.test(JSON.stringify(m.blocks))),
    );
    h.advance(5 * MINUTE);
    await h.waitForMessage(/healthy runs Kubernetes v1\.28\.15/);

    expect(sim('healthy')?.kubeVersion).toBe('v1.28.15');
  });

  it('refuses, with the reason and nothing changed: an older or unknown template, another driver, a busy cluster, a viewer', async () => {
    const before = sim('capi-lb-blocks-delete')?.ops.length;
    await h.command('upgrade capi-lb-blocks-delete --template k8s-1.31-cluster-api');
    await h.waitForMessage(/selects the magnum-cluster-api driver and `capi-lb-blocks-delete` runs on magnum-capi-helm/);
    await h.command('upgrade capi-lb-blocks-delete --template k8s-1.30-capi-helm');
    await h.waitForMessage(/already uses template `k8s-1\.30-capi-helm`: nothing to upgrade/);
    await h.command('upgrade capi-lb-blocks-delete --template k8s-1.31-capi-hlem');
    await h.waitForMessage(/no cluster template `k8s-1\.31-capi-hlem`: nothing was changed\. Closest: `k8s-1\.31-capi-helm`/);
    await h.command('upgrade capi-machines-fail --template k8s-1.31-cluster-api');
    await h.waitForMessage(
      /`capi-machines-fail` is CREATE_IN_PROGRESS: Magnum upgrades a cluster only from CREATE_COMPLETE or UPDATE_COMPLETE/,
    );
    await h.command('upgrade capi-lb-blocks-delete --template k8s-1.31-capi-helm', VIEWER);
    await h.waitForEphemeral(/operator/);

    expect(sim('capi-lb-blocks-delete')?.ops.length).toBe(before);
    expect((await h.audit()).filter((r) => r.action === 'cluster-upgrade' && r.decision === 'started')).toEqual([]);
  });

  it('reports an upgrade whose new machine finds no room as stuck, once, and the diagnosis names the machine and its fault', async () => {
    await h.command('upgrade capi-upgrade-no-room --template k8s-1.31-capi-helm');
    const preview = await h.waitForMessage(/^Upgrade capi-upgrade-no-room from Kubernetes v1\.30\.4 to v1\.31\.1\?/);
    await h.click(preview, UPGRADE_ACTIONS.confirm);
    await h.waitForMessage(/^Upgrading capi-upgrade-no-room to Kubernetes v1\.31\.1: UPDATE_IN_PROGRESS/);
    h.advance(MINUTE);

    const stuck = await h.waitForMessage(
      /^capi-upgrade-no-room is stuck: machine .*-control-plane-\w+ is in ERROR: No valid host was found/,
    );
    const diagnosis = await h.waitForMessage(/^Diagnosis of capi-upgrade-no-room/, 60_000);

    expect(diagnosis.threadTs).toBe(stuck.threadTs);
    const text = JSON.stringify(diagnosis.blocks);
    expect(text).toContain('1 machine failed to boot: No valid host was found');
    expect(text).toContain('UPDATE_IN_PROGRESS');
  });
});
