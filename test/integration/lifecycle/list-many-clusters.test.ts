/**
 * Finding 10 of issue 10: `/kube list` for a project with many clusters. The table is longer
 * than a Slack section holds: the message shows the first rows and says how many more, and the
 * whole table (every row) is a snippet in its thread. No cluster is dropped.
 */
import { jest } from '@jest/globals';
import { addCluster } from '../../../src/sim/index.js';
import { CHANNEL, startLifecycleHarness, type LifecycleHarness } from './harness.js';
import { clusterSpec } from '../../helpers/sim-clusters.js';

jest.setTimeout(120_000);

describe('/kube list with many clusters', () => {
  let h: LifecycleHarness;

  beforeEach(async () => {
    h = await startLifecycleHarness();
  });

  afterEach(async () => {
    await h.stop();
  });

  it('never drops a row: the full table goes in a snippet in the thread', async () => {
    const { state } = h.sim;
    const project = state.projects[0];
    if (!project) throw new Error('seed missing');
    for (let i = 0; i < 80; i += 1) {
      addCluster(state, clusterSpec(state, `bulk-cluster-with-a-long-name-${String(i).padStart(3, '0')}`), h.sim.clock.now());
    }
    const names = state.clusters.filter((c) => c.projectId === project.id).map((c) => c.name);
    expect(names.length).toBeGreaterThan(80);

    await h.command('list');
    const root = await h.waitForMessage(new RegExp(`^${names.length} clusters`));
    const shown = JSON.stringify(root.blocks);
    expect(shown).toMatch(/… and \d+ more clusters: the full table \(all \d+\) is in the snippet in this thread/);
    const file = await h.slack.waitFor(() => h.slack.files(CHANNEL).find((f) => f.threadTs === root.ts), 20_000);
    const rows = file.content.trim().split('\n');
    expect(rows).toHaveLength(names.length + 1);
    for (const name of names) expect(file.content).toContain(name);
  });
});
