import { ConfigMapSchema, DaemonSetSchema, IpPoolSchema, NodeSchema } from '../../../src/kube/kube-schemas.js';
import { toKConfigMap, toKDaemonSet, toKIpPool } from '../../../src/kube/to-kube-objects.js';
import { toKNode } from '../../../src/kube/to-kube-state.js';

describe('what the overlay check reads of the network plugins, and nothing more', () => {
  it("keeps a node's flannel and calico annotations only", () => {
    const node = toKNode(
      NodeSchema.parse({
        metadata: {
          name: 'n0',
          annotations: {
            'flannel.alpha.coreos.com/backend-type': 'vxlan',
            'flannel.alpha.coreos.com/public-ip': '10.0.0.12',
            'projectcalico.org/IPv4VXLANTunnelAddr': '10.100.8.0',
            'node.alpha.kubernetes.io/ttl': '0',
            'kubeadm.alpha.kubernetes.io/cri-socket': '/run/containerd/containerd.sock',
          },
        },
      }),
    );
    expect(node.networkAnnotations).toEqual({
      'flannel.alpha.coreos.com/backend-type': 'vxlan',
      'flannel.alpha.coreos.com/public-ip': '10.0.0.12',
      'projectcalico.org/IPv4VXLANTunnelAddr': '10.100.8.0',
    });
  });

  it("keeps flannel's net-conf.json and calico's backend, and no other ConfigMap value", () => {
    const netConf = '{"Network":"10.100.0.0/16","Backend":{"Type":"vxlan"}}';
    const flannel = toKConfigMap(
      ConfigMapSchema.parse({
        metadata: { name: 'kube-flannel-cfg', namespace: 'kube-system' },
        data: { 'net-conf.json': netConf, 'cni-conf.json': '{}' },
      }),
    );
    const calico = toKConfigMap(
      ConfigMapSchema.parse({
        metadata: { name: 'calico-config', namespace: 'kube-system' },
        data: { calico_backend: 'bird', etcd_endpoints: 'https://user:pw@etcd:2379' },
      }),
    );
    const other = toKConfigMap(
      ConfigMapSchema.parse({ metadata: { name: 'app-config', namespace: 'shop' }, data: { 'net-conf.json': 'x' } }),
    );
    expect(flannel).toEqual({
      namespace: 'kube-system',
      name: 'kube-flannel-cfg',
      keys: ['cni-conf.json', 'net-conf.json'],
      networkData: { 'net-conf.json': netConf },
    });
    expect(calico.networkData).toEqual({ calico_backend: 'bird' });
    expect(other.networkData).toBeUndefined();
  });

  it("keeps a DaemonSet's container images and its literal CALICO_/FLANNEL env, no other env", () => {
    const ds = toKDaemonSet(
      DaemonSetSchema.parse({
        metadata: { name: 'calico-node', namespace: 'kube-system' },
        spec: {
          template: {
            spec: {
              containers: [
                {
                  name: 'calico-node',
                  image: 'docker.io/calico/node:v3.21.4',
                  env: [
                    { name: 'CALICO_IPV4POOL_VXLAN', value: 'Always' },
                    { name: 'CALICO_IPV4POOL_IPIP', value: 'Never' },
                    { name: 'CALICO_NETWORKING_BACKEND', valueFrom: { configMapKeyRef: { name: 'calico-config', key: 'calico_backend' } } },
                    { name: 'DATASTORE_TYPE', value: 'kubernetes' },
                    { name: 'ETCD_KEY', value: 'secret' },
                  ],
                },
              ],
            },
          },
        },
        status: { desiredNumberScheduled: 3, numberReady: 3 },
      }),
    );
    expect([ds.kind, ds.desired, ds.ready]).toEqual(['DaemonSet', 3, 3]);
    expect(ds.containers).toEqual([
      {
        name: 'calico-node',
        image: 'docker.io/calico/node:v3.21.4',
        env: { CALICO_IPV4POOL_VXLAN: 'Always', CALICO_IPV4POOL_IPIP: 'Never' },
      },
    ]);
  });

  it("reads a Calico IP pool's encapsulation", () => {
    const pool = toKIpPool(
      IpPoolSchema.parse({
        metadata: { name: 'default-ipv4-ippool' },
        spec: { cidr: '10.100.0.0/16', vxlanMode: 'CrossSubnet', ipipMode: 'Never' },
      }),
    );
    expect(pool).toEqual({ name: 'default-ipv4-ippool', cidr: '10.100.0.0/16', vxlanMode: 'CrossSubnet', ipipMode: 'Never' });
  });
});
