import type { SimCluster } from './sim-state.js';

const DRIVERS = 'file:///usr/lib/python3/dist-packages/magnum/drivers';
const LBAAS = 'Magnum::Optional::Neutron::LBaaS';

/** One resource of Magnum's k8s_fedora_coreos_v1 stack; `children` makes it a nested stack. */
export interface LayoutNode {
  name: string;
  type: string;
  children?: LayoutNode[];
  /** Which worker this subtree belongs to (ResourceGroup member of kube_minions). */
  workerIndex?: number;
}

const leaf = (name: string, type: string): LayoutNode => ({ name, type });

function master(i: number): LayoutNode {
  return {
    name: String(i),
    type: `${DRIVERS}/k8s_fedora_coreos_v1/templates/kubemaster.yaml`,
    children: [
      leaf('master_config', 'OS::Heat::SoftwareConfig'),
      leaf('kube_master_eth0', 'OS::Neutron::Port'),
      leaf('kube-master', 'OS::Nova::Server'),
      leaf('kube_master_floating', 'Magnum::Optional::KubeMaster::Neutron::FloatingIP'),
      leaf('docker_volume', 'Magnum::Optional::Cinder::Volume'),
      leaf('docker_volume_attach', 'Magnum::Optional::Cinder::VolumeAttachment'),
      leaf('etcd_volume', 'Magnum::Optional::Etcd::Volume'),
      leaf('etcd_volume_attach', 'Magnum::Optional::Etcd::VolumeAttachment'),
      leaf('api_pool_member', `${LBAAS}::PoolMember`),
      leaf('etcd_pool_member', `${LBAAS}::PoolMember`),
      leaf('master_config_deployment', 'OS::Heat::SoftwareDeployment'),
    ],
  };
}

function worker(i: number): LayoutNode {
  return {
    name: String(i),
    type: `${DRIVERS}/k8s_fedora_coreos_v1/templates/kubeminion.yaml`,
    workerIndex: i,
    children: [
      leaf('node_config', 'OS::Heat::SoftwareConfig'),
      leaf('kube_minion_eth0', 'OS::Neutron::Port'),
      leaf('kube-minion', 'OS::Nova::Server'),
      leaf('kube_minion_floating', 'Magnum::Optional::KubeMinion::Neutron::FloatingIP'),
      leaf('docker_volume', 'Magnum::Optional::Cinder::Volume'),
      leaf('docker_volume_attach', 'Magnum::Optional::Cinder::VolumeAttachment'),
      leaf('node_config_deployment', 'OS::Heat::SoftwareDeployment'),
    ],
  };
}

function lb(name: string, template: string, withFloating: boolean): LayoutNode {
  const children = [
    leaf('loadbalancer', `${LBAAS}::LoadBalancer`),
    leaf('listener', `${LBAAS}::Listener`),
    leaf('pool', `${LBAAS}::Pool`),
    leaf('monitor', `${LBAAS}::HealthMonitor`),
  ];
  if (withFloating) children.push(leaf('floating', `${LBAAS}::FloatingIP`));
  return { name, type: `${DRIVERS}/common/templates/${template}`, children };
}

/** The top-level resources of a cluster's stack with `workers` worker members, in creation order. */
export function stackLayout(cluster: SimCluster, workerIndices: number[]): LayoutNode[] {
  const masters = Array.from({ length: cluster.masterCount }, (_, i) => master(i));
  return [
    {
      name: 'network',
      type: `${DRIVERS}/common/templates/network.yaml`,
      children: [
        leaf('private_network', 'OS::Neutron::Net'),
        leaf('private_subnet', 'OS::Neutron::Subnet'),
        leaf('extrouter', 'OS::Neutron::Router'),
        leaf('extrouter_inside', 'OS::Neutron::RouterInterface'),
      ],
    },
    lb('api_lb', 'lb_api.yaml', true),
    lb('etcd_lb', 'lb_etcd.yaml', false),
    leaf('secgroup_kube_master', 'OS::Neutron::SecurityGroup'),
    leaf('secgroup_kube_minion', 'OS::Neutron::SecurityGroup'),
    leaf('master_nodes_server_group', 'OS::Nova::ServerGroup'),
    leaf('worker_nodes_server_group', 'OS::Nova::ServerGroup'),
    { name: 'kube_masters', type: 'OS::Heat::ResourceGroup', children: masters },
    { name: 'kube_minions', type: 'OS::Heat::ResourceGroup', children: workerIndices.map(worker) },
    leaf('kube_cluster_config', 'OS::Heat::SoftwareConfig'),
    leaf('kube_cluster_deploy', 'OS::Heat::SoftwareDeployment'),
  ];
}

/** Leaves below `nodes` in depth-first order, with their path (and worker, if any) from the top stack. */
export function leavesOf(nodes: LayoutNode[], prefix: string[] = [], worker?: number): { path: string[]; node: LayoutNode }[] {
  return nodes.flatMap((node) => {
    const workerIndex = node.workerIndex ?? worker;
    if (node.children) return leavesOf(node.children, [...prefix, node.name], workerIndex);
    return [{ path: [...prefix, node.name], node: workerIndex === undefined ? node : { ...node, workerIndex } }];
  });
}

/** Heat's error path for a resource below a stack: `resources.kube_masters.resources[0].resources.x`. */
export function heatPath(path: string[]): string {
  return path.map((p) => (/^\d+$/.test(p) ? `resources[${p}]` : `resources.${p}`)).join('.');
}

export const FAILING_LEAF = ['kube_masters', '0', 'master_config_deployment'];
export const BLOCKED_LEAF = ['network', 'private_subnet'];
