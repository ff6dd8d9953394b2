import { createHash } from 'node:crypto';
import { capoResourceName } from './capi-model.js';
import { octaviaTime, stableUuid } from './ids.js';
import { liveWorkerCount, phaseAt } from './cluster-lifecycle.js';
import type { SimCluster, SimLoadBalancer, SimState } from './sim-state.js';

export const SUBNET_CIDR = '10.0.0.0/24';

/** A Neutron port, in the field order Neutron writes. */
export interface PortView {
  admin_state_up: boolean;
  allowed_address_pairs: object[];
  created_at: string;
  description: string;
  device_id: string;
  device_owner: string;
  fixed_ips: { subnet_id: string; ip_address: string }[];
  id: string;
  mac_address: string;
  name: string;
  network_id: string;
  port_security_enabled: boolean;
  project_id: string;
  revision_number: number;
  security_groups: string[];
  status: string;
  tags: string[];
  tenant_id: string;
  updated_at: string;
}

/** The floating-IP range address number `n` of a cluster (stable per cluster). */
export function floatingAddress(cluster: SimCluster, n: number): string {
  const base = (createHash('sha1').update(cluster.uuid).digest()[0] as number) % 150;
  return `172.24.4.${10 + base + n}`;
}

/** Load balancers visible at `now` (created, not yet gone). */
export function liveLoadBalancers(state: SimState, now: number): SimLoadBalancer[] {
  return state.loadBalancers.filter((lb) => lb.createdAt <= now && (lb.goneAt === null || lb.goneAt > now));
}

function port(cluster: SimCluster, key: string, name: string, owner: string, deviceId: string, ip: string): PortView {
  const id = stableUuid(`${cluster.uuid}-port-${key}`);
  const mac = `fa:16:3e:${id.slice(0, 2)}:${id.slice(2, 4)}:${id.slice(4, 6)}`;
  const t = octaviaTime(cluster.createdAt) + 'Z';
  return {
    admin_state_up: true,
    allowed_address_pairs: [],
    created_at: t,
    description: '',
    device_id: deviceId,
    device_owner: owner,
    fixed_ips: [{ subnet_id: cluster.subnetId, ip_address: ip }],
    id,
    mac_address: mac,
    name,
    network_id: cluster.networkId,
    port_security_enabled: owner.startsWith('compute:'),
    project_id: cluster.projectId,
    revision_number: 1,
    security_groups: [],
    status: 'ACTIVE',
    tags: [],
    tenant_id: cluster.projectId,
    updated_at: t,
  };
}

/** Every port on a cluster's private network at `now`, computed from the cluster and its LBs. */
export function portsOf(state: SimState, cluster: SimCluster, now: number): PortView[] {
  const phase = phaseAt(state, cluster, now);
  if (!phase) return [];
  const ports: PortView[] = [port(cluster, 'dhcp', '', 'network:dhcp', `dhcp${cluster.networkId}`, '10.0.0.2')];
  if (phase.status !== 'DELETE_FAILED') {
    ports.push(port(cluster, 'router', '', 'network:router_interface', stableUuid(`${cluster.uuid}-router`), '10.0.0.1'));
    for (let i = 0; i < cluster.masterCount; i += 1) {
      ports.push(port(cluster, `m${i}`, '', 'compute:nova', stableUuid(`${cluster.uuid}-server-m${i}`), `10.0.0.${10 + i}`));
    }
    for (let i = 0; i < liveWorkerCount(cluster, phase); i += 1) {
      ports.push(port(cluster, `w${i}`, '', 'compute:nova', stableUuid(`${cluster.uuid}-server-w${i}`), `10.0.0.${50 + i}`));
    }
  }
  for (const lb of liveLoadBalancers(state, now)) {
    if (lb.vipSubnetId !== cluster.subnetId) continue;
    const vip = port(cluster, `lb-${lb.id}`, `octavia-lb-${lb.id}`, 'Octavia', lb.id, lb.vipAddress);
    ports.push({ ...vip, id: lb.vipPortId, port_security_enabled: true });
  }
  return ports;
}

/** Neutron's subnet view of a cluster's private subnet. */
export function subnetView(cluster: SimCluster): object {
  const t = octaviaTime(cluster.createdAt) + 'Z';
  return {
    // Heat's network stack names it; Cluster API Provider OpenStack names network and subnet alike.
    name:
      cluster.driver === 'heat' ? `${cluster.stackName}-network-${cluster.stackName.slice(-6)}-private_subnet` : capoResourceName(cluster),
    enable_dhcp: true,
    network_id: cluster.networkId,
    segment_id: null,
    project_id: cluster.projectId,
    tenant_id: cluster.projectId,
    dns_nameservers: ['8.8.8.8'],
    allocation_pools: [{ start: '10.0.0.2', end: '10.0.0.254' }],
    host_routes: [],
    ip_version: 4,
    gateway_ip: '10.0.0.1',
    cidr: SUBNET_CIDR,
    id: cluster.subnetId,
    created_at: t,
    description: '',
    ipv6_address_mode: null,
    ipv6_ra_mode: null,
    revision_number: 0,
    service_types: [],
    subnetpool_id: null,
    tags: [],
    updated_at: t,
  };
}

/** Neutron's network view; the cluster's is named `private`, as Magnum's network stack names it. */
export function networkView(id: string, name: string, projectId: string, subnets: string[], external: boolean, createdAt: number): object {
  const t = octaviaTime(createdAt) + 'Z';
  return {
    admin_state_up: true,
    availability_zone_hints: [],
    availability_zones: ['nova'],
    created_at: t,
    description: '',
    id,
    ipv4_address_scope: null,
    ipv6_address_scope: null,
    mtu: 1450,
    name,
    port_security_enabled: true,
    project_id: projectId,
    'router:external': external,
    shared: external,
    status: 'ACTIVE',
    subnets,
    tags: [],
    tenant_id: projectId,
    updated_at: t,
  };
}
