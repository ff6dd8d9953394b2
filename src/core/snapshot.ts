import type { ClusterDetail, ClusterTemplate, Nodegroup } from './cluster.js';
import type { KubeState } from './kube-state.js';
import type { DriverFacts } from './magnum-driver.js';
import type { HeatResource, HeatStack, LoadBalancer, NovaServer, Port } from './openstack-state.js';

/** A part of the state that could not be collected; rules turn these into findings. */
export interface CollectionProblem {
  source: 'magnum' | 'heat' | 'octavia' | 'neutron' | 'nova' | 'kube';
  /** Stable code: `unreachable`, `forbidden`, `timeout`, `not_found`, `truncated`, `error`. */
  code: string;
  /** What was being collected, e.g. `pods` or `loadbalancers`. */
  what: string;
  message: string;
}

/** Why the bot read a server's console: its create failed or hangs, or its node is NotReady. */
export type ConsoleReason = 'create-failed' | 'create-in-progress' | 'node-not-ready';

/** The tail of one Nova server's serial console log (`os-getConsoleOutput`), as Nova returned it. */
export interface NodeConsole {
  server: string;
  serverId: string;
  reason: ConsoleReason;
  lines: string[];
}

/**
 * Everything diagnostics know about one cluster, collected once. OpenStack parts are null
 * for clusters added by kubeconfig (Kolla-Kubernetes, Murano, Heat-template clusters).
 */
export interface ClusterSnapshot {
  name: string;
  /** The bot's clock when the snapshot was complete. */
  collectedAt: number;
  /**
   * The same instant on the Kubernetes API server's clock (its `Date` header), against which
   * pod, event and node ages are measured; the bot's clock when the header was missing.
   * Absent in snapshots built without collecting (then the rules use the bot's clock).
   */
  kubeNow?: number;
  /** The same instant on Magnum's clock, for Magnum and Heat times (created_at, resource updates). */
  openstackNow?: number;
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
  /**
   * Console logs of the servers whose create failed or hangs, or whose node is NotReady (absent: none read);
   * for Cluster API drivers, of the control plane machines that run while the control plane nodegroup waits.
   */
  consoles?: NodeConsole[];
  kube: KubeState | null;
  problems: CollectionProblem[];
  /** The Magnum driver, told from what Magnum says (absent in snapshots built without collecting). */
  driver?: DriverFacts;
  /** Cluster API drivers: the cluster's machines as Nova lists them (with their faults). */
  servers?: NovaServer[];
}
