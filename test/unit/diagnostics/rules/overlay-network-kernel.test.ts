import { isOlderThanVxlanKernel, overlayNetworkKernel } from '../../../../src/diagnostics/rules/overlay-network-kernel.js';
import { aCluster, aKubeState, aKubeconfigSnapshot, aNode, aSnapshot, aTemplate } from '../../../helpers/snapshot-builders.js';
import { runRule, severities } from './run-rule.js';

const oldNodes = [
  aNode({ name: 'minion-0', kernelVersion: '3.10.0-1160.el7.x86_64' }),
  aNode({ name: 'minion-1', kernelVersion: '5.15.0' }),
];
const flannelConfig = { namespace: 'kube-system', name: 'kube-flannel-cfg', keys: ['cni-conf.json', 'net-conf.json'] };

describe('overlay-network-kernel', () => {
  it.each([
    [
      'flannel with its default backend',
      aSnapshot({ template: aTemplate({ networkDriver: 'flannel' }), kube: aKubeState({ nodes: oldNodes }) }),
      ['critical'],
    ],
    [
      'flannel_backend vxlan set on the cluster',
      aSnapshot({
        cluster: aCluster({ labels: { flannel_backend: 'vxlan' } }),
        template: aTemplate({ networkDriver: 'flannel' }),
        kube: aKubeState({ nodes: oldNodes }),
      }),
      ['critical'],
    ],
    [
      'a kubeconfig cluster with the flannel configmap',
      aKubeconfigSnapshot({ nodes: oldNodes, configMaps: [flannelConfig] }),
      ['critical'],
    ],
    ['an old kernel with an unknown overlay', aKubeconfigSnapshot({ nodes: oldNodes }), ['info']],
  ])('fires for %s', (_case, snapshot, expected) => {
    expect(severities(runRule(overlayNetworkKernel, snapshot))).toEqual(expected);
  });

  it.each([
    ['new kernels with flannel vxlan', aSnapshot({ template: aTemplate({ networkDriver: 'flannel' }) })],
    ['unknown kernel versions', aKubeconfigSnapshot({ nodes: [aNode({ kernelVersion: null })], configMaps: [flannelConfig] })],
    ['kernel 3.16 exactly', aKubeconfigSnapshot({ nodes: [aNode({ kernelVersion: '3.16.0-4-amd64' })], configMaps: [flannelConfig] })],
  ])('stays quiet for %s', (_case, snapshot) => {
    expect(runRule(overlayNetworkKernel, snapshot)).toEqual([]);
  });

  it('is not critical for flannel host-gw', () => {
    const snapshot = aSnapshot({
      template: aTemplate({ networkDriver: 'flannel', labels: { flannel_backend: 'host-gw' } }),
      kube: aKubeState({ nodes: oldNodes }),
    });
    expect(severities(runRule(overlayNetworkKernel, snapshot))).toEqual(['info']);
  });

  it('names the old nodes and why the overlay is vxlan', () => {
    const [finding] = runRule(
      overlayNetworkKernel,
      aSnapshot({ template: aTemplate({ networkDriver: 'flannel' }), kube: aKubeState({ nodes: oldNodes }) }),
    );
    expect(finding?.objects).toEqual(['Node/minion-0']);
    expect(finding?.evidence).toEqual([
      'Node/minion-0: kernel 3.10.0-1160.el7.x86_64',
      'network_driver: flannel (template), flannel_backend: vxlan (the default)',
    ]);
    expect(finding?.remedy).toContain('restarting openvswitch');
  });

  it.each([
    ['3.10.0-1160.el7.x86_64', true],
    ['3.15.9', true],
    ['2.6.32', true],
    ['3.16.0', false],
    ['4.19.0', false],
    ['garbage', false],
  ])('kernel %s is older than 3.16: %s', (release, expected) => {
    expect(isOlderThanVxlanKernel(release)).toBe(expected);
  });
});

describe('overlay-network-kernel on a Magnum cluster running flannel despite its template', () => {
  it('trusts the flannel configmap found in the cluster', () => {
    const snapshot = aSnapshot({
      template: aTemplate({ networkDriver: 'calico' }),
      kube: aKubeState({ nodes: oldNodes, configMaps: [flannelConfig] }),
    });
    expect(severities(runRule(overlayNetworkKernel, snapshot))).toEqual(['critical']);
  });
});
