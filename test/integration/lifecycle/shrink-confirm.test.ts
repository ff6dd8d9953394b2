import { RESIZE_ACTIONS } from '../../../src/core/requests/resize-request.js';
import { SCALE_ACTIONS } from '../../../src/core/requests/scale-request.js';
import { MINUTE, OTHER_OPERATOR, hasButton, startLifecycleHarness, type LifecycleHarness } from './harness.js';

describe('resizes that remove nodes and scales to 0 wait for a confirmation', () => {
  let h: LifecycleHarness;

  beforeEach(async () => {
    h = await startLifecycleHarness({ confirmTtlMs: 5 * MINUTE });
  });

  afterEach(async () => {
    await h.stop();
  });

  const healthy = () => h.sim.state.clusters.find((c) => c.name === 'healthy');

  it('previews a shrinking resize, refuses another operator, resizes after the requester’s Confirm and audits it under one job id', async () => {
    const opsBefore = healthy()?.ops.length;
    await h.command('resize healthy --nodes 1');
    const preview = await h.waitForMessage(/^Shrink healthy from 2 nodes to 1\?/);
    expect(JSON.stringify(preview.blocks)).toContain('2 → 1 (1 removed)');
    expect(healthy()?.ops.length).toBe(opsBefore);

    await h.click(preview, RESIZE_ACTIONS.confirm, OTHER_OPERATOR);
    await h.waitForEphemeral(/Only the person who asked/);
    await h.click(preview, RESIZE_ACTIONS.confirm);
    const progress = await h.waitForMessage(/^Resizing healthy to 1 nodes: UPDATE_IN_PROGRESS/);
    h.advance(4 * MINUTE);
    await h.waitForMessage(/healthy now has 1 worker nodes/);

    expect(progress.threadTs).toBe(preview.threadTs);
    expect(healthy()?.nodeCount).toBe(1);
    const current = h.allMessages().find((m) => m.ts === preview.ts);
    expect(current && hasButton(current, RESIZE_ACTIONS.confirm)).toBe(false);
    const records = (await h.audit()).filter((r) => r.action === 'cluster-resize' && r.jobId !== undefined).reverse();
    expect(records.map((r) => r.decision)).toEqual(['requested', 'confirmed', 'started', 'finished']);
    expect(new Set(records.map((r) => r.jobId)).size).toBe(1);
  });

  it('keeps the nodes when the requester cancels', async () => {
    await h.command('resize healthy --nodes 1');
    const preview = await h.waitForMessage(/^Shrink healthy from 2 nodes to 1\?/);

    await h.click(preview, RESIZE_ACTIONS.cancel);
    await h.waitForMessage(/Cancelled by <@U1ALICE>/);
    await h.click(preview, RESIZE_ACTIONS.confirm);
    await h.waitForEphemeral(/already used/);

    expect((await h.jobs()).filter((j) => j.name === 'cluster-resize')).toHaveLength(1);
    expect(healthy()?.nodeCount).toBe(2);
  });

  it('previews a scale to 0 with the pods that go, and scales after Confirm', async () => {
    await h.command('scale crash-loop default/deployment/orders-api --replicas 0');
    const preview = await h.waitForMessage(/^Scale default\/deployment\/orders-api on crash-loop to 0 replicas\?/);
    expect(JSON.stringify(preview.blocks)).toMatch(/orders-api-[a-z0-9]+-[a-z0-9]+/);
    expect((await h.jobs()).filter((j) => j.name === 'workload-scale')).toHaveLength(1);

    await h.click(preview, SCALE_ACTIONS.confirm);
    const done = await h.waitForMessage(/^default\/deployment\/orders-api on crash-loop: scaled$/);

    expect(done.threadTs).toBe(preview.ts);
    const records = (await h.audit()).filter((r) => r.action === 'workload-scale').reverse();
    expect(records.map((r) => [r.decision, r.target])).toEqual([
      ['requested', 'crash-loop:default/deployment/orders-api'],
      ['confirmed', 'crash-loop:default/deployment/orders-api'],
      ['started', 'crash-loop:default/deployment/orders-api'],
      ['finished', 'crash-loop:default/deployment/orders-api'],
    ]);
    expect(new Set(records.map((r) => r.jobId)).size).toBe(1);
  });

  it('records the request of a restart, whose job does not, with its job id', async () => {
    await h.command('restart crash-loop default/deployment/orders-api');
    await h.waitForMessage(/^default\/deployment\/orders-api on crash-loop: restarted$/);

    const records = (await h.audit()).filter((r) => r.action === 'workload-restart').reverse();
    expect(records.map((r) => [r.decision, r.actor])).toEqual([
      ['requested', 'U1ALICE'],
      ['started', 'U1ALICE'],
      ['finished', 'U1ALICE'],
    ]);
    expect(records[0]?.outcome).toBe('/kube restart crash-loop default/deployment/orders-api');
    expect(new Set(records.map((r) => r.jobId)).size).toBe(1);
  });
});
