import { clusterRecreate, recreatePlan } from '../../../jobs/cluster-recreate.js';
import { NotFoundError } from '../../../src/core/errors.js';
import { ORIGIN, jobKit, run } from './job-kit.js';
import { OPERATION_LABEL } from '../../../src/core/requests/create-request.js';
import { aCluster, aTemplate } from '../../helpers/snapshot-builders.js';

describe('recreatePlan: the same cluster without the docker volume', () => {
  const shape = { flavor_id: 'c1.c2r4', docker_storage_driver: 'overlay2', labels: { kube_tag: 'v1.27.4' } };
  const withVolume = aTemplate({ uuid: 'tpl-vol', name: 'k8s-vol', dockerVolumeSize: 20, raw: { ...shape, docker_volume_size: 20 } });
  const twin = aTemplate({ uuid: 'tpl-twin', name: 'k8s-no-vol', raw: { ...shape, docker_volume_size: null } });
  const other = aTemplate({ uuid: 'tpl-other', name: 'k8s-other', raw: { ...shape, flavor_id: 'c1.c4r8' } });

  it('keeps the template when the volume was the cluster’s own, with its sizes, flavors, keypair, timeout and own labels (keys only)', () => {
    const cluster = aCluster({
      dockerVolumeSize: 20,
      nodeCount: 3,
      labels: { kube_tag: 'v1.27.4', monitoring_enabled: 'true', [OPERATION_LABEL]: 'op-1' },
    });
    const plan = recreatePlan(cluster, aTemplate({ labels: { kube_tag: 'v1.27.4' } }), []);

    expect(plan).toEqual({
      spec: {
        cluster: 'dev-a',
        template: 'tpl-1',
        nodes: 3,
        masters: 1,
        flavor: 'c1.c2r4',
        masterFlavor: 'c1.c2r4',
        keypair: 'ops-key',
        timeout: 60,
        labels: { monitoring_enabled: '' },
      },
      template: 'kubernetes-v1.27.4',
      labels: { monitoring_enabled: 'true' },
    });
  });

  it('moves to the twin template when the template carries the volume', () => {
    const plan = recreatePlan(aCluster({ clusterTemplateId: 'tpl-vol' }), withVolume, [withVolume, other, twin]);

    expect(plan).toMatchObject({ spec: { template: 'tpl-twin' }, template: 'k8s-no-vol' });
    expect('spec' in plan && plan.spec.dockerVolumeSize).toBeUndefined();
  });

  it.each([
    ['there is no twin template', aCluster(), withVolume, [withVolume, other], /no template of the project is the same without it/],
    ['there is no docker volume', aCluster(), aTemplate(), [], /has no docker volume on overlay2/],
    [
      'the driver is not overlay2',
      aCluster({ dockerVolumeSize: 20 }),
      aTemplate({ dockerStorageDriver: 'devicemapper' }),
      [],
      /has no docker volume on overlay2/,
    ],
  ])('refuses when %s', (_case, cluster, template, templates, refusal) => {
    const plan = recreatePlan(cluster, template, templates);

    expect('refusal' in plan && plan.refusal).toMatch(refusal);
  });
});

describe('cluster-recreate job: nothing deleted unless it can be created again; the create only once the cluster is gone', () => {
  const withVolume = aTemplate({ uuid: 'tpl-1', dockerVolumeSize: 20 });
  const DATA = { ...ORIGIN, cluster: 'dev-a', uuid: 'c0ffee00-0000-4000-8000-000000000001', threadTs: '100.1' };

  function kit(cluster: ReturnType<typeof aCluster> | null, templates: ReturnType<typeof aTemplate>[] = [withVolume]) {
    const { ctx, calls, slack } = jobKit();
    const enqueued: { name: string; data: object; jobId: string | undefined }[] = [];
    const held = new Map<string, string>();
    const base = ctx.openstack('sim');
    ctx.openstack = () => ({
      ...base,
      magnum: {
        ...base.magnum,
        getCluster: async () => {
          if (cluster === null) throw new NotFoundError('Cluster dev-a could not be found.');
          return cluster;
        },
        getTemplate: async () => templates[0] ?? withVolume,
        listTemplates: async () => templates,
        deleteCluster: async (id: string) => void calls.push(`deleteCluster(${id})`),
      },
    });
    ctx.queue = {
      enqueue: async (name, data, options) => (
        enqueued.push({ name, data, jobId: options.jobId }),
        { jobId: options.jobId, created: true }
      ),
      enqueueMany: async () => undefined,
    };
    ctx.held = { get: async (k) => held.get(k) ?? null, set: async (k, v) => void held.set(k, v) };
    return { ctx, calls, slack, enqueued, held };
  }

  it('leaves a busy cluster alone', async () => {
    const { ctx, calls } = kit(aCluster({ status: 'UPDATE_IN_PROGRESS', dockerVolumeSize: 20 }));

    await expect(run(clusterRecreate, DATA, ctx)).rejects.toMatchObject({
      userMessage: expect.stringContaining('UPDATE_IN_PROGRESS: it was left alone'),
    });
    expect(calls.filter((c) => c.startsWith('deleteCluster'))).toEqual([]);
  });

  it('deletes nothing when the template carries the volume and has no twin', async () => {
    const { ctx, calls } = kit(aCluster(), [withVolume]);

    await expect(run(clusterRecreate, DATA, ctx)).rejects.toMatchObject({ userMessage: expect.stringContaining('Nothing was deleted.') });
    expect(calls.filter((c) => c.startsWith('deleteCluster'))).toEqual([]);
  });

  it('deletes, holds the label values outside the job data, and waits', async () => {
    const { ctx, calls, held } = kit(aCluster({ dockerVolumeSize: 20, labels: { grafana_admin_passwd: 'hunter2' } }), [aTemplate()]);

    const result = await run(clusterRecreate, DATA, ctx);

    expect(calls.filter((c) => c.startsWith('deleteCluster'))).toEqual(['deleteCluster(c0ffee00-0000-4000-8000-000000000001)']);
    expect(result).toMatchObject({
      rescheduleInMs: expect.any(Number),
      data: { step: 'wait', spec: { labels: { grafana_admin_passwd: '' } } },
    });
    expect(JSON.stringify(result)).not.toContain('hunter2');
    expect([...held.values()]).toEqual(['{"grafana_admin_passwd":"hunter2"}']);
  });

  it('stops at DELETE_FAILED without creating anything, pointing to the diagnosis', async () => {
    const { ctx, enqueued } = kit(aCluster({ status: 'DELETE_FAILED' }));

    await expect(run(clusterRecreate, { ...DATA, step: 'wait', spec: { cluster: 'dev-a' } }, ctx)).rejects.toMatchObject({
      userMessage: expect.stringContaining('/kube diagnose dev-a'),
    });
    expect(enqueued).toEqual([]);
  });

  it('hands the create over once Magnum no longer has the cluster', async () => {
    const { ctx, enqueued } = kit(null);

    await run(clusterRecreate, { ...DATA, step: 'wait', spec: { cluster: 'dev-a', template: 'tpl-2', labels: {} } }, ctx);

    expect(enqueued).toEqual([
      {
        name: 'cluster-create',
        data: expect.objectContaining({ spec: { cluster: 'dev-a', template: 'tpl-2', labels: {} }, confirmed: true, threadTs: '100.1' }),
        jobId: expect.stringMatching(/^cluster-create-recreate-/),
      },
    ]);
  });
});
