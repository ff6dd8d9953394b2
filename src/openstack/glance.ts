/** GlanceApi over Glance v2: the image properties a cluster template's Kubernetes version may come from. */
import { z } from 'zod';
import { NotFoundError } from '../core/errors.js';
import type { GlanceApi, ImageFacts } from '../core/ports.js';
import { stripVersion, type ServiceClient } from './service-client.js';
import { upstreamOf } from './upstream-errors.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Glance's catalog URL may end in `/v2`; paths add `/v2` themselves. */
export function glanceRoot(catalogUrl: string): string {
  return `${stripVersion(catalogUrl, /\/v2(\.\d+)?$/)}/v2`;
}

/** Image properties are top-level fields in Glance v2 (`os_distro`, `magnum_driver`, magnum-capi-helm's `kube_version`). */
const ImageBody = z.looseObject({
  id: z.string(),
  name: z.string().nullish(),
  os_distro: z.string().nullish(),
  kube_version: z.string().nullish(),
  magnum_driver: z.string().nullish(),
});
const ImageListBody = z.object({ images: z.array(ImageBody) });

function facts(image: z.infer<typeof ImageBody>): ImageFacts {
  return {
    id: image.id,
    name: image.name ?? '',
    osDistro: image.os_distro ?? null,
    kubeVersion: image.kube_version ?? null,
    magnumDriver: image.magnum_driver ?? null,
  };
}

/** GlanceApi through an authorized `image` ServiceClient. */
export class GlanceClient implements GlanceApi {
  constructor(private readonly client: ServiceClient) {}

  /** By id (`GET /v2/images/{id}`) or, as Magnum accepts a template's image by name, by name (`?name=`). */
  async getImage(idOrName: string): Promise<ImageFacts> {
    if (UUID.test(idOrName)) {
      try {
        const { body } = await this.client.json({ method: 'GET', path: `/images/${encodeURIComponent(idOrName)}` }, ImageBody);
        return facts(body);
      } catch (error) {
        if (upstreamOf(error)?.status !== 404) throw error;
      }
    }
    const { body } = await this.client.json({ method: 'GET', path: '/images', query: { name: idOrName } }, ImageListBody);
    const image = body.images[0];
    if (image === undefined) throw new NotFoundError(`Image \`${idOrName}\``);
    return facts(image);
  }
}
