import { z } from 'zod';
import type { Logger } from '../../../core/ports.js';
import { tokenRejected } from './auth-guard.js';
import { json, type Reply, type RouteContext, type Router } from './http-router.js';
import { newUuid } from './ids.js';
import { lookupToken } from './keystone-routes.js';
import { clusterHandlers } from './magnum-cluster-routes.js';
import {
  MAX_MINOR,
  MIN_MINOR,
  actionVersionUnsupported,
  magnumError,
  magnumHeaders,
  requestedMinor,
  unsupportedVersion,
} from './magnum-http.js';
import { canWrite, findCluster, findTemplate, isReply } from './magnum-lookup.js';
import { nodegroupView, templateView } from './magnum-views.js';
import { driverOfImage, imageOf } from './image-model.js';
import type { SimState, SimTemplate, SimToken } from './sim-state.js';

type MagnumHandler = (ctx: RouteContext, token: SimToken) => Reply | Promise<Reply>;

const templateSchema = z.object({
  name: z.string().nullish(),
  image_id: z.string(),
  coe: z.string(),
  keypair_id: z.string().nullish(),
  external_network_id: z.string().nullish(),
  flavor_id: z.string().nullish(),
  master_flavor_id: z.string().nullish(),
  network_driver: z.string().nullish(),
  docker_volume_size: z.number().int().nullish(),
  docker_storage_driver: z.string().nullish(),
  labels: z.record(z.string(), z.coerce.string()).nullish(),
  master_lb_enabled: z.boolean().nullish(),
  floating_ip_enabled: z.boolean().nullish(),
  tls_disabled: z.boolean().nullish(),
  public: z.boolean().nullish(),
});

function createTemplate(ctx: RouteContext, state: SimState, token: SimToken): Reply {
  if (!canWrite(state, token)) return magnumError(403, "Policy doesn't allow clustertemplate:create to be performed.");
  const parsed = templateSchema.safeParse(ctx.body);
  if (!parsed.success)
    return magnumError(
      400,
      `Invalid input for field/attribute ${String(parsed.error.issues[0]?.path[0] ?? 'clustertemplate')}. Mandatory field missing.`,
    );
  const b = parsed.data;
  if (b.coe !== 'kubernetes') return magnumError(400, `Cluster type (vm, None, ${b.coe}) not supported.`);
  const image = imageOf(b.image_id);
  const t: SimTemplate = {
    uuid: newUuid(),
    driver: driverOfImage(image),
    clusterDistro: image.osDistro,
    name: b.name ?? `template-${newUuid().slice(0, 8)}`,
    projectId: token.projectId,
    userId: token.userId,
    imageId: b.image_id,
    flavorId: b.flavor_id ?? 'm1.medium',
    masterFlavorId: b.master_flavor_id ?? null,
    keypairId: b.keypair_id ?? null,
    externalNetworkId: b.external_network_id ?? null,
    networkDriver: b.network_driver ?? 'calico',
    dockerVolumeSize: b.docker_volume_size ?? null,
    dockerStorageDriver: b.docker_storage_driver ?? 'overlay2',
    labels: b.labels ?? {},
    masterLbEnabled: b.master_lb_enabled ?? false,
    floatingIpEnabled: b.floating_ip_enabled ?? true,
    tlsDisabled: b.tls_disabled ?? false,
    isPublic: b.public ?? false,
    createdAt: state.clock.now(),
  };
  state.templates.push(t);
  return json(201, templateView(ctx.origin, t));
}

const certSchema = z.object({ cluster_uuid: z.string(), csr: z.string() });

async function signCertificate(ctx: RouteContext, state: SimState, token: SimToken): Promise<Reply> {
  const parsed = certSchema.safeParse(ctx.body);
  if (!parsed.success) return magnumError(400, 'Invalid input for field/attribute csr. Mandatory field missing.');
  const found = findCluster(state, token, parsed.data.cluster_uuid);
  if (isReply(found)) return found;
  const ca = found.cluster.ca;
  if (!ca) return magnumError(400, `Cluster ${found.cluster.uuid} has no certificate authority yet.`);
  let pem: string;
  try {
    pem = await ca.sign(parsed.data.csr);
  } catch {
    return magnumError(400, 'Invalid CSR.');
  }
  return json(201, certificateView(ctx.origin, found.cluster.uuid, { csr: parsed.data.csr, pem }));
}

/** Magnum's Certificate view, in its key order: the deprecated `bay_uuid` first, then self and bookmark links. */
function certificateView(origin: string, clusterUuid: string, rest: { csr?: string; pem: string }): Record<string, unknown> {
  const links = [
    { href: `${origin}/container-infra/v1/certificates/${clusterUuid}`, rel: 'self' },
    { href: `${origin}/container-infra/certificates/${clusterUuid}`, rel: 'bookmark' },
  ];
  return { bay_uuid: clusterUuid, cluster_uuid: clusterUuid, links, ...rest };
}

