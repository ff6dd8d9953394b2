import { withAuth } from './auth-guard.js';
import { json, type Reply, type RouteContext, type Router } from './http-router.js';
import { newUuid } from './ids.js';
import { fingerprintOf, flavorsInNovaOrder, keypairCreatedAt, novaTime, publicKeyOf, type SimFlavor } from './nova-model.js';
import { listServers, serverAction, showServer } from './nova-server-routes.js';
import { novaAbsoluteLimits, novaQuotaSet } from './quota-routes.js';
import type { SimState, SimToken } from './sim-state.js';

const MIN_MINOR = 1;
const MAX_MINOR = 96;
/** Nova's `[api] max_limit`: a list never returns more per page. */
const MAX_LIMIT = 1000;

type Version = { minor: number } | { error: Reply };

/** Nova's fault envelope: the key names the kind of error (`itemNotFound`, `badRequest`, ...). */
function fault(status: number, message: string): Reply {
  const key = ({ 400: 'badRequest', 403: 'forbidden', 404: 'itemNotFound' } as Record<number, string>)[status] ?? 'computeFault';
  return json(status, { [key]: { code: status, message } });
}

/** The requested compute microversion (`OpenStack-API-Version: compute 2.x`, or the legacy Nova header). */
function versionOf(ctx: RouteContext): Version {
  const header = ctx.headers['openstack-api-version'];
  const text = Array.isArray(header) ? (header[0] ?? '') : (header ?? '');
  const [service, requested] = text.trim().split(/\s+/);
  const legacy = ctx.headers['x-openstack-nova-api-version'];
  const value = service === 'compute' ? requested : Array.isArray(legacy) ? legacy[0] : legacy;
  if (value === undefined || value === '') return { minor: MIN_MINOR };
  if (value === 'latest') return { minor: MAX_MINOR };
  const match = /^2\.(\d+)$/.exec(value);
  if (!/^\d+\.\d+$/.test(value)) {
    return { error: fault(400, `API Version String ${value} is of invalid format. Must be of format MajorNum.MinorNum.`) };
  }
  const minor = match ? Number(match[1]) : -1;
  if (minor < MIN_MINOR || minor > MAX_MINOR) {
    return { error: fault(406, `Version ${value} is not supported by the API. Minimum is 2.${MIN_MINOR} and maximum is 2.${MAX_MINOR}.`) };
  }
  return { minor };
}

function versionHeaders(minor: number): Record<string, string> {
  const id = `req-${newUuid()}`;
  return {
    'OpenStack-API-Version': `compute 2.${minor}`,
    'X-OpenStack-Nova-API-Version': `2.${minor}`,
    Vary: 'OpenStack-API-Version, X-OpenStack-Nova-API-Version',
    'x-openstack-request-id': id,
    'x-compute-request-id': id,
  };
}

type VersionedHandler = (ctx: RouteContext, token: SimToken, minor: number) => Reply;

/** Authenticated, microversioned: every reply carries the version headers. */
function api(state: SimState, handler: VersionedHandler) {
  return withAuth(state, (ctx, token) => {
    const version = versionOf(ctx);
    if ('error' in version) return version.error;
    const reply = handler(ctx, token, version.minor);
    return { ...reply, headers: { ...versionHeaders(version.minor), ...reply.headers } };
  });
}

function flavorLinks(ctx: RouteContext, id: string): object[] {
  return [
    { rel: 'self', href: `${ctx.origin}/compute/v2.1/flavors/${id}` },
    { rel: 'bookmark', href: `${ctx.origin}/compute/flavors/${id}` },
  ];
}

function flavorView(ctx: RouteContext, f: SimFlavor, minor: number, detail: boolean): object {
  const description = minor >= 55 ? { description: null } : {};
  if (!detail) return { id: f.id, name: f.name, links: flavorLinks(ctx, f.id), ...description };
  return {
    id: f.id,
    name: f.name,
    ram: f.ramMb,
    disk: f.diskGb,
    swap: minor >= 75 ? 0 : '',
    'OS-FLV-EXT-DATA:ephemeral': 0,
    'OS-FLV-DISABLED:disabled': false,
    vcpus: f.vcpus,
    'os-flavor-access:is_public': true,
    rxtx_factor: 1.0,
    links: flavorLinks(ctx, f.id),
    ...description,
    ...(minor >= 61 ? { extra_specs: {} } : {}),
  };
}

/** `GET /flavors[/detail]`: sorted by flavor id, paged with `limit` and `marker` as Nova pages. */
function listFlavors(ctx: RouteContext, minor: number, detail: boolean): Reply {
  const all = flavorsInNovaOrder();
  const marker = ctx.query.get('marker');
  const start = marker === null ? 0 : all.findIndex((f) => f.id === marker) + 1;
  if (marker !== null && start === 0) return fault(400, `marker [${marker}] not found`);
  const asked = ctx.query.get('limit');
  if (asked !== null && !/^\d+$/.test(asked))
    return fault(400, `Invalid input for query parameters limit. Value: ${asked}. '${asked}' does not match '^[0-9]*$'`);
  const limit = Math.min(asked === null ? MAX_LIMIT : Number(asked), MAX_LIMIT);
  const page = all.slice(start, start + limit);
  const body: Record<string, unknown> = { flavors: page.map((f) => flavorView(ctx, f, minor, detail)) };
  const last = page[page.length - 1];
  if (page.length === limit && last && start + limit < all.length) {
    const params = new URLSearchParams(ctx.query);
    params.set('limit', String(limit));
    params.set('marker', last.id);
    body['flavors_links'] = [{ rel: 'next', href: `${ctx.origin}/compute/v2.1/flavors${detail ? '/detail' : ''}?${params.toString()}` }];
  }
  return json(200, body);
}

