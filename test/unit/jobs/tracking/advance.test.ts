import { advanceOperation } from '../../../../jobs/tracking/advance.js';
import type { TrackedOperation } from '../../../../jobs/tracking/operation.js';
import { operationFinish } from '../../../../jobs/tracking/finish-job.js';
import { pollCloud } from '../../../../jobs/tracking/poller.js';
import type { ClusterSummary } from '../../../../src/core/cluster.js';
import type { JobContext } from '../../../../jobs/definition.js';
import { NOW, aCluster, lifecycleKit } from './lifecycle-kit.js';

function anOp(overrides: Partial<TrackedOperation> = {}): TrackedOperation {
  return {
    id: 'op-1',
    kind: 'create',
    cloud: 'sim',
    teamId: 'T1',
    channel: 'C1',
    user: 'U1ALICE',
    threadTs: '1.1',
    anchorTs: '1.2',
    cluster: 'prod-b',
    clusterUuid: '11111111-2222-3333-4444-555555555555',
    startedAt: NOW,
    progressed: false,
    missing: 0,
    ...overrides,
  };
}

/** Magnum's status_reason for a Cluster API create stuck on a Neutron quota. */
const STALLED_REASON =
  'CAPI Cluster status: TopologyCreate: Created "OpenStackCluster/kube-7ykqh-abcde". CAPI OpenstackCluster status reason: ' +
  'FailedCreateNetwork: Failed to create network k8s-clusterapi-cluster-magnum-system-kube-7ykqh: Expected HTTP response code [201 202] ' +
  'when accessing [POST https://network.example/v2.0/networks], but got 409 instead {"NeutronError": {"type": "OverQuota", ' +
  '"message": "Quota exceeded for resources: [\'network\'].", "detail": ""}}';

/** Advances, and when the operation ended runs its finish job as a worker would (the poll hands it over). */
async function advanceAndFinish(op: TrackedOperation, summary: ClusterSummary | undefined, ctx: JobContext) {
  const result = await advanceOperation(op, summary, ctx);
  if (result.kind === 'finished') await operationFinish.process(operationFinish.data.parse({ ...result.op, status: result.status }), ctx);
  return result;
}

const texts = (calls: ReturnType<typeof lifecycleKit>['slack']) => calls.map((c) => ('message' in c ? c.message.text : c.kind));

