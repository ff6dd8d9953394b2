/** Plain shapes of Heat, Octavia and Neutron objects that diagnostics read. */
export interface HeatStack {
  id: string;
  name: string;
  status: string;
  statusReason: string | null;
  createdAt: number | null;
  updatedAt: number | null;
}

/** One stack of Heat's stack list with `show_nested`: nested stacks name their parent stack. */
export interface HeatStackEntry {
  id: string;
  name: string;
  status: string;
  /** The parent stack's id; null for a top-level stack. */
  parent: string | null;
}

export interface HeatResource {
  name: string;
  type: string;
  status: string;
  statusReason: string | null;
  physicalId: string | null;
  /** Name of the resource in the parent stack that holds this one's nested stack; null at the top. */
  parent: string | null;
  /** Path of resource names from the top stack, e.g. ['network', 'private_subnet']. */
  path: string[];
  stackName: string;
  /** Id of the nested stack this resource creates, when it is a nested stack resource. */
  nestedStackId: string | null;
  updatedAt: number | null;
}

export interface LoadBalancer {
  id: string;
  name: string;
  description: string;
  vipSubnetId: string | null;
  vipAddress: string | null;
  vipPortId: string | null;
  provisioningStatus: string;
  operatingStatus: string;
  projectId: string | null;
  createdAt: number | null;
}

export interface Port {
  id: string;
  name: string;
  deviceOwner: string;
  deviceId: string;
  status: string;
  fixedIps: { subnetId: string; ipAddress: string }[];
}

export interface Subnet {
  id: string;
  name: string;
  networkId: string;
  cidr: string;
}

/** A Nova server (for Cluster API drivers: one machine of the cluster). */
export interface NovaServer {
  id: string;
  name: string;
  /** BUILD, ACTIVE, ERROR, SHUTOFF, ... */
  status: string;
  /** Nova's fault message of an ERROR server. */
  fault: string | null;
  createdAt: number | null;
}
