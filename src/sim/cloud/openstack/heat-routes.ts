import { json, type Reply, type RouteContext, type Router } from './http-router.js';
import { allStacks, stackTree, type ResourceNode, type StackNode } from './heat-tree.js';
import { deploymentView, eventsView, resourceView, stackDetail, stackHref, stackSummary } from './heat-views.js';
import { stableUuid } from './ids.js';
import type { SimState } from './sim-state.js';

function notFound(what: string): Reply {
  return json(404, {
    explanation: 'The resource could not be found.',
    code: 404,
    error: { message: what, traceback: null, type: 'EntityNotFound' },
    title: 'Not Found',
  });
}

function stacksOf(state: SimState, projectId: string): StackNode[] {
  const now = state.clock.now();
  return state.clusters
    .filter((c) => c.projectId === projectId)
    .map((c) => stackTree(state, c, now))
    .filter((s): s is StackNode => s !== null)
    .flatMap(allStacks);
}

function base(ctx: RouteContext): string {
  return `${ctx.origin}/orchestration/v1/${ctx.params['project'] ?? ''}`;
}

function resolve(state: SimState, ctx: RouteContext, nameOrId: string): StackNode | undefined {
  return stacksOf(state, ctx.params['project'] ?? '').find((s) => s.id === nameOrId || s.name === nameOrId);
}

function canonical(state: SimState, ctx: RouteContext): StackNode | undefined {
  const stack = resolve(state, ctx, ctx.params['id'] ?? '');
  return stack && stack.name === ctx.params['name'] ? stack : undefined;
}

/** Heat answers a lookup by name or id with a 302 to the canonical `/stacks/<name>/<id>[/suffix]`. */
function redirect(state: SimState, ctx: RouteContext, suffix: string): Reply {
  const stack = resolve(state, ctx, ctx.params['name'] ?? '');
  if (!stack) return notFound(`The Stack (${ctx.params['name'] ?? ''}) could not be found.`);
  const query = ctx.query.toString();
  const location = `${stackHref(base(ctx), stack)}${suffix}${query ? `?${query}` : ''}`;
  return json(302, { location }, { Location: location });
}

function listResources(stack: StackNode, depth: number, parent: string | null, href: string): object[] {
  return stack.resources.flatMap((r) => [
    resourceView(href, stack, r, parent),
    ...(r.nested && depth > 0 ? listResources(r.nested, depth - 1, r.name, href) : []),
  ]);
}

function findDeployment(state: SimState, ctx: RouteContext): { r: ResourceNode; serverId: string } | undefined {
  for (const stack of stacksOf(state, ctx.params['project'] ?? '')) {
    for (const r of stack.resources) {
      if (r.type !== 'OS::Heat::SoftwareDeployment' || r.physicalId !== ctx.params['id']) continue;
      const server = stack.resources.find((x) => x.type === 'OS::Nova::Server');
      return { r, serverId: server?.physicalId ?? stableUuid(`${stack.cluster.uuid}-server-m0`) };
    }
  }
  return undefined;
}

/** Heat v1 routes, mounted under `/orchestration/v1/:project`. */
export function heatRoutes(router: Router, state: SimState): Router {
  return router
    .on('GET', '/stacks', (ctx) => {
      // `show_nested=True` lists nested stacks too, each naming its `parent` (Heat's stack list).
      const nested = ['true', '1', 'yes'].includes((ctx.query.get('show_nested') ?? '').toLowerCase());
      const stacks = stacksOf(state, ctx.params['project'] ?? '').filter((s) => nested || s.parent === null);
      const name = ctx.query.get('stack_name') ?? ctx.query.get('name');
      const matching = stacks.filter((s) => name === null || s.name === name);
      return json(200, { stacks: matching.map((s) => stackSummary(base(ctx), s)) });
    })
    .on('GET', '/stacks/:name', (ctx) => redirect(state, ctx, ''))
    .on('GET', '/stacks/:name/resources', (ctx) => redirect(state, ctx, '/resources'))
    .on('GET', '/stacks/:name/events', (ctx) => redirect(state, ctx, '/events'))
    .on('GET', '/stacks/:name/:id', (ctx) => {
      const stack = canonical(state, ctx);
      return stack ? json(200, stackDetail(base(ctx), stack)) : notFound(`The Stack (${ctx.params['name'] ?? ''}) could not be found.`);
    })
    .on('GET', '/stacks/:name/:id/resources', (ctx) => {
      const stack = canonical(state, ctx);
      if (!stack) return notFound(`The Stack (${ctx.params['name'] ?? ''}) could not be found.`);
      const depth = Number.parseInt(ctx.query.get('nested_depth') ?? '0', 10) || 0;
      let resources = listResources(stack, depth, null, base(ctx)) as Record<string, unknown>[];
      for (const filter of ['type', 'status', 'name'] as const) {
        const wanted = ctx.query.getAll(filter);
        const field = { type: 'resource_type', status: 'resource_status', name: 'resource_name' }[filter];
        if (wanted.length > 0) resources = resources.filter((r) => wanted.some((w) => String(r[field]).includes(w)));
      }
      return json(200, { resources });
    })
    .on('GET', '/stacks/:name/:id/resources/:resource', (ctx) => {
      const stack = canonical(state, ctx);
      const r = stack?.resources.find((x) => x.name === ctx.params['resource']);
      if (!stack || !r)
        return notFound(`The Resource (${ctx.params['resource'] ?? ''}) could not be found in Stack ${ctx.params['name'] ?? ''}.`);
      return json(200, { resource: { ...resourceView(base(ctx), stack, r, null), attributes: {}, description: '' } });
    })
    .on('GET', '/stacks/:name/:id/events', (ctx) => {
      const stack = canonical(state, ctx);
      if (!stack) return notFound(`The Stack (${ctx.params['name'] ?? ''}) could not be found.`);
      return json(200, { events: eventsView(base(ctx), stack, stack.resources) });
    })
    .on('GET', '/software_deployments/:id', (ctx) => {
      const found = findDeployment(state, ctx);
      return found
        ? json(200, deploymentView(found.r, found.serverId))
        : notFound(`Deployment with id ${ctx.params['id'] ?? ''} not found`);
    });
}