describe('advancing a tracked operation', () => {
  it('leaves the anchor alone while nothing changed and the throttle has not passed', async () => {
    const kit = lifecycleKit();
    const op = anOp({ lastStatus: 'CREATE_IN_PROGRESS', lastRenderedAt: NOW, progressed: true });

    const result = await advanceOperation(op, aCluster(), kit.ctx);

    expect(result).toEqual({ kind: 'unchanged' });
    expect(kit.slack).toEqual([]);
    expect(kit.cloud.heatCalls).toBe(0);
  });

  it('edits the anchor in place with elapsed time and Heat progress once the throttle has passed', async () => {
    const kit = lifecycleKit();
    kit.cloud.clusters.push(aCluster());
    kit.advance(7 * 60_000);

    const result = await advanceOperation(anOp({ lastStatus: 'CREATE_IN_PROGRESS', lastRenderedAt: NOW }), aCluster(), kit.ctx);

    expect(result).toEqual({
      kind: 'updated',
      op: expect.objectContaining({ driver: 'heat', heat: { done: 1, total: 2 }, progressed: true }),
    });
    expect(kit.slack.map((c) => c.kind)).toEqual(['update']);
    expect(JSON.stringify(kit.slack[0])).toContain('1/2 complete');
    expect(JSON.stringify(kit.slack[0])).toContain('7 min elapsed (usually 15-25 min)');
  });

  it('does not ask Heat about a Cluster API driver cluster (stack_id is a Cluster API name)', async () => {
    const kit = lifecycleKit();

    const result = await advanceOperation(anOp(), aCluster({ stackId: 'prod-b-x7k2pq9zm4ab' }), kit.ctx);

    expect(result).toEqual({ kind: 'updated', op: expect.objectContaining({ driver: 'other', driverName: 'magnum-capi-helm' }) });
    expect(kit.cloud.heatCalls).toBe(0);
    expect(JSON.stringify(kit.slack[0])).toContain('Cluster API driver (magnum-capi-helm)');
  });

  it('asks neither Heat nor Nova while Magnum has not said which driver runs the cluster (no stack_id yet)', async () => {
    const kit = lifecycleKit();

    const result = await advanceOperation(anOp(), aCluster({ stackId: null }), kit.ctx);

    expect(result).toEqual({ kind: 'updated', op: expect.not.objectContaining({ driver: expect.anything() }) });
    expect(kit.cloud.heatCalls).toBe(0);
    expect(kit.cloud.nova?.calls).toEqual([]);
  });

  it('shows a Cluster API create as machines ready against the nodegroups, with what Cluster API reports', async () => {
    const kit = lifecycleKit();
    const cluster = aCluster({
      stackId: 'kube-7ykqh',
      statusReason:
        'CAPI Cluster status: TopologyCreate: Created "MachineDeployment/kube-7ykqh-default-worker-x2k9p". ' +
        'CAPI OpenstackCluster status reason: SuccessfulCreateListener: Created listener k8s-clusterapi-cluster-magnum-system-kube-7ykqh-kubeapi-6443 with id 1',
    });
    kit.cloud.clusters.push(cluster);
    kit.cloud.nodegroups = {
      [cluster.uuid]: [
        {
          uuid: 'ng-m',
          name: 'default-master',
          role: 'master',
          nodeCount: 1,
          minNodeCount: 1,
          maxNodeCount: null,
          flavorId: null,
          isDefault: true,
          status: 'CREATE_COMPLETE',
        },
        {
          uuid: 'ng-w',
          name: 'default-worker',
          role: 'worker',
          nodeCount: 2,
          minNodeCount: 0,
          maxNodeCount: null,
          flavorId: null,
          isDefault: true,
          status: 'CREATE_IN_PROGRESS',
        },
      ],
    };
    const server = (name: string, status: string) => ({ id: `id-${name}`, name, status, fault: null, createdAt: NOW });
    if (kit.cloud.nova) {
      kit.cloud.nova.servers = [
        server('kube-7ykqh-control-plane-abcde-fghij', 'ACTIVE'),
        server('kube-7ykqh-default-worker-x2k9p-aaaaa', 'ACTIVE'),
        server('kube-7ykqh-default-worker-x2k9p-bbbbb', 'BUILD'),
        server('kube-other-default-worker-x2k9p-ccccc', 'ACTIVE'),
      ];
    }
    kit.advance(4 * 60_000);

    const result = await advanceOperation(anOp({ driver: 'other' }), cluster, kit.ctx);

    expect(result).toEqual({
      kind: 'updated',
      op: expect.objectContaining({
        driver: 'other',
        capi: expect.objectContaining({ ready: 2, wanted: 3, building: 1, failed: 0, controlPlaneReady: true, problem: null }),
      }),
    });
    const anchor = JSON.stringify(kit.slack[0]);
    expect(anchor).toContain('Cluster API driver (magnum-cluster-api), machines');
    expect(anchor).toContain('2/3 ready · 1 building · control plane ready');
    expect(anchor).toContain('TopologyCreate: Created \\"MachineDeployment/kube-7ykqh-default-worker-x2k9p\\"');
    expect(anchor).toContain('4 min elapsed (usually 5-15 min)');
    expect(kit.cloud.heatCalls).toBe(0);
    // The project's servers, listed once for every Cluster API operation of the poll.
    expect(kit.cloud.nova?.calls).toEqual(['listServers (all)']);
  });

  it('reports a stalled Cluster API create once, with the failed event, and queues a diagnosis', async () => {
    const kit = lifecycleKit();
    const cluster = aCluster({
      stackId: 'kube-7ykqh',
      statusReason: STALLED_REASON,
    });
    kit.cloud.clusters.push(cluster);
    kit.advance(60_000);

    const first = await advanceOperation(anOp({ driver: 'other' }), cluster, kit.ctx);
    if (first.kind !== 'updated') throw new Error('expected an update');
    kit.advance(60_000);
    const second = await advanceOperation({ ...first.op, lastRenderedAt: 0 }, cluster, kit.ctx);

    expect(first.op.stallReported).toBe(true);
    expect(second).toEqual({ kind: 'updated', op: expect.objectContaining({ stallReported: true }) });
    expect(texts(kit.slack).filter((t) => t.includes('is stuck'))).toEqual([
      expect.stringMatching(/^prod-b is stuck: FailedCreateNetwork: Failed to create network .*OverQuota/),
    ]);
    expect(kit.enqueued).toEqual([expect.objectContaining({ name: 'cluster-diagnose', jobId: 'cluster-diagnose-stalled-op-1' })]);
  });

  it('reports a stall once when the poll runs again before the operation was saved (a kill, a late Slack answer)', async () => {
    const kit = lifecycleKit();
    const cluster = aCluster({ stackId: 'kube-7ykqh', statusReason: STALLED_REASON });
    kit.cloud.clusters.push(cluster);
    kit.advance(60_000);

    // The same operation as stored, twice: the first run's result was never saved.
    await advanceOperation(anOp({ driver: 'other' }), cluster, kit.ctx);
    await advanceOperation(anOp({ driver: 'other' }), cluster, kit.ctx);

    expect(texts(kit.slack).filter((t) => t.includes('is stuck'))).toHaveLength(1);
  });

  it('reports machines Nova put in ERROR as a stall, with the fault', async () => {
    const kit = lifecycleKit();
    const cluster = aCluster({ stackId: 'prod-b-0a1b2c3d4e5f' });
    kit.cloud.clusters.push(cluster);
    if (kit.cloud.nova) {
      kit.cloud.nova.servers = [
        {
          id: 's1',
          name: 'prod-b-0a1b2c3d4e5f-default-worker-abcde-fghij',
          status: 'ERROR',
          fault: 'No valid host was found. There are not enough hosts available.',
          createdAt: NOW,
        },
      ];
    }

    const result = await advanceOperation(anOp(), cluster, kit.ctx);

    expect(result).toEqual({ kind: 'updated', op: expect.objectContaining({ stallReported: true }) });
    expect(texts(kit.slack)).toContain(
      'prod-b is stuck: machine prod-b-0a1b2c3d4e5f-default-worker-abcde-fghij is in ERROR: No valid host was found. There are not enough hosts available.',
    );
  });

  it('reports a Cluster API delete with no machine left as stuck only past 10 minutes (magnum-capi-helm says nothing)', async () => {
    const kit = lifecycleKit();
    const cluster = aCluster({ stackId: 'prod-b-0a1b2c3d4e5f', status: 'DELETE_IN_PROGRESS' });
    kit.cloud.clusters.push(cluster);
    if (kit.cloud.nova) kit.cloud.nova.servers = [];
    const op = anOp({ kind: 'delete', lastRenderedAt: 0 });

    kit.advance(5 * 60_000);
    const early = await advanceOperation(op, cluster, kit.ctx);
    kit.advance(6 * 60_000);
    const late = await advanceOperation(op, cluster, kit.ctx);

    expect(early).toEqual({ kind: 'updated', op: expect.not.objectContaining({ stallReported: true }) });
    expect(late).toEqual({ kind: 'updated', op: expect.objectContaining({ stallReported: true }) });
    expect(texts(kit.slack).filter((t) => t.includes('is stuck'))).toEqual([
      expect.stringMatching(/^prod-b is stuck: the machines are gone but the delete has not finished after 11 min/),
    ]);
  });

  it('ends a create at CREATE_COMPLETE: result mentions the requester, follow-up health checks enqueued, audit finished, name released', async () => {
    const kit = lifecycleKit();
    kit.cloud.clusters.push(aCluster({ status: 'CREATE_COMPLETE' }));
    await kit.operations.reserveName('sim', 'prod-b', 'op-1', 1000);
    kit.advance(19 * 60_000);

    const result = await advanceAndFinish(anOp(), aCluster({ status: 'CREATE_COMPLETE' }), kit.ctx);

    expect(result).toMatchObject({ kind: 'finished' });
    expect(texts(kit.slack)).toEqual([
      'Creating prod-b: CREATE_COMPLETE (19 min)',
      '<@U1ALICE> prod-b is ready (CREATE_COMPLETE after 19 min).',
    ]);
    expect(kit.enqueued).toEqual([
      {
        name: 'cluster-followup',
        jobId: 'cluster-followup-op-1',
        data: {
          cloud: 'sim',
          teamId: 'T1',
          channel: 'C1',
          user: 'U1ALICE',
          threadTs: '1.1',
          cluster: 'prod-b',
          after: 'create',
          endedAt: kit.ctx.clock.now(),
        },
        background: true,
      },
    ]);
    expect(kit.audit.records.map((r) => [r.decision, r.outcome])).toEqual([['finished', 'CREATE_COMPLETE']]);
    expect(kit.operations.names.size).toBe(0);
  });

  it('explains the trust refusal of a restricted application credential when a create fails on it', async () => {
    const kit = lifecycleKit();
    const reason = 'Failed to create trustee or trust for Cluster: 11111111-2222-3333-4444-555555555555';
    kit.cloud.clusters.push(aCluster({ status: 'CREATE_FAILED', statusReason: reason }));

    await advanceAndFinish(anOp(), aCluster({ status: 'CREATE_FAILED' }), kit.ctx);

    const result = JSON.stringify(kit.slack.find((c) => c.kind === 'post'));
    expect(result).toContain(reason);
    expect(result).toContain('created without `--unrestricted` cannot create trusts');
    expect(kit.enqueued.map((e) => e.jobId)).toEqual(['cluster-diagnose-create-failed-op-1']);
  });

  it('ends a resize at UPDATE_COMPLETE with the follow-up health checks of the same operation', async () => {
    const kit = lifecycleKit();
    kit.cloud.clusters.push(aCluster({ status: 'UPDATE_COMPLETE' }));

    const result = await advanceAndFinish(
      anOp({ kind: 'resize', initialStatus: 'UPDATE_COMPLETE', progressed: true }),
      aCluster({ status: 'UPDATE_COMPLETE' }),
      kit.ctx,
    );

    expect(result).toMatchObject({ kind: 'finished' });
    expect(kit.enqueued.map((e) => [e.name, e.jobId, (e.data as { after: string }).after])).toEqual([
      ['cluster-followup', 'cluster-followup-op-1', 'resize'],
    ]);
  });

  it('does not end a resize on the UPDATE_COMPLETE it started from', async () => {
    const kit = lifecycleKit();

    const result = await advanceAndFinish(
      anOp({ kind: 'resize', initialStatus: 'UPDATE_COMPLETE' }),
      aCluster({ status: 'UPDATE_COMPLETE' }),
      kit.ctx,
    );

    expect(result.kind).toBe('updated');
    expect(kit.audit.records).toEqual([]);
  });

  it('ends an upgrade at UPDATE_COMPLETE with the version Magnum reports, audited, and its follow-up health checks', async () => {
    const kit = lifecycleKit();
    kit.cloud.clusters.push(aCluster({ status: 'UPDATE_COMPLETE', coeVersion: 'v1.31.1' }));

    const result = await advanceAndFinish(
      anOp({ kind: 'upgrade', initialStatus: 'CREATE_COMPLETE', progressed: true, targetVersion: 'v1.31.1' }),
      aCluster({ status: 'UPDATE_COMPLETE' }),
      kit.ctx,
    );

    expect(result).toMatchObject({ kind: 'finished' });
    expect(texts(kit.slack)[1]).toBe('<@U1ALICE> prod-b runs Kubernetes v1.31.1 (upgraded in 0s).');
    expect(kit.audit.records.map((r) => [r.action, r.decision, r.outcome])).toEqual([
      ['cluster-upgrade', 'finished', 'UPDATE_COMPLETE, Kubernetes v1.31.1'],
    ]);
    expect(kit.enqueued.map((e) => [e.name, e.jobId, (e.data as { after: string }).after])).toEqual([
      ['cluster-followup', 'cluster-followup-op-1', 'upgrade'],
    ]);
  });

  it('diagnoses an upgrade that ends UPDATE_FAILED (the Heat driver fails where Cluster API stalls)', async () => {
    const kit = lifecycleKit();
    const failed = aCluster({ status: 'UPDATE_FAILED', statusReason: 'Resource UPDATE failed: resources.kube_masters: timed out' });
    kit.cloud.clusters.push(failed);

    await advanceAndFinish(anOp({ kind: 'upgrade', initialStatus: 'CREATE_COMPLETE', progressed: true }), failed, kit.ctx);

    expect(kit.enqueued.map((e) => [e.name, e.jobId, (e.data as { reason: string }).reason])).toEqual([
      ['cluster-diagnose', 'cluster-diagnose-upgrade-failed-op-1', 'upgrade-failed'],
    ]);
    expect(kit.audit.records.map((r) => [r.action, r.decision])).toEqual([['cluster-upgrade', 'failed']]);
    expect(texts(kit.slack).some((t) => /Upgrading/.test(t))).toBe(true);
  });

  it('takes a delete whose cluster left the list as DELETE_COMPLETE', async () => {
    const kit = lifecycleKit();

    const result = await advanceAndFinish(anOp({ kind: 'delete' }), undefined, kit.ctx);

    expect(result).toMatchObject({ kind: 'finished' });
    expect(texts(kit.slack)[1]).toBe('<@U1ALICE> prod-b is deleted (after 0s).');
  });
});