function keypairView(state: SimState, name: string, token: SimToken, minor: number, full: boolean): object {
  const publicKey = publicKeyOf(name);
  const base = { name, public_key: publicKey, fingerprint: fingerprintOf(publicKey), ...(minor >= 2 ? { type: 'ssh' } : {}) };
  if (!full) return base;
  const createdAt = keypairCreatedAt(state);
  return {
    ...base,
    user_id: token.userId,
    deleted: false,
    created_at: novaTime(createdAt),
    updated_at: null,
    deleted_at: null,
    id: state.keypairs.indexOf(name) + 1,
  };
}

function versions(ctx: RouteContext): object[] {
  return [
    {
      id: 'v2.0',
      status: 'SUPPORTED',
      version: '',
      min_version: '',
      updated: '2011-01-21T11:33:21Z',
      links: [{ rel: 'self', href: `${ctx.origin}/compute/v2/` }],
    },
    {
      id: 'v2.1',
      status: 'CURRENT',
      version: `2.${MAX_MINOR}`,
      min_version: `2.${MIN_MINOR}`,
      updated: '2013-07-23T11:33:21Z',
      links: [{ rel: 'self', href: `${ctx.origin}/compute/v2.1/` }],
    },
  ];
}

/** Nova v2.1 (flavors, keypairs, servers), mounted under `/compute`; the version documents need no token. */
export function novaRoutes(router: Router, state: SimState): Router {
  const versionDoc = (ctx: RouteContext): Reply => {
    const [, v21] = versions(ctx);
    const links = [
      { rel: 'self', href: `${ctx.origin}/compute/v2.1/` },
      { rel: 'describedby', type: 'text/html', href: 'http://docs.openstack.org/' },
    ];
    const mediaTypes = [{ base: 'application/json', type: 'application/vnd.openstack.compute+json;version=2.1' }];
    return json(200, { version: { ...v21, links, 'media-types': mediaTypes } });
  };
  const flavorShow = (ctx: RouteContext, _t: SimToken, minor: number): Reply => {
    const found = flavorsInNovaOrder().find((f) => f.id === ctx.params['id']);
    return found
      ? json(200, { flavor: flavorView(ctx, found, minor, true) })
      : fault(404, `Flavor ${ctx.params['id'] ?? ''} could not be found.`);
  };
  // `openstack flavor list` asks for them once per flavor whose list entry had none.
  const extraSpecs = (ctx: RouteContext): Reply => {
    const found = flavorsInNovaOrder().some((f) => f.id === ctx.params['id']);
    return found ? json(200, { extra_specs: {} }) : fault(404, `Flavor ${ctx.params['id'] ?? ''} could not be found.`);
  };
  const keypairShow = (ctx: RouteContext, token: SimToken, minor: number): Reply => {
    const name = ctx.params['name'] ?? '';
    if (!state.keypairs.includes(name)) return fault(404, `Keypair ${name} not found for user ${token.userId}`);
    return json(200, { keypair: keypairView(state, name, token, minor, true) });
  };
  return router
    .on('GET', '/', (ctx) => json(200, { versions: versions(ctx) }))
    .on('GET', '/v2.1', versionDoc)
    .on(
      'GET',
      '/v2.1/flavors',
      api(state, (ctx, _t, minor) => listFlavors(ctx, minor, false)),
    )
    .on(
      'GET',
      '/v2.1/flavors/detail',
      api(state, (ctx, _t, minor) => listFlavors(ctx, minor, true)),
    )
    .on('GET', '/v2.1/flavors/:id', api(state, flavorShow))
    .on('GET', '/v2.1/flavors/:id/os-extra_specs', api(state, extraSpecs))
    .on(
      'GET',
      '/v2.1/os-keypairs',
      api(state, (_ctx, token, minor) =>
        json(200, { keypairs: state.keypairs.map((k) => ({ keypair: keypairView(state, k, token, minor, false) })) }),
      ),
    )
    .on('GET', '/v2.1/os-keypairs/:name', api(state, keypairShow))
    .on(
      'GET',
      '/v2.1/os-quota-sets/:project',
      api(state, (ctx, token, minor) => novaQuotaSet(state, ctx, token, minor, 'limits')),
    )
    .on(
      'GET',
      '/v2.1/os-quota-sets/:project/detail',
      api(state, (ctx, token, minor) => novaQuotaSet(state, ctx, token, minor, 'detail')),
    )
    .on(
      'GET',
      '/v2.1/os-quota-sets/:project/defaults',
      api(state, (ctx, token, minor) => novaQuotaSet(state, ctx, token, minor, 'defaults')),
    )
    .on(
      'GET',
      '/v2.1/limits',
      api(state, (_ctx, token, minor) => novaAbsoluteLimits(state, token, minor)),
    )
    .on(
      'GET',
      '/v2.1/servers',
      api(state, (ctx, token) => listServers(ctx, state, token, false)),
    )
    .on(
      'GET',
      '/v2.1/servers/detail',
      api(state, (ctx, token) => listServers(ctx, state, token, true)),
    )
    .on(
      'GET',
      '/v2.1/servers/:id',
      api(state, (ctx, token) => showServer(ctx, state, token)),
    )
    .on(
      'POST',
      '/v2.1/servers/:id/action',
      api(state, (ctx, token) => serverAction(ctx, state, token)),
    );
}
