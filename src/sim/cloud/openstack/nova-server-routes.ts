/**
 * Nova's servers (the clusters' machines) and their console output, as `GET /servers[/detail]`,
 * `GET /servers/{id}` and `POST /servers/{id}/action {"os-getConsoleOutput": ...}` answer at
 * microversion 2.1: `fault` only on ERROR servers, `name` filtered as the regular expression
 * Nova takes it as.
 */
import type { Reply, RouteContext } from './http-router.js';
import { json } from './http-router.js';
import { novaTime } from './nova-model.js';
import { serversOf, type SimServer } from './server-model.js';
import type { SimCluster, SimState, SimToken } from './sim-state.js';

function serverLinks(ctx: RouteContext, id: string): object[] {
  return [
    { rel: 'self', href: `${ctx.origin}/compute/v2.1/servers/${id}` },
    { rel: 'bookmark', href: `${ctx.origin}/compute/servers/${id}` },
  ];
}

function serverView(ctx: RouteContext, cluster: SimCluster, s: SimServer): object {
  const active = s.status === 'ACTIVE';
  const vmState = s.status === 'ERROR' ? 'error' : active ? 'active' : 'building';
  return {
    id: s.id,
    name: s.name,
    status: s.status,
    tenant_id: cluster.projectId,
    user_id: cluster.userId,
    metadata: {},
    hostId: active ? cluster.projectId.slice(0, 16).padEnd(56, '0') : '',
    image: { id: s.imageId, links: [{ rel: 'bookmark', href: `${ctx.origin}/compute/images/${s.imageId}` }] },
    flavor: { id: s.flavorId ?? '', links: [{ rel: 'bookmark', href: `${ctx.origin}/compute/flavors/${s.flavorId ?? ''}` }] },
    created: `${novaTime(s.createdAt).slice(0, 19)}Z`,
    updated: `${novaTime(s.createdAt + 60_000).slice(0, 19)}Z`,
    addresses: active ? { [cluster.stackName]: [{ version: 4, addr: s.ip, 'OS-EXT-IPS:type': 'fixed' }] } : {},
    accessIPv4: '',
    accessIPv6: '',
    links: serverLinks(ctx, s.id),
    'OS-DCF:diskConfig': 'MANUAL',
    ...(s.status === 'ERROR' ? {} : { progress: 0 }),
    'OS-EXT-AZ:availability_zone': active ? 'nova' : '',
    config_drive: '',
    key_name: cluster.keypair,
    'OS-SRV-USG:launched_at': active ? novaTime(s.createdAt + 60_000) : null,
    'OS-SRV-USG:terminated_at': null,
    'OS-EXT-STS:task_state': s.status === 'BUILD' ? 'spawning' : null,
    'OS-EXT-STS:vm_state': vmState,
    'OS-EXT-STS:power_state': active ? 1 : 0,
    'os-extended-volumes:volumes_attached': [],
    ...(active ? { security_groups: [{ name: 'default' }] } : {}),
    ...(s.fault ? { fault: { code: s.fault.code, created: `${novaTime(s.fault.created).slice(0, 19)}Z`, message: s.fault.message } } : {}),
  };
}

/** Every server of the token's project at `now`, with its cluster. */
function projectServers(state: SimState, token: SimToken): { cluster: SimCluster; server: SimServer }[] {
  const now = state.clock.now();
  return state.clusters
    .filter((c) => c.projectId === token.projectId)
    .flatMap((cluster) => serversOf(state, cluster, now).map((server) => ({ cluster, server })));
}

function nameFilter(ctx: RouteContext): RegExp | null {
  const name = ctx.query.get('name');
  if (name === null) return null;
  try {
    return new RegExp(name);
  } catch {
    return new RegExp(name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  }
}

export function listServers(ctx: RouteContext, state: SimState, token: SimToken, detail: boolean): Reply {
  const filter = nameFilter(ctx);
  const status = ctx.query.get('status');
  const found = projectServers(state, token).filter(
    ({ server }) => (filter === null || filter.test(server.name)) && (status === null || server.status === status.toUpperCase()),
  );
  // Nova lists the newest first.
  found.sort((a, b) => b.server.createdAt - a.server.createdAt || a.server.name.localeCompare(b.server.name));
  const servers = found.map(({ cluster, server }) =>
    detail ? serverView(ctx, cluster, server) : { id: server.id, name: server.name, links: serverLinks(ctx, server.id) },
  );
  return json(200, { servers });
}

function notFound(id: string): Reply {
  return json(404, { itemNotFound: { code: 404, message: `Instance ${id} could not be found.` } });
}

export function showServer(ctx: RouteContext, state: SimState, token: SimToken): Reply {
  const id = ctx.params['id'] ?? '';
  const found = projectServers(state, token).find(({ server }) => server.id === id);
  return found ? json(200, { server: serverView(ctx, found.cluster, found.server) }) : notFound(id);
}

/** `os-getConsoleOutput`: the last `length` lines (all without one); 409 for a server that never booted. */
export function serverAction(ctx: RouteContext, state: SimState, token: SimToken): Reply {
  const id = ctx.params['id'] ?? '';
  const found = projectServers(state, token).find(({ server }) => server.id === id);
  if (!found) return notFound(id);
  const body = (ctx.body ?? {}) as Record<string, unknown>;
  const ask = body['os-getConsoleOutput'] as { length?: unknown } | undefined;
  if (ask === undefined)
    return json(400, { badRequest: { code: 400, message: 'There is no such action: ' + Object.keys(body).join(', ') } });
  if (found.server.status !== 'ACTIVE') {
    return json(409, {
      conflictingRequest: {
        code: 409,
        message: `Cannot 'os-getConsoleOutput' instance ${id} while it is in vm_state ${found.server.status === 'ERROR' ? 'error' : 'building'}`,
      },
    });
  }
  const length = ask.length === undefined || ask.length === null ? null : Number(ask.length);
  const lines = found.server.console;
  return json(200, { output: (length === null || length < 0 ? lines : lines.slice(-length)).join('\n') + '\n' });
}
