/**
 * Cinder (block storage) v3, mounted under `/volume`: the version document and the quota and
 * limits calls (`openstack quota show`, `openstack limits show --absolute`, the bot's pre-flight).
 * The simulated cloud has no volumes API beyond that: its volumes are the clusters' docker volumes.
 */
import { json, type Router } from './http-router.js';
import { cinderAbsoluteLimits, cinderQuotaSet } from './quota-routes.js';
import type { SimState } from './sim-state.js';

export function cinderRoutes(router: Router, state: SimState): Router {
  const versions = (origin: string) => ({
    versions: [
      {
        id: 'v3.0',
        status: 'CURRENT',
        version: '3.70',
        min_version: '3.0',
        updated: '2023-08-31T00:00:00Z',
        links: [{ href: `${origin}/volume/v3/`, rel: 'self' }],
        'media-types': [{ base: 'application/json', type: 'application/vnd.openstack.volume+json;version=3' }],
      },
    ],
  });
  return router
    .on('GET', '/', (ctx) => json(300, versions(ctx.origin)))
    .on('GET', '/v3', (ctx) => json(200, versions(ctx.origin)))
    .on('GET', '/v3/:project/os-quota-sets/:target', (ctx) => cinderQuotaSet(state, ctx, 'limits'))
    .on('GET', '/v3/:project/os-quota-sets/:target/defaults', (ctx) => cinderQuotaSet(state, ctx, 'defaults'))
    .on('GET', '/v3/:project/limits', (ctx) => cinderAbsoluteLimits(state, ctx));
}
