import { clusterCreate } from '../../../jobs/cluster-create.js';
import { errorForResponse } from '../../../src/openstack/upstream-errors.js';
import { aCluster, lifecycleKit } from './tracking/lifecycle-kit.js';
import { run } from './job-kit.js';

const DATA = { cloud: 'sim', teamId: 'T1', channel: 'C1', user: 'U1ALICE', spec: { cluster: 'prod-b', template: 'k8s', nodes: 2 } };

describe('cluster-create', () => {
  it('creates once with the operation label (template labels merged) and hands the cluster to the poller', async () => {
    const kit = lifecycleKit({ jobId: 'op-7' });

    await run(clusterCreate, DATA, kit.ctx);

    expect(kit.cloud.created).toEqual([
      { name: 'prod-b', clusterTemplateId: 'tpl-uuid', nodeCount: 2, labels: { kube_chatops_op: 'op-7' }, mergeLabels: true },
    ]);
    expect([...kit.operations.ops.keys()]).toEqual(['sim/op-7']);
    expect(kit.enqueued.map((e) => e.name)).toEqual(['operations-poll']);
    expect(kit.audit.records.map((r) => r.decision)).toEqual(['requested', 'started']);
  });

  it('adopts the cluster an earlier attempt of the same operation created instead of creating a second', async () => {
    const kit = lifecycleKit({ jobId: 'op-7' });
    kit.cloud.clusters.push(aCluster({ uuid: 'mine', labels: { kube_chatops_op: 'op-7' } }));

    await run(clusterCreate, DATA, kit.ctx);

    expect(kit.cloud.created).toEqual([]);
    expect((kit.operations.ops.get('sim/op-7') as { clusterUuid: string }).clusterUuid).toBe('mine');
  });

  it('refuses a name another cluster already has', async () => {
    const kit = lifecycleKit({ jobId: 'op-7' });
    kit.cloud.clusters.push(aCluster({ uuid: 'theirs', status: 'CREATE_COMPLETE' }));

    await expect(run(clusterCreate, DATA, kit.ctx)).rejects.toThrow('A cluster named `prod-b` already exists');
    expect(kit.cloud.created).toEqual([]);
    expect(kit.audit.records.map((r) => r.decision)).toEqual(['requested', 'failed']);
  });

  it('refuses while another operation holds the name', async () => {
    const kit = lifecycleKit({ jobId: 'op-7' });
    await kit.operations.reserveName('sim', 'prod-b', 'op-other', 1000);

    await expect(run(clusterCreate, DATA, kit.ctx)).rejects.toThrow('Another create of `prod-b` is already under way');
    expect(kit.cloud.created).toEqual([]);
  });

  it('stops at the pre-flight warning for a docker volume on an overlay2 template, creating nothing', async () => {
    const kit = lifecycleKit();

    const result = await run(clusterCreate, { ...DATA, spec: { ...DATA.spec, dockerVolumeSize: 20 } }, kit.ctx);

    expect(result).toEqual({ awaiting: 'preflight-confirmation' });
    expect(kit.cloud.created).toEqual([]);
    const posts = kit.slack.flatMap((c) => (c.kind === 'post' ? [c.message.text] : []));
    expect(posts.slice(1)).toEqual([
      'Before creating prod-b: A docker volume size on the overlay2 template k8s leaves pods stuck in ContainerCreating',
      'Create prod-b without the docker volume (recommended), with it anyway, or cancel?',
    ]);
  });

  it('goes ahead with the volume once the pre-flight was confirmed', async () => {
    const kit = lifecycleKit();

    await run(clusterCreate, { ...DATA, spec: { ...DATA.spec, dockerVolumeSize: 20 }, confirmed: true, threadTs: '9.9' }, kit.ctx);

    expect(kit.cloud.created.map((c) => c.dockerVolumeSize)).toEqual([20]);
  });

  it.each([
    [403, 'Resource limit exceeded: You have reached the maximum clusters per project, 20.', 'quota_exceeded'],
    [403, "Policy doesn't allow cluster:create to be performed.", 'forbidden'],
  ])('names the known refusal (%i %s)', async (status, message, code) => {
    const kit = lifecycleKit();
    const bodyText = JSON.stringify({ errors: [{ status, code: 'client', title: message }] });
    kit.cloud.createError = errorForResponse({ service: 'magnum', method: 'POST', url: 'http://magnum/v1/clusters', status, bodyText });

    await expect(run(clusterCreate, DATA, kit.ctx)).rejects.toMatchObject({ code });
    expect(kit.operations.names.size).toBe(0);
  });

  it('re-checks the role in the worker and creates nothing when it is gone', async () => {
    const kit = lifecycleKit({ denied: true });

    await expect(run(clusterCreate, DATA, kit.ctx)).rejects.toThrow('denied');
    expect(kit.cloud.created).toEqual([]);
    expect(kit.audit.records.map((r) => r.decision)).toEqual(['denied']);
  });
});
