import { z } from 'zod';

const Endpoint = z.object({
  url: z.string(),
  interface: z.string(),
  region: z.string().nullish(),
  region_id: z.string().nullish(),
});

const CatalogEntry = z.object({
  type: z.string(),
  name: z.string().nullish(),
  endpoints: z.array(Endpoint).default([]),
});

/** The body of `POST /v3/auth/tokens` (only what the bot reads). */
export const TokenBody = z.object({
  token: z.object({
    expires_at: z.string(),
    issued_at: z.string().nullish(),
    project: z.object({ id: z.string(), name: z.string().nullish() }).nullish(),
    catalog: z.array(CatalogEntry).default([]),
  }),
});

export type TokenBody = z.infer<typeof TokenBody>;
export type CatalogEntry = z.infer<typeof CatalogEntry>;
