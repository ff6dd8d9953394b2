import { recreatePlan } from '../../../jobs/cluster-recreate.js';
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
