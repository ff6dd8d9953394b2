import { octaviaQuota } from './quota-routes.js';
import { json, type Reply, type RouteContext, type Router } from './http-router.js';
import { octaviaTime } from './ids.js';
import { applyFilters } from './neutron-routes.js';
import { liveLoadBalancers } from './network-model.js';
import type { SimLoadBalancer, SimState } from './sim-state.js';

/** How long Octavia takes to tear a load balancer down after a delete. */
export const LB_DELETE_MS = 30_000;

/** Octavia's view of a load balancer (field order as the api-ref examples). */
export function loadBalancerView(lb: SimLoadBalancer, now: number): object {
  const deleting = lb.deleteRequestedAt !== null && lb.deleteRequestedAt <= now;
  return {
    description: lb.description,
    admin_state_up: true,
    project_id: lb.projectId,
    provisioning_status: deleting ? 'PENDING_DELETE' : lb.provisioningError ? 'ERROR' : 'ACTIVE',
    flavor_id: null,
    vip_subnet_id: lb.vipSubnetId,
    vip_address: lb.vipAddress,
    vip_network_id: lb.vipNetworkId,
    vip_port_id: lb.vipPortId,
    additional_vips: [],
    provider: 'amphora',
    created_at: octaviaTime(lb.createdAt),
    updated_at: deleting && lb.deleteRequestedAt !== null ? octaviaTime(lb.deleteRequestedAt) : octaviaTime(lb.createdAt + 60_000),
    id: lb.id,
    operating_status: deleting || lb.provisioningError ? 'OFFLINE' : 'ONLINE',
    name: lb.name,
    vip_qos_policy_id: null,
    availability_zone: null,
    tags: [],
    listeners: lb.listenerIds.map((id) => ({ id })),
    pools: lb.poolIds.map((id) => ({ id })),
    tenant_id: lb.projectId,
    vip_vnic_type: 'normal',
    vip_sg_ids: [],
  };
}

function fault(status: number, text: string): Reply {
  return json(status, { faultcode: status >= 500 ? 'Server' : 'Client', faultstring: text, debuginfo: null });
}

function find(state: SimState, id: string | undefined): SimLoadBalancer | undefined {
  return liveLoadBalancers(state, state.clock.now()).find((lb) => lb.id === id);
}

function remove(ctx: RouteContext, state: SimState): Reply {
  const now = state.clock.now();
  const lb = find(state, ctx.params['id']);
  if (!lb) return fault(404, `Load Balancer ${ctx.params['id'] ?? ''} not found.`);
  if (lb.deleteRequestedAt !== null) {
    return fault(409, `Invalid state PENDING_DELETE of loadbalancer resource ${lb.id}`);
  }
  const cascade = ctx.query.get('cascade')?.toLowerCase() === 'true';
  if (!cascade && (lb.listenerIds.length > 0 || lb.poolIds.length > 0)) {
    return fault(400, `Cannot delete Load Balancer ${lb.id} - it has children`);
  }
  lb.deleteRequestedAt = now;
  lb.goneAt = now + LB_DELETE_MS;
  return { status: 204 };
}

/** Octavia v2 routes, mounted under `/load-balancer` (both `/v2` and `/v2.0` prefixes). */
export function octaviaRoutes(router: Router, state: SimState): Router {
  router.on('GET', '/', (ctx) =>
    json(200, {
      versions: [
        {
          id: 'v2.0',
          status: 'CURRENT',
          updated: '2024-10-01T00:00:00Z',
          links: [{ href: `${ctx.origin}/load-balancer/v2`, rel: 'self' }],
        },
      ],
    }),
  );
  for (const prefix of ['/v2', '/v2.0']) {
    router
      .on('GET', `${prefix}/lbaas/loadbalancers`, (ctx) => {
        const now = state.clock.now();
        const views = liveLoadBalancers(state, now).map((lb) => loadBalancerView(lb, now));
        return json(200, { loadbalancers: applyFilters(views, ctx.query), loadbalancers_links: [] });
      })
      .on('GET', `${prefix}/lbaas/loadbalancers/:id`, (ctx) => {
        const lb = find(state, ctx.params['id']);
        if (!lb) return fault(404, `Load Balancer ${ctx.params['id'] ?? ''} not found.`);
        return json(200, { loadbalancer: loadBalancerView(lb, state.clock.now()) });
      })
      .on('DELETE', `${prefix}/lbaas/loadbalancers/:id`, (ctx) => remove(ctx, state))
      .on('GET', `${prefix}/lbaas/quotas/defaults`, (ctx) => octaviaQuota(state, ctx, 'defaults'))
      .on('GET', `${prefix}/lbaas/quotas/:project`, (ctx) => octaviaQuota(state, ctx, 'project'));
  }
  return router;
}
