import { detectDriver, driverOfEntryPoint, type DriverEvidence, type MagnumDriver } from '../../../src/core/magnum-driver.js';

const HEAT_STACK = '3f2a6c1e-8d4b-4c55-9e7a-1b2c3d4e5f60';

describe('detectDriver', () => {
  const table: [string, DriverEvidence, MagnumDriver, string][] = [
    [
      'an explicit template driver wins over everything',
      { templateDriver: 'k8s_capi_helm_v1', stackId: HEAT_STACK },
      'magnum-capi-helm',
      'template driver',
    ],
    ['a Vexxhost entry point', { templateDriver: 'k8s_cluster_api_flatcar' }, 'magnum-cluster-api', 'template driver'],
    ['the Heat entry point', { templateDriver: 'k8s_fedora_coreos_v1', clusterDistro: 'ubuntu' }, 'heat', 'template driver'],
    ['a Heat stack UUID', { stackId: HEAT_STACK, clusterDistro: 'fedora-coreos' }, 'heat', 'Heat stack UUID'],
    ['a magnum-cluster-api name', { stackId: 'kube-7ykqh', clusterDistro: 'ubuntu' }, 'magnum-cluster-api', 'magnum-cluster-api name'],
    ['a magnum-capi-helm release name', { stackId: 'prod-a-0a1b2c3d4e5f', clusterDistro: 'ubuntu' }, 'magnum-capi-helm', 'release name'],
    ['the stack_id beats a misleading distro', { stackId: 'kube-7ykqh', clusterDistro: 'fedora-coreos' }, 'magnum-cluster-api', 'stack_id'],
    [
      'a capi-helm label before stack_id exists',
      { stackId: null, labels: { capi_helm_chart_version: '0.10.0' }, clusterDistro: 'ubuntu' },
      'magnum-capi-helm',
      'label',
    ],
    ['fedora-coreos without stack_id', { stackId: null, clusterDistro: 'fedora-coreos' }, 'heat', 'cluster_distro'],
    ['rockylinux only runs on magnum-cluster-api', { clusterDistro: 'rockylinux' }, 'magnum-cluster-api', 'cluster_distro'],
    ['ubuntu alone is some Cluster API driver', { clusterDistro: 'Ubuntu' }, 'capi', 'cluster_distro ubuntu'],
    [
      'an unknown entry point falls through to the distro',
      { templateDriver: 'k8s_custom', clusterDistro: 'flatcar' },
      'capi',
      'cluster_distro',
    ],
    ['an unknown entry point and nothing else', { templateDriver: 'k8s_custom' }, 'unknown', 'template driver k8s_custom'],
    ['nothing at all', {}, 'unknown', 'no driver'],
    ['a stack_id of no known shape', { stackId: 'Not_A_Name' }, 'unknown', 'no driver'],
  ];

  it.each(table)('%s', (_name, evidence, driver, because) => {
    const facts = detectDriver(evidence);
    expect(facts.driver).toBe(driver);
    expect(facts.because).toContain(because);
    expect(facts.family).toBe(driver === 'heat' ? 'heat' : driver === 'unknown' ? 'unknown' : 'cluster-api');
  });
});

describe('driverOfEntryPoint', () => {
  it.each([
    ['k8s_capi_helm_v1', 'magnum-capi-helm'],
    ['k8s_cluster_api_ubuntu_focal', 'magnum-cluster-api'],
    ['k8s_fedora_atomic_v1', 'heat'],
    ['something_else', 'unknown'],
  ])('%s is %s', (name, driver) => {
    expect(driverOfEntryPoint(name)).toBe(driver);
  });
});
