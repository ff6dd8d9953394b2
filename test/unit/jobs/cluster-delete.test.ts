import { clusterDelete } from '../../../jobs/cluster-delete.js';
import { run } from './job-kit.js';
import { aCluster, lifecycleKit } from './tracking/lifecycle-kit.js';

const UUID = '11111111-2222-3333-4444-555555555555';
const DATA = { cloud: 'sim', teamId: 'T1', channel: 'C1', user: 'U1ALICE', cluster: 'prod-b', uuid: UUID, threadTs: '5.5' };

describe('cluster-delete', () => {
  it('deletes the confirmed UUID and tracks it once, even when a second delete of it arrives', async () => {
    const kit = lifecycleKit({ jobId: 'cluster-delete-a' });
    kit.cloud.clusters.push(aCluster({ status: 'CREATE_COMPLETE' }));

    await run(clusterDelete, DATA, kit.ctx);
    const second = await run(clusterDelete, DATA, { ...kit.ctx, runtime: { ...kit.ctx.runtime, jobId: 'cluster-delete-b' } });

    expect(second).toEqual({ alreadyTracked: 'cluster-delete-a' });
    expect([...kit.operations.ops.keys()]).toEqual(['sim/cluster-delete-a']);
    expect(kit.slack.flatMap((c) => (c.kind === 'post' ? [c.message.text] : []))).toEqual([
      'Deleting prod-b: DELETE_IN_PROGRESS (0s)',
      'prod-b is already being deleted; its progress is tracked in this channel.',
    ]);
  });

  it('says so, and tracks nothing, when the cluster is already gone', async () => {
    const kit = lifecycleKit({ jobId: 'cluster-delete-a' });

    const result = await run(clusterDelete, DATA, kit.ctx);

    expect(result).toEqual({ gone: true });
    expect(kit.operations.ops.size).toBe(0);
    expect(kit.audit.records.map((r) => [r.decision, r.outcome])).toEqual([['finished', 'already gone']]);
  });

  it('tracks its own delete to its end when an attempt that sent it died before saving so, the cluster gone since', async () => {
    const kit = lifecycleKit({ jobId: 'cluster-delete-a' });
    kit.cloud.clusters.push(aCluster({ status: 'CREATE_COMPLETE' }));
    // The first attempt: Magnum accepts the delete, and the worker dies before it hears so.
    kit.cloud.deleteError = new Error('worker killed');
    const saved: object[] = [];
    const runtime = { ...kit.ctx.runtime, updateData: async (d: object) => void saved.push(structuredClone(d)) };
    await expect(run(clusterDelete, DATA, { ...kit.ctx, runtime })).rejects.toThrow('worker killed');

    const retry = await run(clusterDelete, saved.at(-1) ?? {}, kit.ctx);

    expect(retry).toEqual({ uuid: UUID });
    expect([...kit.operations.ops.keys()]).toEqual(['sim/cluster-delete-a']);
    expect(kit.slack.flatMap((c) => (c.kind === 'post' ? [c.message.text] : []))).toEqual(['Deleting prod-b: DELETE_IN_PROGRESS (0s)']);
  });

  it('re-checks the role in the worker before deleting', async () => {
    const kit = lifecycleKit({ denied: true });
    kit.cloud.clusters.push(aCluster({ status: 'CREATE_COMPLETE' }));

    await expect(run(clusterDelete, DATA, kit.ctx)).rejects.toThrow('denied');
    expect(kit.operations.ops.size).toBe(0);
  });
});
