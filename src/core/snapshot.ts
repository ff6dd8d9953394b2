import type { ClusterDetail, ClusterTemplate, Nodegroup } from './cluster.js';
import type { KubeState } from './kube-state.js';
import type { HeatResource, HeatStack, LoadBalancer, Port } from './openstack-state.js';

/** A part of the state that could not be collected; rules turn these into findings. */
export interface CollectionProblem {
  source: 'magnum' | 'heat' | 'octavia' | 'neutron' | 'kube';
  /** Stable code: `unreachable`, `forbidden`, `timeout`, `not_found`, `truncated`, `error`. */
  code: string;
  /** What was being collected, e.g. `pods` or `loadbalancers`. */
  what: string;
  message: string;
}

/**
 * Everything diagnostics know about one cluster, collected once. OpenStack parts are null
 * for clusters added by kubeconfig (Kolla-Kubernetes, Murano, Heat-template clusters).
 */
export interface ClusterSnapshot {
  name: string;
  collectedAt: number;
  cluster: ClusterDetail | null;
  template: ClusterTemplate | null;
  nodegroups: Nodegroup[];
  stack: HeatStack | null;
  /** All resources of the cluster's stack, nested stacks flattened. */
  heatResources: HeatResource[];
  /** The cluster's private subnet, when known (cluster.fixedSubnet or the Heat network stack). */
  subnetId: string | null;
  loadBalancers: LoadBalancer[];
  ports: Port[];
  kube: KubeState | null;
  problems: CollectionProblem[];
}
