import { SOURCES } from '../../../../src/core/sources.js';
import type { KConfigMap, KIpPool, KWorkload } from '../../../../src/core/kube-state.js';
import { isOlderThanVxlanKernel, overlayNetworkKernel } from '../../../../src/diagnostics/rules/overlay-network-kernel.js';
import { aCluster, aKubeState, aKubeconfigSnapshot, aNode, aSnapshot, aTemplate, aWorkload } from '../../../helpers/snapshot-builders.js';
import { expectSameUnderSkew, runRule, severities } from './run-rule.js';

const OLD = '3.10.0-1160.el7.x86_64';
const oldNodes = [aNode({ name: 'minion-0', kernelVersion: OLD }), aNode({ name: 'minion-1', kernelVersion: '5.15.0' })];
const annotated = (annotations: Record<string, string>) => [
  aNode({ name: 'minion-0', kernelVersion: OLD, networkAnnotations: annotations }),
  aNode({ name: 'minion-1', kernelVersion: '5.15.0', networkAnnotations: annotations }),
];
const flannelConfig = (backend: string | null): KConfigMap => ({
  namespace: 'kube-system',
  name: 'kube-flannel-cfg',
  keys: ['cni-conf.json', 'net-conf.json'],
  networkData: {
    'net-conf.json': JSON.stringify({ Network: '10.100.0.0/16', ...(backend === null ? {} : { Backend: { Type: backend } }) }),
  },
});
const flannelDs: KWorkload = aWorkload({
  kind: 'DaemonSet',
  namespace: 'kube-system',
  name: 'kube-flannel-ds',
  containers: [{ name: 'kube-flannel', image: 'quay.io/coreos/flannel:v0.15.1', env: {} }],
});
const calicoDs = (env: Record<string, string>): KWorkload =>
  aWorkload({
    kind: 'DaemonSet',
    namespace: 'kube-system',
    name: 'calico-node',
    containers: [{ name: 'calico-node', image: 'docker.io/calico/node:v3.21.4', env }],
  });
const pool = (over: Partial<KIpPool>): KIpPool => ({
  name: 'default-ipv4-ippool',
  cidr: '10.100.0.0/16',
  vxlanMode: 'Never',
  ipipMode: 'Never',
  ...over,
});
const calicoConfig = (backend: string): KConfigMap => ({
  namespace: 'kube-system',
  name: 'calico-config',
  keys: ['calico_backend', 'cni_network_config'],
  networkData: { calico_backend: backend },
});

const critical: [string, ReturnType<typeof aSnapshot>][] = [
  [
    'flannel with its default backend (template)',
    aSnapshot({ template: aTemplate({ networkDriver: 'flannel' }), kube: aKubeState({ nodes: oldNodes }) }),
  ],
  [
    'flannel_backend vxlan set on the cluster',
    aSnapshot({
      cluster: aCluster({ labels: { flannel_backend: 'vxlan' } }),
      template: aTemplate({ networkDriver: 'flannel' }),
      kube: aKubeState({ nodes: oldNodes }),
    }),
  ],
  [
    'a kubeconfig cluster whose flannel net-conf.json says vxlan',
    aKubeconfigSnapshot({ nodes: oldNodes, configMaps: [flannelConfig('vxlan')], workloads: [flannelDs] }),
  ],
  [
    'a kubeconfig cluster whose nodes annotate flannel backend-type vxlan',
    aKubeconfigSnapshot({ nodes: annotated({ 'flannel.alpha.coreos.com/backend-type': 'vxlan' }) }),
  ],
  [
    'a kubeconfig cluster whose calico-node sets CALICO_IPV4POOL_VXLAN=Always',
    aKubeconfigSnapshot({ nodes: oldNodes, workloads: [calicoDs({ CALICO_IPV4POOL_VXLAN: 'Always', CALICO_IPV4POOL_IPIP: 'Never' })] }),
  ],
  [
    'a kubeconfig cluster whose Calico IP pool has vxlanMode CrossSubnet',
    aKubeconfigSnapshot({ nodes: oldNodes, ipPools: [pool({ vxlanMode: 'CrossSubnet' })] }),
  ],
  [
    'a kubeconfig cluster whose nodes carry a Calico VXLAN tunnel address',
    aKubeconfigSnapshot({ nodes: annotated({ 'projectcalico.org/IPv4VXLANTunnelAddr': '10.100.8.0' }) }),
  ],
  [
    'a kubeconfig cluster whose calico-config says calico_backend vxlan',
    aKubeconfigSnapshot({ nodes: oldNodes, configMaps: [calicoConfig('vxlan')] }),
  ],
  [
    'a Magnum cluster running flannel vxlan despite a calico template',
    aSnapshot({
      template: aTemplate({ networkDriver: 'calico' }),
      kube: aKubeState({ nodes: oldNodes, configMaps: [flannelConfig('vxlan')] }),
    }),
  ],
];

