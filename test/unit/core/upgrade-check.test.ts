import type { ClusterDetail, ClusterTemplate } from '../../../src/core/cluster.js';
import { compareKubeVersions, parseKubeVersion, upgradeRefusal, type UpgradePlan } from '../../../src/core/upgrade-check.js';

function template(over: Partial<ClusterTemplate>): ClusterTemplate {
  return {
    uuid: 't-old',
    name: 'k8s-1.30-capi-helm',
    coe: 'kubernetes',
    imageId: 'ubuntu-jammy-kube-v1.30.4',
    dockerStorageDriver: null,
    dockerVolumeSize: null,
    networkDriver: 'calico',
    volumeDriver: null,
    flavorId: null,
    masterFlavorId: null,
    externalNetworkId: null,
    clusterDistro: 'ubuntu',
    serverType: 'vm',
    labels: {},
    masterLbEnabled: true,
    raw: {},
    ...over,
  };
}

function plan(over: Partial<UpgradePlan> = {}, status = 'CREATE_COMPLETE'): UpgradePlan {
  const cluster = { name: 'prod', uuid: 'c-1', status, clusterTemplateId: 't-old' } as ClusterDetail;
  return {
    cluster,
    current: template({}),
    target: template({ uuid: 't-new', name: 'k8s-1.31-capi-helm' }),
    fromVersion: 'v1.30.4',
    toVersion: 'v1.31.1',
    imageDrivers: { current: 'k8s_capi_helm_v1', target: 'k8s_capi_helm_v1' },
    ...over,
  };
}

describe('upgradeRefusal: what Magnum would refuse, said before asking it', () => {
  it('accepts a newer template of the same driver from CREATE_COMPLETE and UPDATE_COMPLETE', () => {
    expect(upgradeRefusal(plan())).toBeNull();
    expect(upgradeRefusal(plan({}, 'UPDATE_COMPLETE'))).toBeNull();
  });

  it.each([
    ['the same template', plan({ target: template({}) }), /already uses template `k8s-1.30-capi-helm`/],
    ['another COE', plan({ target: template({ uuid: 't-new', name: 'swarm', coe: 'swarm' }) }), /swarm template .* same COE only/],
    [
      'another driver (from the image property)',
      plan({ imageDrivers: { current: 'k8s_capi_helm_v1', target: 'k8s_cluster_api_ubuntu' } }),
      /selects the magnum-cluster-api driver and `prod` runs on magnum-capi-helm/,
    ],
    [
      'Heat to Cluster API (from the distro)',
      plan({ current: template({ clusterDistro: 'fedora-coreos' }), imageDrivers: { current: null, target: 'k8s_capi_helm_v1' } }),
      /cannot change driver/,
    ],
    ['an older version', plan({ toVersion: 'v1.29.9' }), /runs Kubernetes v1.29.9, older than the v1.30.4/],
    ['the same version', plan({ toVersion: 'v1.30.4' }), /runs Kubernetes v1.30.4, the version v1.30.4/],
    ['an unknown version', plan({ toVersion: null }), /version of `k8s-1.31-capi-helm` is unknown/],
  ])('refuses %s', (_what, p, message) => {
    expect(upgradeRefusal(p)).toMatch(message);
  });

  it.each(['CREATE_IN_PROGRESS', 'UPDATE_IN_PROGRESS', 'CREATE_FAILED', 'UPDATE_FAILED', 'DELETE_IN_PROGRESS'])(
    'refuses a cluster that is %s, as Magnum does',
    (status) => {
      expect(upgradeRefusal(plan({}, status))).toMatch(new RegExp(`is ${status}: Magnum upgrades a cluster only from`));
    },
  );
});

describe('Kubernetes versions', () => {
  it('parses kube_tag and kube_version forms and orders them numerically', () => {
    expect(parseKubeVersion('v1.31.1')).toEqual([1, 31, 1]);
    expect(parseKubeVersion('1.9')).toEqual([1, 9, 0]);
    expect(parseKubeVersion('v1.27.4-rancher1')).toEqual([1, 27, 4]);
    expect(parseKubeVersion('latest')).toBeNull();
    expect(compareKubeVersions([1, 10, 0], [1, 9, 9])).toBeGreaterThan(0);
    expect(compareKubeVersions([1, 30, 4], [1, 30, 4])).toBe(0);
  });
});
