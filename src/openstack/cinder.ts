/** Cinder (block storage) v3: the project's volume quotas with what is in use. */
import { z } from 'zod';
import type { QuotaUsage } from '../core/ports.js';
import type { ServiceClient } from './service-client.js';

/** `GET /os-quota-sets/{project}?usage=True`: per resource limit, in_use, reserved (and allocated). */
const QuotaUsageBody = z.object({
  quota_set: z.record(z.string(), z.union([z.string(), z.looseObject({ limit: z.number(), in_use: z.number() })])),
});

/** Cinder's catalog URL ends in `/v3/{project_id}`: paths go below it as they are. */
export function cinderRoot(catalogUrl: string): string {
  return catalogUrl.replace(/\/+$/, '');
}

/** Cinder through an authorized `block-storage` ServiceClient. */
export class CinderClient {
  constructor(private readonly client: ServiceClient) {}

  /** volumes, gigabytes, snapshots, backups... with what is in use (`in_use` becomes `inUse`). */
  async quotaUsage(projectId: string): Promise<QuotaUsage> {
    const { body } = await this.client.json(
      { method: 'GET', path: `/os-quota-sets/${encodeURIComponent(projectId)}`, query: { usage: 'True' } },
      QuotaUsageBody,
    );
    const out: QuotaUsage = {};
    for (const [k, v] of Object.entries(body.quota_set)) if (typeof v !== 'string') out[k] = { limit: v.limit, inUse: v.in_use };
    return out;
  }
}
