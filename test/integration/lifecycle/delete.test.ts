import { DELETE_ACTIONS, LOADBALANCERS_ACTIONS } from '../../../src/core/requests/delete-request.js';
import {
  ADMIN,
  MINUTE,
  OTHER_OPERATOR,
  eventually,
  hasButton,
  simClustersNamed,
  startLifecycleHarness,
  type LifecycleHarness,
} from './harness.js';

describe('/kube delete, confirmed and tracked', () => {
  let h: LifecycleHarness;

  beforeEach(async () => {
    h = await startLifecycleHarness({ confirmTtlMs: 5 * MINUTE });
  });

  afterEach(async () => {
    await h.stop();
  });

  it('previews the exact target, deletes only after Confirm, and reports the end in the thread', async () => {
    const uuid = h.sim.state.clusters.find((c) => c.name === 'healthy')?.uuid;
    await h.command('delete healthy');
    const preview = await h.waitForMessage(/^Delete healthy/);
    const shown = JSON.stringify(preview.blocks);
    expect(shown).toContain(uuid);
    expect(shown).toContain(h.sim.state.projects[0]?.id);
    expect(shown).toContain('1 master, 2 worker');
    expect(simClustersNamed(h.sim, 'healthy')).toBe(1);
    // The request is audited once its preview is posted (with the preview's thread): a click in
    // the same milliseconds could be audited first.
    await eventually(async () => (await h.audit()).some((r) => r.target === 'healthy' && r.decision === 'requested'));

    await h.click(preview, DELETE_ACTIONS.confirm);
    await h.waitForMessage(/^Deleting healthy: DELETE_IN_PROGRESS/);
    h.advance(3 * MINUTE);
    const done = await h.waitForMessage(/healthy is deleted/);

    expect(done.threadTs).toBe(preview.ts);
    expect(simClustersNamed(h.sim, 'healthy')).toBe(0);
    const current = h.slack.messages('C1OPS').find((m) => m.ts === preview.ts);
    expect(current && hasButton(current, DELETE_ACTIONS.confirm)).toBe(false);
    const decisions = (await h.audit())
      .filter((r) => r.target === 'healthy')
      .map((r) => r.decision)
      .reverse();
    expect(decisions).toEqual(['requested', 'confirmed', 'started', 'finished']);
  });

  it('refuses an expired confirmation, a reused one and one clicked by another operator; an admin may confirm', async () => {
    await h.command('delete healthy');
    const preview = await h.waitForMessage(/^Delete healthy/);

    await h.click(preview, DELETE_ACTIONS.confirm, OTHER_OPERATOR);
    await h.waitForEphemeral(/Only the person who asked/);
    await h.click(preview, DELETE_ACTIONS.confirm);
    await h.waitForMessage(/^Deleting healthy: DELETE_IN_PROGRESS/);
    await h.click(preview, DELETE_ACTIONS.confirm);
    await h.waitForEphemeral(/already used/);

    await h.command('delete image-pull');
    const byAdmin = await h.waitForMessage(/^Delete image-pull/);
    await h.click(byAdmin, DELETE_ACTIONS.confirm, ADMIN);
    await h.waitForMessage(/^Deleting image-pull: DELETE_IN_PROGRESS/);

    await h.command('delete crash-loop');
    const second = await h.waitForMessage(/^Delete crash-loop/);
    h.advance(6 * MINUTE);
    await h.click(second, DELETE_ACTIONS.confirm);
    await h.waitForEphemeral(/expired/);

    const deletes = (await h.jobs()).filter((j) => j.name === 'cluster-delete');
    expect(deletes.map((j) => (j.data as { cluster: string }).cluster).sort()).toEqual(['healthy', 'image-pull']);
    expect(simClustersNamed(h.sim, 'crash-loop')).toBe(1);
    const denied = (await h.audit()).filter((r) => r.decision === 'denied').map((r) => r.outcome);
    expect(denied.sort()).toEqual(['confirmation already_used', 'confirmation expired', 'confirmation not_requester']);
  });

  it('recognizes the delete blocked by a load balancer, deletes it on confirmation and retries to the end', async () => {
    await h.command('delete lb-blocks-delete');
    const preview = await h.waitForMessage(/^Delete lb-blocks-delete/);
    await h.click(preview, DELETE_ACTIONS.confirm);
    await h.waitForMessage(/^Deleting lb-blocks-delete: DELETE_IN_PROGRESS/);
    h.advance(3 * MINUTE);
    const blocked = await h.waitForMessage(/DELETE_FAILED \(blocked by 1 load balancer/);
    const lbId = h.sim.state.clusters.find((c) => c.name === 'lb-blocks-delete')?.extraLbId;
    expect(JSON.stringify(blocked.blocks)).toContain(lbId);
    const offer = await h.waitForMessage(/^Delete this load balancer and retry/);

    await h.click(offer, LOADBALANCERS_ACTIONS.confirm);
    await h.waitForMessage(/^:wastebasket: Deleting 1 load balancer/);
    h.advance(5 * MINUTE);
    await h.waitForMessage(/load balancers are gone; deleting/);
    await h.waitForMessage(/^Deleting lb-blocks-delete: DELETE_IN_PROGRESS \(0s\)/);
    h.advance(3 * MINUTE);
    const done = await h.waitForMessage(/lb-blocks-delete is deleted/);

    expect(done.threadTs).toBe(preview.ts);
    expect(simClustersNamed(h.sim, 'lb-blocks-delete')).toBe(0);
    const lbDecisions = (await h.audit())
      .filter((r) => r.action === 'loadbalancers-delete')
      .map((r) => r.decision)
      .reverse();
    expect(lbDecisions).toEqual(['confirmed', 'started', 'finished']);
  });
});