const info: [string, ReturnType<typeof aSnapshot>][] = [
  ['an old kernel with an unknown overlay', aKubeconfigSnapshot({ nodes: oldNodes })],
  [
    'flannel host-gw in the template',
    aSnapshot({
      template: aTemplate({ networkDriver: 'flannel', labels: { flannel_backend: 'host-gw' } }),
      kube: aKubeState({ nodes: oldNodes }),
    }),
  ],
  [
    'a flannel template whose running flannel uses host-gw',
    aSnapshot({
      template: aTemplate({ networkDriver: 'flannel' }),
      kube: aKubeState({ nodes: oldNodes, configMaps: [flannelConfig('host-gw')] }),
    }),
  ],
  [
    'Calico over IPIP',
    aKubeconfigSnapshot({
      nodes: oldNodes,
      workloads: [calicoDs({ CALICO_IPV4POOL_IPIP: 'Always' })],
      ipPools: [pool({ ipipMode: 'Always' })],
    }),
  ],
  [
    'flannel running with no readable backend',
    aKubeconfigSnapshot({ nodes: oldNodes, configMaps: [flannelConfig(null)], workloads: [flannelDs] }),
  ],
];

const quiet: [string, ReturnType<typeof aSnapshot>][] = [
  [
    'new kernels with flannel vxlan',
    aSnapshot({ template: aTemplate({ networkDriver: 'flannel' }), kube: aKubeState({ configMaps: [flannelConfig('vxlan')] }) }),
  ],
  ['unknown kernel versions', aKubeconfigSnapshot({ nodes: [aNode({ kernelVersion: null })], configMaps: [flannelConfig('vxlan')] })],
  [
    'kernel 3.16 exactly',
    aKubeconfigSnapshot({ nodes: [aNode({ kernelVersion: '3.16.0-4-amd64' })], configMaps: [flannelConfig('vxlan')] }),
  ],
];

describe('overlay-network-kernel', () => {
  it.each(critical)('is critical for %s', (_case, snapshot) => {
    expect(severities(runRule(overlayNetworkKernel, snapshot))).toEqual(['critical']);
  });

  it.each(info)('is only information for %s', (_case, snapshot) => {
    expect(severities(runRule(overlayNetworkKernel, snapshot))).toEqual(['info']);
  });

  it.each(quiet)('stays quiet for %s', (_case, snapshot) => {
    expect(runRule(overlayNetworkKernel, snapshot)).toEqual([]);
  });

  it('names the old nodes and why the overlay is vxlan (the template)', () => {
    const [finding] = runRule(
      overlayNetworkKernel,
      aSnapshot({ template: aTemplate({ networkDriver: 'flannel' }), kube: aKubeState({ nodes: oldNodes }) }),
    );
    expect(finding?.objects).toEqual(['Node/minion-0']);
    expect(finding?.evidence).toEqual([
      `Node/minion-0: kernel ${OLD}`,
      'network_driver: flannel (template), flannel_backend: vxlan (the default)',
    ]);
    expect(finding?.remedy).toContain('restarting openvswitch');
    expect(finding?.reference).toEqual(SOURCES.kollaDebugging);
  });

  it('quotes what runs in a kubeconfig cluster: the DaemonSet, its ConfigMap and the node annotations', () => {
    const snapshot = aKubeconfigSnapshot({
      nodes: annotated({ 'flannel.alpha.coreos.com/backend-type': 'vxlan' }),
      configMaps: [flannelConfig('vxlan')],
      workloads: [flannelDs],
    });
    const [finding] = runRule(overlayNetworkKernel, snapshot);
    expect(finding?.evidence).toEqual([
      `Node/minion-0: kernel ${OLD}`,
      'kube-system/DaemonSet/kube-flannel-ds runs',
      'kube-system/ConfigMap/kube-flannel-cfg: net-conf.json Backend.Type vxlan',
      '2 nodes annotated flannel.alpha.coreos.com/backend-type=vxlan',
    ]);
  });

  it('trusts the annotation of the old node itself when the cluster-wide settings say nothing', () => {
    const nodes = [
      aNode({ name: 'minion-0', kernelVersion: OLD, networkAnnotations: { 'flannel.alpha.coreos.com/backend-type': 'vxlan' } }),
      aNode({ name: 'minion-1', kernelVersion: '5.15.0' }),
    ];
    const [finding] = runRule(overlayNetworkKernel, aKubeconfigSnapshot({ nodes }));
    expect(finding?.severity).toBe('critical');
    expect(finding?.evidence).toContain('Node/minion-0 annotated flannel.alpha.coreos.com/backend-type=vxlan');
  });

  it.each([...critical, ...info, ...quiet])('finds the same under clock skew for %s', (_case, snapshot) => {
    expectSameUnderSkew(overlayNetworkKernel, snapshot);
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