describe('polling a cloud', () => {
  it('reads Heat progress with one stack list for all Heat-driver operations, and keeps the driver it detected', async () => {
    const kit = lifecycleKit();
    for (let i = 0; i < 20; i += 1) {
      const stackId = `aaaaaaaa-bbbb-cccc-dddd-${String(i).padStart(12, '0')}`;
      kit.cloud.clusters.push(aCluster({ uuid: `u-${i}`, name: `c-${i}`, stackId }));
      await kit.operations.put('sim', `op-${i}`, anOp({ id: `op-${i}`, clusterUuid: `u-${i}`, cluster: `c-${i}` }));
    }

    await pollCloud('sim', kit.ctx);

    expect(kit.cloud.heatCalls).toBe(1);
    const ops = await kit.operations.list('sim');
    expect(ops).toHaveLength(20);
    expect(ops).toEqual(
      Array.from({ length: 20 }, () => expect.objectContaining({ driver: 'heat', driverName: 'heat', heat: { done: 1, total: 2 } })),
    );
    expect(JSON.stringify(kit.slack)).toContain('Heat stacks');
  });

  it('reads Cluster API progress with one Nova server list for all Cluster API operations, each counting its own machines', async () => {
    const kit = lifecycleKit();
    const server = (name: string) => ({ id: `id-${name}`, name, status: 'ACTIVE', fault: null, createdAt: NOW });
    if (kit.cloud.nova) kit.cloud.nova.servers = [];
    for (let i = 0; i < 20; i += 1) {
      kit.cloud.clusters.push(aCluster({ uuid: `u-${i}`, name: `c-${i}`, stackId: `kube-a${String(i).padStart(4, '0')}` }));
      kit.cloud.nova?.servers?.push(server(`kube-a${String(i).padStart(4, '0')}-control-plane-abcde`));
      await kit.operations.put('sim', `op-${i}`, anOp({ id: `op-${i}`, clusterUuid: `u-${i}`, cluster: `c-${i}` }));
    }

    await pollCloud('sim', kit.ctx);

    expect(kit.cloud.nova?.calls).toEqual(['listServers (all)']);
    const ops = await kit.operations.list('sim');
    expect(ops).toEqual(
      Array.from({ length: 20 }, () =>
        expect.objectContaining({ driver: 'other', capi: expect.objectContaining({ ready: 1, wanted: 3, controlPlaneReady: true }) }),
      ),
    );
  });

  it('makes one list call however many operations it advances', async () => {
    const kit = lifecycleKit();
    for (let i = 0; i < 50; i += 1) {
      kit.cloud.clusters.push(aCluster({ uuid: `u-${i}`, name: `c-${i}` }));
      await kit.operations.put('sim', `op-${i}`, anOp({ id: `op-${i}`, clusterUuid: `u-${i}`, cluster: `c-${i}`, driver: 'other' }));
    }

    const remaining = await pollCloud('sim', kit.ctx);

    expect(remaining).toBe(50);
    expect(kit.cloud.listCalls).toBe(1);
    // 50 due at once: the poll renders its budget (ceil(50 x 30 s / 66.7 s) = 23); the rest at the next polls.
    expect(kit.slack.filter((c) => c.kind === 'update').length).toBe(23);
  });

  it('hands operations that end together to their finish jobs in one bulk add, and posts nothing itself', async () => {
    const kit = lifecycleKit();
    for (let i = 0; i < 30; i += 1) {
      kit.cloud.clusters.push(aCluster({ uuid: `u-${i}`, name: `c-${i}`, status: 'CREATE_COMPLETE' }));
      await kit.operations.put('sim', `op-${i}`, anOp({ id: `op-${i}`, clusterUuid: `u-${i}`, cluster: `c-${i}`, progressed: true }));
    }
    await kit.operations.put('sim', 'op-busy', anOp({ id: 'op-busy', clusterUuid: 'u-busy', cluster: 'busy' }));
    kit.cloud.clusters.push(aCluster({ uuid: 'u-busy', name: 'busy' }));

    const remaining = await pollCloud('sim', kit.ctx);

    expect(remaining).toBe(1);
    expect(kit.enqueued.map((e) => e.jobId).sort()).toEqual(Array.from({ length: 30 }, (_, i) => `operation-finish-op-${i}`).sort());
    expect(kit.bulkAdds).toEqual([30]);
    expect(kit.slack.filter((c) => c.kind === 'post')).toEqual([]);
    expect((await kit.operations.list('sim')).map((op) => (op as TrackedOperation).id)).toEqual(['op-busy']);

    const finish = kit.enqueued[0];
    await operationFinish.process(operationFinish.data.parse(finish?.data), kit.ctx);
    expect(texts(kit.slack).filter((t) => / is ready /.test(t))).toHaveLength(1);
  });

  it("spaces each message's progress edits by the bot's clock as far as chat.update's tier needs for all of them", async () => {
    const kit = lifecycleKit();
    for (let i = 0; i < 100; i += 1) {
      kit.cloud.clusters.push(aCluster({ uuid: `u-${i}`, name: `c-${i}`, stackId: null }));
      const op = anOp({ id: `op-${i}`, clusterUuid: `u-${i}`, cluster: `c-${i}`, lastStatus: 'CREATE_IN_PROGRESS', lastRenderedAt: NOW });
      await kit.operations.put('sim', op.id, op);
    }
    const edits = () => kit.slack.filter((c) => c.kind === 'update').length;

    kit.advance(2 * 60_000);
    await pollCloud('sim', kit.ctx);
    const atTwoMinutes = edits();
    kit.advance(60_000);
    await pollCloud('sim', kit.ctx);

    // 100 messages at 45 edits a minute: each once in 2 min 14 s; a poll renders at most the share of
    // one 30 s step of that (ceil(100 x 30 / 134) = 23), the longest waiting first.
    expect([atTwoMinutes, edits()]).toEqual([0, 23]);
    kit.advance(30_000);
    await pollCloud('sim', kit.ctx);
    expect(edits()).toBe(46);
  });
});
