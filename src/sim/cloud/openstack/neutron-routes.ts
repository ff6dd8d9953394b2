import { json, type Reply, type RouteContext, type Router } from './http-router.js';
import { networkView, portsOf, subnetView } from './network-model.js';
import { phaseAt } from './cluster-lifecycle.js';
import type { SimCluster, SimState } from './sim-state.js';
import { neutronQuota } from './quota-routes.js';

function notFound(kind: string, id: string): Reply {
  return json(404, { NeutronError: { type: `${kind}NotFound`, message: `${kind} ${id} could not be found.`, detail: '' } });
}

function liveClusters(state: SimState): SimCluster[] {
  const now = state.clock.now();
  return state.clusters.filter((c) => phaseAt(state, c, now) !== null);
}

/** Neutron's filter semantics: every query key names a top-level field; repeated keys OR. */
export function applyFilters<T extends object>(items: T[], query: URLSearchParams): T[] {
  const keys = [...new Set(query.keys())].filter((k) => !['fields', 'limit', 'marker', 'sort_key', 'sort_dir'].includes(k));
  return items.filter((item) =>
    keys.every((key) => {
      const wanted = query.getAll(key);
      if (key === 'fixed_ips') return wanted.every((w) => matchesFixedIp(item, w));
      const value = (item as Record<string, unknown>)[key];
      return wanted.some((w) => String(value) === w);
    }),
  );
}

function matchesFixedIp(item: object, filter: string): boolean {
  const [field, value] = filter.split('=', 2);
  const ips = (item as { fixed_ips?: Record<string, string>[] }).fixed_ips ?? [];
  return ips.some((ip) => field !== undefined && ip[field] === value);
}

function networks(state: SimState): object[] {
  const project = state.projects[0];
  const external = networkView(state.externalNetworkId, 'public', project?.id ?? '', [], true, 0);
  return [external, ...liveClusters(state).map((c) => networkView(c.networkId, 'private', c.projectId, [c.subnetId], false, c.createdAt))];
}

function list(ctx: RouteContext, key: string, items: object[]): Reply {
  return json(200, { [key]: applyFilters(items, ctx.query) });
}

/** Neutron v2.0 routes (ports, subnets, networks), mounted under `/network`. */
export function neutronRoutes(router: Router, state: SimState): Router {
  const versions = (ctx: RouteContext): Reply =>
    json(200, { versions: [{ id: 'v2.0', status: 'CURRENT', links: [{ href: `${ctx.origin}/network/v2.0/`, rel: 'self' }] }] });
  return router
    .on('GET', '/', versions)
    .on('GET', '/v2.0/quotas/:project', (ctx) => neutronQuota(state, ctx, 'limits'))
    .on('GET', '/v2.0/quotas/:project/details', (ctx) => neutronQuota(state, ctx, 'details'))
    .on('GET', '/v2.0/quotas/:project/details.json', (ctx) => neutronQuota(state, ctx, 'details'))
    .on('GET', '/v2.0/quotas/:project/default', (ctx) => neutronQuota(state, ctx, 'default'))
    .on('GET', '/v2.0/ports', (ctx) =>
      list(
        ctx,
        'ports',
        liveClusters(state).flatMap((c) => portsOf(state, c, state.clock.now())),
      ),
    )
    .on('GET', '/v2.0/ports/:id', (ctx) => {
      const found = liveClusters(state)
        .flatMap((c) => portsOf(state, c, state.clock.now()))
        .find((p) => p.id === ctx.params['id']);
      return found ? json(200, { port: found }) : notFound('Port', ctx.params['id'] ?? '');
    })
    .on('GET', '/v2.0/subnets', (ctx) => list(ctx, 'subnets', liveClusters(state).map(subnetView)))
    .on('GET', '/v2.0/subnets/:id', (ctx) => {
      const cluster = liveClusters(state).find((c) => c.subnetId === ctx.params['id']);
      return cluster ? json(200, { subnet: subnetView(cluster) }) : notFound('Subnet', ctx.params['id'] ?? '');
    })
    .on('GET', '/v2.0/networks', (ctx) => list(ctx, 'networks', networks(state)))
    .on('GET', '/v2.0/networks/:id', (ctx) => {
      const found = networks(state).find((n) => (n as { id: string }).id === ctx.params['id']);
      return found ? json(200, { network: found }) : notFound('Network', ctx.params['id'] ?? '');
    });
}