function nodegroups(ctx: RouteContext, state: SimState, token: SimToken, one: boolean): Reply {
  const found = findCluster(state, token, ctx.params['id'] ?? '');
  if (isReply(found)) return found;
  const { cluster, phase } = found;
  const template = state.templates.find((t) => t.uuid === cluster.templateId);
  const views = (['master', 'worker'] as const).map((role) =>
    nodegroupView(ctx.origin, cluster, template, phase, role, one, state.clock.now()),
  );
  if (!one) return json(200, { nodegroups: views });
  const ng = ctx.params['ng'];
  const match = views.find((v) => v['name'] === ng || v['uuid'] === ng);
  return match ? json(200, match) : magnumError(404, `Nodegroup ${ng ?? ''} could not be found.`);
}

function versionsDoc(origin: string): object {
  return {
    versions: [
      {
        id: 'v1',
        links: [{ href: `${origin}/container-infra/v1/`, rel: 'self' }],
        status: 'CURRENT',
        max_version: `1.${MAX_MINOR}`,
        min_version: `1.${MIN_MINOR}`,
      },
    ],
    name: 'OpenStack Magnum API',
    description: 'Magnum is an OpenStack project which aims to provide container cluster management.',
  };
}

/** Magnum v1 routes, mounted under `/container-infra`: auth, microversion, then the handler. */
export function magnumRoutes(router: Router, state: SimState, logger: Logger): Router {
  // `api` is the name real Magnum puts in its 406 for a version below `minMinor`.
  const mount = (method: string, path: string, minMinor: number, handler: MagnumHandler, api = '') =>
    router.on(method, `/v1${path}`, async (ctx) => {
      const token = lookupToken(state, ctx.headers['x-auth-token']);
      if (!token) return tokenRejected(ctx);
      const minor = requestedMinor(ctx.headers['openstack-api-version']);
      const headers = magnumHeaders(minor ?? MAX_MINOR);
      if (minor === null) {
        const reply = unsupportedVersion(ctx);
        return { ...reply, headers: { ...headers, ...reply.headers } };
      }
      if (minor < minMinor) return actionVersionUnsupported(ctx, api);
      const reply = await handler(ctx, token);
      return { ...reply, headers: { ...headers, ...reply.headers } };
    });
  const c = clusterHandlers(state, logger);
  router.on('GET', '/', (ctx) => json(200, versionsDoc(ctx.origin), magnumHeaders(MAX_MINOR)));
  router.on('GET', '/v1', (ctx) =>
    json(
      200,
      {
        id: 'v1',
        links: [{ href: `${ctx.origin}/container-infra/v1/`, rel: 'self' }],
        media_types: [{ base: 'application/json', type: 'application/vnd.openstack.magnum.v1+json' }],
      },
      magnumHeaders(MIN_MINOR),
    ),
  );
  mount('GET', '/clusters', 1, c.list);
  mount('GET', '/clusters/detail', 1, c.detailList);
  mount('POST', '/clusters', 1, c.create);
  mount('GET', '/clusters/:id', 1, c.show);
  mount('PATCH', '/clusters/:id', 1, c.patch);
  mount('DELETE', '/clusters/:id', 1, c.remove);
  mount('POST', '/clusters/:id/actions/resize', 7, c.resize, 'resize');
  mount('POST', '/clusters/:id/actions/upgrade', 8, c.upgrade, 'upgrade');
  // Magnum 15 names `delete` in the 406 for any nodegroup read below 1.9 (observed on the real API).
  mount('GET', '/clusters/:id/nodegroups', 9, (ctx, token) => nodegroups(ctx, state, token, false), 'delete');
  mount('GET', '/clusters/:id/nodegroups/:ng', 9, (ctx, token) => nodegroups(ctx, state, token, true), 'delete');
  mount('GET', '/clustertemplates', 1, (ctx, token) =>
    json(200, {
      clustertemplates: state.templates
        .filter((t) => t.projectId === token.projectId || t.isPublic)
        .map((t) => templateView(ctx.origin, t)),
    }),
  );
  mount('GET', '/clustertemplates/detail', 1, (ctx, token) =>
    json(200, {
      clustertemplates: state.templates
        .filter((t) => t.projectId === token.projectId || t.isPublic)
        .map((t) => templateView(ctx.origin, t)),
    }),
  );
  mount('GET', '/clustertemplates/:id', 1, (ctx, token) => {
    const t = findTemplate(state, token, ctx.params['id'] ?? '');
    return t ? json(200, templateView(ctx.origin, t)) : magnumError(404, `ClusterTemplate ${ctx.params['id'] ?? ''} could not be found.`);
  });
  mount('POST', '/clustertemplates', 1, (ctx, token) => createTemplate(ctx, state, token));
  mount('GET', '/certificates/:id', 1, (ctx, token) => {
    const found = findCluster(state, token, ctx.params['id'] ?? '');
    if (isReply(found)) return found;
    return json(200, certificateView(ctx.origin, found.cluster.uuid, { pem: found.cluster.ca?.certPem ?? '' }));
  });
  mount('POST', '/certificates', 1, (ctx, token) => signCertificate(ctx, state, token));
  return router;
}
