import { startLifecycleHarness, type LifecycleHarness } from './harness.js';

/** Issue 12 item 6: a growing resize is checked against the project's quotas before Magnum is asked. */
describe('quota pre-flight of a growing resize, through signed Slack requests', () => {
  let h: LifecycleHarness;

  beforeEach(async () => {
    h = await startLifecycleHarness();
  });

  afterEach(async () => {
    await h.stop();
  });

  const healthy = () => h.sim.state.clusters.find((c) => c.name === 'healthy');

  it('refuses to add nodes that do not fit, with the numbers, and changes nothing; a resize that fits goes ahead', async () => {
    const project = h.sim.state.projects[0];
    if (!project) throw new Error('no project');
    const before = { nodes: healthy()?.nodeCount, ops: healthy()?.ops.length };
    const quotas = project.quotas;
    project.quotas = { ...quotas, instances: 1, port: 1 };

    await h.command('resize healthy --nodes 5');
    const refusal = await h.waitForMessage(/^Adding 3 nodes to .* of healthy does not fit in the project's quotas/, 30_000);

    expect(refusal.text).toMatch(/Nova instances: needs 3, 0 free \(quota 1, \d+ in use\)/);
    expect(refusal.text).toMatch(/Neutron port: needs 3, 0 free \(quota 1, \d+ in use\)/);
    expect(refusal.text).toContain('Nothing was changed.');
    expect([healthy()?.nodeCount, healthy()?.ops.length]).toEqual([before.nodes, before.ops]);
    const records = (await h.audit()).filter((r) => r.action === 'cluster-resize').reverse();
    expect(records.map((r) => r.decision)).toEqual(['requested', 'failed']);

    project.quotas = quotas;
    await h.command('resize healthy --nodes 3');
    await h.waitForMessage(/^Resizing healthy to 3 nodes: UPDATE_IN_PROGRESS/, 30_000);
  });
});
