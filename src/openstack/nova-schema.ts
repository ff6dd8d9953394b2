/** Nova v2.1 response bodies: only the fields the bot reads. */
import { z } from 'zod';
import { PageLinks } from './network-schema.js';

/** `GET /flavors` (also `/flavors/detail`): id and name of each flavor; `flavors_links` when paginated. */
export const FlavorListBody = z.object({
  flavors: z.array(z.object({ id: z.string(), name: z.string(), vcpus: z.number().optional(), ram: z.number().optional() })),
  flavors_links: PageLinks,
});

/** `GET /os-keypairs/{name}`. */
export const KeypairShowBody = z.object({ keypair: z.object({ name: z.string() }) });

/** `GET /os-keypairs`: each item wrapped in its own `keypair` key; `keypairs_links` from microversion 2.35. */
export const KeypairListBody = z.object({
  keypairs: z.array(z.object({ keypair: z.object({ name: z.string() }) })),
  keypairs_links: PageLinks,
});

/** `GET /servers/detail`: the fields the bot reads; `fault` only on ERROR servers; `servers_links` when paginated. */
export const ServerListBody = z.object({
  servers: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      status: z.string(),
      created: z.string().nullish(),
      fault: z.object({ message: z.string().nullish(), code: z.number().nullish() }).nullish(),
    }),
  ),
  servers_links: PageLinks,
});

/** `POST /servers/{id}/action` with `os-getConsoleOutput`. */
export const ConsoleOutputBody = z.object({ output: z.string().nullish() });

const QuotaDetail = z.object({ limit: z.number(), in_use: z.number() });

/** `GET /os-quota-sets/{project}/detail`: limit and in_use per resource (`id` is the project). */
export const QuotaDetailBody = z.object({ quota_set: z.record(z.string(), z.union([QuotaDetail, z.string()])) });
