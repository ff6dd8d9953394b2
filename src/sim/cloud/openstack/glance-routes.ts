/**
 * Glance v2, mounted under `/image`: the images Magnum picks a driver from (`os_distro`,
 * `magnum_driver`, and magnum-capi-helm's `kube_version`), enough for `openstack image list`
 * and for the CLI commands that build an image client (`openstack server list`).
 */
import { withAuth } from './auth-guard.js';
import { json, type Router } from './http-router.js';
import { stableUuid } from './ids.js';
import { SIM_IMAGES, type SimImage } from './image-model.js';
import type { SimState } from './sim-state.js';

const CREATED = '2026-01-05T09:00:00Z';

/** Glance ids are UUIDs; the simulated templates name images, so the id derives from the name. */
export function imageId(image: SimImage): string {
  return stableUuid(`image-${image.name}`);
}

function imageView(image: SimImage): object {
  const id = imageId(image);
  return {
    name: image.name,
    disk_format: 'qcow2',
    container_format: 'bare',
    visibility: 'public',
    size: 4_294_967_296,
    status: 'active',
    min_ram: 0,
    min_disk: 0,
    protected: false,
    os_distro: image.osDistro,
    ...(image.magnumDriver ? { magnum_driver: image.magnumDriver } : {}),
    ...(image.kubeVersion ? { kube_version: image.kubeVersion } : {}),
    id,
    created_at: CREATED,
    updated_at: CREATED,
    tags: [],
    self: `/v2/images/${id}`,
    file: `/v2/images/${id}/file`,
    schema: '/v2/schemas/image',
    owner: null,
  };
}

export function glanceRoutes(router: Router, state: SimState): Router {
  const find = (ident: string) => SIM_IMAGES.find((i) => imageId(i) === ident || i.name === ident);
  return router
    .on('GET', '/', (ctx) =>
      json(300, { versions: [{ id: 'v2.16', status: 'CURRENT', links: [{ rel: 'self', href: `${ctx.origin}/image/v2/` }] }] }),
    )
    .on(
      'GET',
      '/v2/images',
      withAuth(state, (ctx) => {
        const name = ctx.query.get('name');
        const images = SIM_IMAGES.filter((i) => name === null || i.name === name).map((i) => imageView(i));
        return json(200, { images, schema: '/v2/schemas/images', first: '/v2/images' });
      }),
    )
    .on(
      'GET',
      '/v2/images/:id',
      withAuth(state, (ctx) => {
        const image = find(ctx.params['id'] ?? '');
        return image
          ? json(200, imageView(image))
          : json(404, `<html><body><h1>404 Not Found</h1><p>No image found with ID ${ctx.params['id'] ?? ''}</p></body></html>`);
      }),
    );
}
