import { dockerVolumeSizeOverlay2, preflightDockerVolumeOverlay2 } from '../../../../src/diagnostics/rules/docker-volume-size-overlay2.js';
import { aCluster, aKubeState, aKubeconfigSnapshot, aPod, aSnapshot, aTemplate, anEvent } from '../../../helpers/snapshot-builders.js';
import { expectSameUnderSkew, runRule, severities } from './run-rule.js';
import { SOURCES } from '../../../../src/core/sources.js';

const stuckPods = [
  aPod({ namespace: 'kube-system', name: 'coredns-78df4bf8ff-kp9pk', status: 'ContainerCreating', ageMinutes: 33 }),
  aPod({ namespace: 'kube-system', name: 'heapster-74f98f6489-7ctpn', status: 'ContainerCreating', ageMinutes: 32 }),
];
const running = [aPod({ namespace: 'kube-system', name: 'calico-node-95d26' })];

/** A young cluster (pods 3 min old) whose kube-system pods fail to mount overlay: seed case "created but pods fail". */
const youngPods = [
  aPod({ namespace: 'kube-system', name: 'coredns-78df4bf8ff-kp9pk', status: 'ContainerCreating', ageMinutes: 3 }),
  aPod({ namespace: 'kube-system', name: 'kube-dns-autoscaler-986c49747-whkmh', status: 'ContainerCreating', ageMinutes: 3 }),
];
const overlayMount = (name: string) =>
  anEvent(`kube-system/Pod/${name}`, {
    reason: 'FailedCreatePodSandBox',
    message: `Failed create pod sandbox: rpc error: code = Unknown desc = failed to create a sandbox for pod "${name}": Error response from daemon: error creating overlay mount to /var/lib/docker/overlay2/3f4e9a0c1b2d-init/merged: invalid argument`,
    ageMinutes: 1,
    count: 2,
  });
const youngEvents = youngPods.map((p) => overlayMount(p.name));

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
    ['a young cluster whose pods fail to mount overlay (the event is the evidence)', aCluster({ dockerVolumeSize: 10 }), aTemplate()],
    ['a young cluster on a template with a docker volume', aCluster(), aTemplate({ dockerVolumeSize: 20 })],
  ])('is critical at once for %s', (_case, cluster, template) => {
    const snapshot = aSnapshot({ cluster, template, kube: aKubeState({ pods: [...youngPods, ...running], events: youngEvents }) });
    const [finding] = runRule(dockerVolumeSizeOverlay2, snapshot);
    expect(finding?.severity).toBe('critical');
    expect(finding?.objects.slice(1)).toEqual(youngPods.map((p) => `kube-system/Pod/${p.name}`));
    expect(finding?.evidence[2]).toBe(
      '2 pods: ContainerCreating; FailedCreatePodSandBox: Failed create pod sandbox: rpc error: code = Unknown desc = failed to create a sandbox for pod "<name>": ' +
        'Error response from daemon: error creating overlay mount to /var/lib/docker/overlay2/<id>-init/merged: invalid argument ' +
        '(first: kube-system/coredns-78df4bf8ff-kp9pk, kube-system/kube-dns-autoscaler-986c49747-whkmh)',
    );
    expect(finding?.details?.[0]).toMatch(
      /^kube-system\/Pod\/coredns-78df4bf8ff-kp9pk: ContainerCreating for 3m on k8s-minion-0; FailedCreatePodSandBox \(60s ago, 2 times\): .*3f4e9a0c1b2d-init/,
    );
  });

  it('is critical for a cluster registered by kubeconfig whose pods show the overlay mount error', () => {
    const [finding] = runRule(dockerVolumeSizeOverlay2, aKubeconfigSnapshot({ pods: youngPods, events: youngEvents }));
    expect(finding?.severity).toBe('critical');
    expect(finding?.evidence[0]).toContain('no Magnum template');
    expect(finding?.objects).toEqual(youngPods.map((p) => `kube-system/Pod/${p.name}`));
  });

  const quiet = [
    ['no docker volume size', aCluster(), aTemplate(), stuckPods, []],
    ['no docker volume size, even with an overlay mount error', aCluster(), aTemplate(), youngPods, youngEvents],
    ['a young cluster with the combination whose pods are only starting', aCluster({ dockerVolumeSize: 10 }), aTemplate(), youngPods, []],
    [
      'devicemapper with a docker volume size',
      aCluster({ dockerVolumeSize: 10 }),
      aTemplate({ dockerStorageDriver: 'devicemapper' }),
      stuckPods,
      [],
    ],
    ['overlay2 with a volume size but every pod Running', aCluster({ dockerVolumeSize: 10 }), aTemplate(), running, []],
    ['docker_volume_size 0', aCluster({ dockerVolumeSize: 0 }), aTemplate(), stuckPods, []],
  ] as const;
  it.each(quiet)('stays quiet with %s', (_case, cluster, template, pods, events) => {
    expect(
      runRule(dockerVolumeSizeOverlay2, aSnapshot({ cluster, template, kube: aKubeState({ pods: [...pods], events: [...events] }) })),
    ).toEqual([]);
  });

  it.each([
    ['the young cluster with overlay mount errors', aCluster({ dockerVolumeSize: 10 }), [...youngPods, ...running], youngEvents],
    ['pods stuck past the threshold, no events', aCluster({ dockerVolumeSize: 10 }), [...stuckPods, ...running], []],
    ['the young cluster before any error', aCluster({ dockerVolumeSize: 10 }), youngPods, []],
  ])('finds the same under clock skew with %s', (_case, cluster, pods, events) => {
    expectSameUnderSkew(dockerVolumeSizeOverlay2, aSnapshot({ cluster, kube: aKubeState({ pods, events }) }));
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
    expect(finding?.action).toEqual({
      id: 'recreate-without-volume',
      label: 'Delete dev-a and create it again without the docker volume',
      params: { cluster: 'dev-a', uuid: 'c0ffee00-0000-4000-8000-000000000001' },
    });
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
