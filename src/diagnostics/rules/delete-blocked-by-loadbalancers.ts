import type { Finding } from '../../core/finding.js';
import type { HeatResource, LoadBalancer, Port } from '../../core/openstack-state.js';
import type { ClusterSnapshot } from '../../core/snapshot.js';
import { capLines, clip, plural } from '../evidence.js';
import { openstackRef } from '../object-refs.js';
import { CATALYST_DELETE_FAILS } from '../references.js';
import type { Rule } from '../rule.js';

const RULE = 'delete-blocked-by-loadbalancers';
const IGNORED_PORT_OWNERS = [
  'network:router_interface',
  'network:router_interface_distributed',
  'network:ha_router_replicated_interface',
  'network:dhcp',
];

function isSubnetConflict(text: string | null | undefined): boolean {
  if (text === null || text === undefined) return false;
  return /private_subnet/.test(text) && /Conflict|One or more ports have an IP allocation/i.test(text);
}

/** The Heat `private_subnet` Conflict text, wherever Magnum or Heat put it; null when absent. */
export function subnetConflictReason(snapshot: ClusterSnapshot): string | null {
  const cluster = snapshot.cluster;
  const candidates = [
    cluster?.statusReason,
    ...Object.values(cluster?.faults ?? {}),
    snapshot.stack?.statusReason,
    ...snapshot.heatResources.filter((r) => r.name === 'private_subnet' && r.status.endsWith('FAILED')).map((r) => r.statusReason),
  ];
  const hit = candidates.find(isSubnetConflict);
  if (hit !== undefined && hit !== null) return hit;
  const subnet = snapshot.heatResources.find((r) => r.name === 'private_subnet' && r.status === 'DELETE_FAILED');
  return subnet === undefined ? null : (subnet.statusReason ?? 'private_subnet DELETE_FAILED');
}

function physicalIds(resources: readonly HeatResource[], type: RegExp): Set<string> {
  return new Set(resources.filter((r) => type.test(r.type) && r.physicalId !== null).map((r) => r.physicalId as string));
}

/** Load balancers and ports on the subnet that nothing in the cluster's stack will delete. */
export function blockingObjects(snapshot: ClusterSnapshot): { loadBalancers: LoadBalancer[]; ports: Port[] } {
  const heatLbs = physicalIds(snapshot.heatResources, /LoadBalancer$/);
  const heatPorts = physicalIds(snapshot.heatResources, /^OS::Neutron::Port$/);
  const heatServers = physicalIds(snapshot.heatResources, /^OS::Nova::Server$/);
  const onSubnet = (lb: LoadBalancer) => snapshot.subnetId === null || lb.vipSubnetId === snapshot.subnetId;
  const loadBalancers = snapshot.loadBalancers.filter((lb) => onSubnet(lb) && !heatLbs.has(lb.id) && lb.provisioningStatus !== 'DELETED');
  const lbPortIds = new Set(snapshot.loadBalancers.map((lb) => lb.vipPortId).filter((id): id is string => id !== null));
  const ports = snapshot.ports.filter((p) => {
    if (IGNORED_PORT_OWNERS.includes(p.deviceOwner)) return false;
    if (heatPorts.has(p.id) || heatServers.has(p.deviceId)) return false;
    if (lbPortIds.has(p.id)) return false;
    const octavia = p.deviceOwner === 'Octavia' || p.name.startsWith('octavia-lb-');
    return !(octavia && snapshot.loadBalancers.length > 0);
  });
  return { loadBalancers, ports };
}

function lbLine(lb: LoadBalancer, clusterUuid: string | null): string {
  const ours = clusterUuid !== null && lb.description.includes(`from cluster ${clusterUuid}`);
  const origin = ours
    ? 'made by the cluster for a Service; Magnum should have deleted it'
    : 'not made by this cluster: Magnum does not delete it';
  return `load balancer ${lb.name || '(no name)'} (${lb.id}) vip ${lb.vipAddress ?? '?'} ${lb.provisioningStatus}: ${origin}`;
}

function portLine(port: Port): string {
  const ips = port.fixedIps.map((f) => f.ipAddress).join(', ');
  return `port ${port.name || '(no name)'} (${port.id}) ${ips} device_owner ${port.deviceOwner || '(none)'}`;
}

export const deleteBlockedByLoadbalancers: Rule = {
  id: RULE,
  description: 'DELETE_FAILED on the Heat private_subnet Conflict: the load balancers and ports left on the subnet.',
  run(snapshot, { thresholds }) {
    const cluster = snapshot.cluster;
    if (cluster === null || cluster.status !== 'DELETE_FAILED') return [];
    const reason = subnetConflictReason(snapshot);
    if (reason === null) return [];
    const { loadBalancers, ports } = blockingObjects(snapshot);
    const loadBalancerIds = loadBalancers.map((lb) => lb.id);
    const found = [
      ...(loadBalancers.length > 0 ? [plural(loadBalancers.length, 'load balancer')] : []),
      ...(ports.length > 0 ? [plural(ports.length, 'port')] : []),
    ];
    const finding: Finding = {
      rule: RULE,
      severity: 'critical',
      title:
        found.length > 0
          ? `Delete blocked: ${found.join(' and ')} still on the cluster's private subnet`
          : "Delete blocked: something still holds IP addresses on the cluster's private subnet",
      objects: [
        openstackRef('Cluster', cluster.name),
        ...loadBalancerIds.map((id) => openstackRef('LoadBalancer', id)),
        ...ports.map((p) => openstackRef('Port', p.id)),
      ],
      evidence: capLines(
        [
          `status_reason: ${clip(reason)}`,
          ...(snapshot.subnetId === null ? [] : [`subnet: ${snapshot.subnetId}`]),
          ...loadBalancers.map((lb) => lbLine(lb, cluster.uuid)),
          ...ports.map(portLine),
        ],
        thresholds.maxEvidenceLines,
      ),
      explanation: CATALYST_DELETE_FAILS.explanation,
      remedy:
        loadBalancers.length > 0
          ? `${CATALYST_DELETE_FAILS.remedy} The button deletes the ${plural(loadBalancers.length, 'load balancer')} listed here (cascade) and retries the cluster delete.` +
            (ports.length > 0 ? ' The other ports must be deleted by hand (`openstack port delete`).' : '')
          : `${CATALYST_DELETE_FAILS.remedy} Delete the listed ports (\`openstack port delete\`) or, if none are listed, look for them with \`openstack port list --fixed-ip subnet=<subnet>\`.`,
      reference: CATALYST_DELETE_FAILS.reference,
    };
    if (loadBalancers.length > 0) {
      finding.action = {
        id: 'delete-loadbalancers',
        label:
          loadBalancers.length === 1
            ? 'Delete this load balancer and retry'
            : `Delete these ${loadBalancers.length} load balancers and retry`,
        params: { cluster: cluster.name, uuid: cluster.uuid, loadBalancerIds },
      };
    }
    return [finding];
  },
};
