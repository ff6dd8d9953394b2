/**
 * A Cluster API driver's delete that cannot finish. The OpenStack cloud controller manager makes
 * an Octavia load balancer for every Service of type LoadBalancer, with its VIP port on the
 * cluster network. Cluster API deletes what it made (the machines, the API server's load
 * balancer) and then the network, which Neutron refuses while a port is in use (409
 * NetworkInUse). Cluster API retries for ever, so Magnum keeps the cluster DELETE_IN_PROGRESS
 * (magnum-cluster-api writes the failed event into status_reason; magnum-capi-helm says
 * nothing), where the Heat driver failed with DELETE_FAILED.
 */
import { failedCapiEvent, parseCapiStatusReason } from '../../core/capi-status.js';
import type { Finding } from '../../core/finding.js';
import type { LoadBalancer } from '../../core/openstack-state.js';
import type { ClusterSnapshot } from '../../core/snapshot.js';
import { SOURCES } from '../../core/sources.js';
import { capLines, clip, plural } from '../evidence.js';
import { humanDuration } from '../human-duration.js';
import { openstackRef } from '../object-refs.js';
import type { Rule } from '../rule.js';

const RULE = 'capi-delete-blocked';
/** A Cluster API delete usually ends within minutes; past this, a load balancer on its network is the cause. */
export const CAPI_DELETE_STUCK_MINUTES = 10;
const NETWORK_IN_USE = /NetworkInUse|SubnetInUse|one or more ports have an IP allocation|There are one or more ports/i;

/** Load balancers on the cluster's network that Cluster API did not make (its own is `<network>-kubeapi`). */
export function foreignLoadBalancers(snapshot: ClusterSnapshot): LoadBalancer[] {
  return snapshot.loadBalancers.filter((lb) => !lb.name.endsWith('-kubeapi') && lb.provisioningStatus !== 'DELETED');
}

function lbLine(lb: LoadBalancer): string {
  const service = /^kube_service_[^_]+_(.+)_([^_]+)$/.exec(lb.name);
  const origin = service ? `made by the cloud provider for Service ${service[1]}/${service[2]}` : 'not made by Cluster API';
  return `load balancer ${lb.name || '(no name)'} (${lb.id}) vip ${lb.vipAddress ?? '?'} ${lb.provisioningStatus}: ${origin}`;
}

export const capiDeleteBlocked: Rule = {
  id: RULE,
  description:
    'Cluster API drivers: a delete stuck in DELETE_IN_PROGRESS (or DELETE_FAILED) because load balancers of LoadBalancer Services hold the cluster network.',
  run(snapshot, ctx) {
    const cluster = snapshot.cluster;
    if (cluster === null || snapshot.driver?.family !== 'cluster-api') return [];
    if (cluster.status !== 'DELETE_IN_PROGRESS' && cluster.status !== 'DELETE_FAILED') return [];
    const blocking = foreignLoadBalancers(snapshot);
    if (blocking.length === 0) return [];
    const event = failedCapiEvent(parseCapiStatusReason(cluster.statusReason));
    const inUse = event !== null && NETWORK_IN_USE.test(event.message) ? event : null;
    const since = cluster.updatedAt ? Date.parse(cluster.updatedAt) : Number.NaN;
    const waited = Number.isNaN(since) ? null : ctx.openstackNow - since;
    // Evidence first: Neutron's refusal proves it; without it (magnum-capi-helm), the time does.
    const stuck = cluster.status === 'DELETE_FAILED' || inUse !== null || (waited !== null && waited >= CAPI_DELETE_STUCK_MINUTES * 60_000);
    if (!stuck) return [];
    const finding: Finding = {
      rule: RULE,
      severity: 'critical',
      title: `Delete blocked: ${plural(blocking.length, 'load balancer')} of LoadBalancer Services still on the cluster network`,
      objects: [openstackRef('Cluster', cluster.name), ...blocking.map((lb) => openstackRef('LoadBalancer', lb.id))],
      evidence: capLines(
        [
          `status: ${cluster.status}${waited === null ? '' : ` for ${humanDuration(waited)}`} (${snapshot.driver.driver}; Cluster API retries the network delete for ever)`,
          ...(inUse ? [`Cluster API event ${inUse.reason}: ${clip(inUse.message, 300)}`] : []),
          ...(snapshot.subnetId === null ? [] : [`subnet: ${snapshot.subnetId}`]),
          ...blocking.map(lbLine),
        ],
        ctx.thresholds.maxEvidenceLines,
      ),
      explanation:
        'The OpenStack cloud controller manager created an Octavia load balancer for each Service of type LoadBalancer, with a port on ' +
        'the cluster network. Cluster API deletes the machines and its own API load balancer, then the network; Neutron refuses while ' +
        'these ports are in use, and Cluster API keeps retrying, so Magnum never finishes the delete (the Heat driver failed instead ' +
        'with DELETE_FAILED).',
      remedy:
        `The button deletes the listed load balancers (\`openstack loadbalancer delete --cascade <id>\` by hand); Cluster API deletes the network on its ` +
        'next retry and the cluster goes. Next time, delete Services of type LoadBalancer (`kubectl delete svc`) before the cluster.',
      reference: SOURCES.occmLoadBalancers,
      action: {
        id: 'delete-loadbalancers',
        label: blocking.length === 1 ? 'Delete this load balancer' : `Delete these ${blocking.length} load balancers`,
        params: { cluster: cluster.name, uuid: cluster.uuid, loadBalancerIds: blocking.map((lb) => lb.id) },
      },
    };
    return [finding];
  },
};
