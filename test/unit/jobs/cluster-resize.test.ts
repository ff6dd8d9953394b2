import { RESIZE_ACTIONS } from '../../../src/core/requests/resize-request.js';
import { clusterResize } from '../../../jobs/cluster-resize.js';
import type { Nodegroup } from '../../../src/core/cluster.js';
import { createConfirmation } from '../../../src/security/confirmation.js';
import { createMemorySingleUse } from '../../helpers/memory-single-use.js';
import { run } from './job-kit.js';
import { aCluster, fakeOpenStack, lifecycleKit } from './tracking/lifecycle-kit.js';

const UUID = '11111111-2222-3333-4444-555555555555';
const ORIGIN = { cloud: 'sim', teamId: 'T1', channel: 'C1', user: 'U1ALICE' };

function aGroup(over: Partial<Nodegroup> = {}): Nodegroup {
  return {
    uuid: 'ng-w',
    name: 'default-worker',
    role: 'worker',
    nodeCount: 3,
    minNodeCount: 0,
    maxNodeCount: null,
    flavorId: null,
    isDefault: true,
    status: 'CREATE_COMPLETE',
    ...over,
  };
}

/** The lifecycle kit with a 3-node worker group, a recording resize and real confirmations. */
function resizeKit(workers = 3) {
  const kit = lifecycleKit({ jobId: 'cluster-resize-C1-t1' });
  kit.cloud.clusters.push(aCluster({ status: 'CREATE_COMPLETE', nodeCount: workers }));
  const resized: string[] = [];
  kit.ctx.openstack = () => {
    const openstack = fakeOpenStack(kit.cloud);
    return {
      ...openstack,
      magnum: {
        ...openstack.magnum,
        listNodegroups: async () => [
          aGroup({ uuid: 'ng-m', name: 'default-master', role: 'master', nodeCount: 1, isDefault: true }),
          aGroup({ nodeCount: workers }),
        ],
        resizeCluster: async (uuid, nodes, nodegroup) => void resized.push(`${uuid} ${nodes} ${nodegroup ?? '-'}`),
      },
    };
  };
  const confirmations = createConfirmation({
    secret: 'resize-test-secret-0123456789',
    clock: kit.ctx.clock,
    singleUse: createMemorySingleUse(kit.ctx.clock),
  });
  kit.ctx.confirmations = confirmations;
  const posts = () => kit.slack.flatMap((c) => (c.kind === 'post' ? [c] : []));
  return { ...kit, resized, confirmations, posts };
}

function buttonValue(blocks: readonly object[] | undefined, actionId: string): string {
  for (const block of (blocks ?? []) as Array<{ elements?: Array<{ action_id?: string; value?: string }> }>) {
    const found = block.elements?.find((e) => e.action_id === actionId)?.value;
    if (found !== undefined) return found;
  }
  throw new Error(`no ${actionId} button`);
}

describe('cluster-resize', () => {
  it('asks before removing nodes: a preview in the thread, nothing resized, the request audited under the confirmed job’s id', async () => {
    const kit = resizeKit();

    const result = await run(clusterResize, { ...ORIGIN, cluster: 'prod-b', nodes: 1 }, kit.ctx);

    expect(kit.resized).toEqual([]);
    const [root, preview] = kit.posts();
    expect(root?.message.text).toBe('Resize prod-b requested by U1ALICE');
    expect(preview?.threadTs).toBe(root?.ts);
    expect(preview?.message.text).toBe('Shrink prod-b from 3 nodes to 1? Waiting for confirmation from U1ALICE.');
    expect(JSON.stringify(preview?.message.blocks)).toContain('3 → 1 (2 removed)');
    expect(result).toEqual({ awaiting: 'confirmation', previewTs: preview?.ts });
    const verified = kit.confirmations.verify(buttonValue(preview?.message.blocks, RESIZE_ACTIONS.confirm), {
      userId: 'U1ALICE',
      isAdmin: false,
    });
    if (!verified.ok) throw new Error(`token refused: ${verified.reason}`);
    expect(verified.claim).toMatchObject({
      action: 'cluster-resize',
      requester: 'U1ALICE',
      channelId: 'C1',
      params: { cluster: 'prod-b', uuid: UUID, group: 'default-worker', nodes: 1, from: 3, threadTs: root?.ts },
    });
    expect(kit.audit.records.map((r) => [r.decision, r.jobId, r.outcome])).toEqual([
      ['requested', `cluster-resize-${verified.claim.id}`, `default-worker from 3 to 1 nodes: preview of ${UUID}`],
    ]);
    expect(kit.operations.ops.size).toBe(0);
  });

  it('posts no second preview when the job runs again', async () => {
    const kit = resizeKit();
    const data = clusterResize.data.parse({ ...ORIGIN, cluster: 'prod-b', nodes: 2 });

    await clusterResize.process(data, kit.ctx);
    await clusterResize.process(data, kit.ctx);

    expect(kit.posts().map((p) => p.message.text)).toEqual([
      'Resize prod-b requested by U1ALICE',
      'Shrink prod-b from 3 nodes to 2? Waiting for confirmation from U1ALICE.',
    ]);
    expect(kit.audit.records).toHaveLength(1);
  });

  it('grows at once, without a preview', async () => {
    const kit = resizeKit();

    await run(clusterResize, { ...ORIGIN, cluster: 'prod-b', nodes: 5 }, kit.ctx);

    expect(kit.resized).toEqual([`${UUID} 5 -`]);
    expect(kit.posts().map((p) => p.message.text)).toEqual([
      'Resize prod-b requested by U1ALICE',
      'Resizing prod-b to 5 nodes: UPDATE_IN_PROGRESS (0s)',
    ]);
    expect(kit.audit.records.map((r) => [r.decision, r.jobId])).toEqual([
      ['requested', 'cluster-resize-C1-t1'],
      ['started', 'cluster-resize-C1-t1'],
    ]);
  });

  it('resizes the confirmed UUID in the preview’s thread, without a second request record', async () => {
    const kit = resizeKit();
    kit.ctx.runtime = { ...kit.ctx.runtime, jobId: 'cluster-resize-claim1' };

    await run(clusterResize, { ...ORIGIN, cluster: 'prod-b', uuid: UUID, nodes: 1, confirmedFrom: 3, threadTs: '5.5' }, kit.ctx);

    expect(kit.resized).toEqual([`${UUID} 1 -`]);
    expect(kit.posts().map((p) => [p.threadTs, p.message.text])).toEqual([['5.5', 'Resizing prod-b to 1 nodes: UPDATE_IN_PROGRESS (0s)']]);
    expect(kit.audit.records.map((r) => [r.decision, r.jobId, r.threadTs])).toEqual([['started', 'cluster-resize-claim1', '5.5']]);
    expect([...kit.operations.ops.keys()]).toEqual(['sim/cluster-resize-claim1']);
  });

  it('refuses a confirmed shrink when the group has grown since: more nodes would go than were shown', async () => {
    const kit = resizeKit(4);

    const error = await run(
      clusterResize,
      { ...ORIGIN, cluster: 'prod-b', uuid: UUID, nodes: 1, confirmedFrom: 3, threadTs: '5.5' },
      kit.ctx,
    ).catch((e: unknown) => e);

    expect(error).toMatchObject({ code: 'resize_changed', userMessage: expect.stringMatching(/now has 4 nodes, not the 3 shown/) });
    expect(kit.resized).toEqual([]);
    expect(kit.audit.records.map((r) => r.decision)).toEqual(['failed']);
  });
});
