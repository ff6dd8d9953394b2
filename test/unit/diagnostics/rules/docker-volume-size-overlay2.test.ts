import { dockerVolumeSizeOverlay2, preflightDockerVolumeOverlay2 } from '../../../../src/diagnostics/rules/docker-volume-size-overlay2.js';
import { aCluster, aKubeState, aPod, aSnapshot, aTemplate } from '../../../helpers/snapshot-builders.js';
import { runRule, severities } from './run-rule.js';
import { SOURCES } from '../../../../src/core/sources.js';

const stuckPods = [
  aPod({ namespace: 'kube-system', name: 'coredns-78df4bf8ff-kp9pk', status: 'ContainerCreating', ageMinutes: 33 }),
  aPod({ namespace: 'kube-system', name: 'heapster-74f98f6489-7ctpn', status: 'ContainerCreating', ageMinutes: 32 }),
];
const running = [aPod({ namespace: 'kube-system', name: 'calico-node-95d26' })];

describe('docker-volume-size-overlay2', () => {
  it.each([
    [
      'the cluster sets docker_volume_size on an overlay2 template',
      aCluster({ dockerVolumeSize: 10 }),
      aTemplate({ dockerStorageDriver: 'overlay2' }),
    ],
    ['the template sets docker_volume_size', aCluster(), aTemplate({ dockerVolumeSize: 20 })],
    [
      'overlay2 comes from the docker_storage_driver label',
      aCluster({ dockerVolumeSize: 10 }),
      aTemplate({ dockerStorageDriver: null, labels: { docker_storage_driver: 'overlay2' } }),
    ],
  ])('is critical when %s and pods are stuck', (_case, cluster, template) => {
    const snapshot = aSnapshot({ cluster, template, kube: aKubeState({ pods: [...stuckPods, ...running] }) });
    expect(severities(runRule(dockerVolumeSizeOverlay2, snapshot))).toEqual(['critical']);
  });

  it.each([
    ['no docker volume size', aCluster(), aTemplate(), stuckPods],
    [
      'devicemapper with a docker volume size',
      aCluster({ dockerVolumeSize: 10 }),
      aTemplate({ dockerStorageDriver: 'devicemapper' }),
      stuckPods,
    ],
    ['overlay2 with a volume size but every pod Running', aCluster({ dockerVolumeSize: 10 }), aTemplate(), running],
    ['docker_volume_size 0', aCluster({ dockerVolumeSize: 0 }), aTemplate(), stuckPods],
  ])('stays quiet with %s', (_case, cluster, template, pods) => {
    expect(runRule(dockerVolumeSizeOverlay2, aSnapshot({ cluster, template, kube: aKubeState({ pods }) }))).toEqual([]);
  });

  it('explains the Catalyst known issue with its remedy and lists the stuck pods', () => {
    const snapshot = aSnapshot({ cluster: aCluster({ dockerVolumeSize: 10 }), kube: aKubeState({ pods: [...stuckPods, ...running] }) });
    const [finding] = runRule(dockerVolumeSizeOverlay2, snapshot);
    expect(finding?.reference).toEqual(SOURCES.catalystPodsFail);
    expect(finding?.objects).toEqual([
      'openstack/Cluster/dev-a',
      'kube-system/Pod/coredns-78df4bf8ff-kp9pk',
      'kube-system/Pod/heapster-74f98f6489-7ctpn',
    ]);
    expect(finding?.evidence.slice(0, 2)).toEqual([
      'docker_volume_size: 10 GB (set on the cluster)',
      'docker_storage_driver: overlay2 (template kubernetes-v1.27.4)',
    ]);
    expect(finding?.explanation).toContain('incompatibility between overlay2 and docker_volume_size');
    expect(finding?.remedy).toContain('not a recoverable error');
  });

  it('is only information when the Kubernetes state could not be read', () => {
    const snapshot = aSnapshot({ cluster: aCluster({ dockerVolumeSize: 10 }), kube: null });
    expect(severities(runRule(dockerVolumeSizeOverlay2, snapshot))).toEqual(['info']);
  });

  describe('preflightDockerVolumeOverlay2', () => {
    it.each([
      ['a requested size on an overlay2 template', aTemplate(), 10, 'warning'],
      ['no request but a template size on overlay2', aTemplate({ dockerVolumeSize: 5 }), undefined, 'warning'],
      ['no size at all', aTemplate(), undefined, null],
      ['a size on a devicemapper template', aTemplate({ dockerStorageDriver: 'devicemapper' }), 10, null],
      ['a size of 0', aTemplate(), 0, null],
    ])('with %s gives %s', (_case, template, size, expected) => {
      expect(preflightDockerVolumeOverlay2(template, size)?.severity ?? null).toBe(expected);
    });

    it('names the template and the known issue', () => {
      const finding = preflightDockerVolumeOverlay2(aTemplate({ name: 'k8s-overlay2' }), 10);
      expect(finding?.title).toBe('A docker volume size on the overlay2 template k8s-overlay2 leaves pods stuck in ContainerCreating');
      expect(finding?.evidence).toEqual([
        'docker_volume_size: 10 GB (requested)',
        'docker_storage_driver: overlay2 (template k8s-overlay2)',
      ]);
      expect(finding?.reference).toEqual(SOURCES.catalystPodsFail);
    });
  });
});
