/** OctaviaApi over Octavia v2 (`/v2/lbaas/...`). */
import type { LoadBalancer } from '../core/openstack-state.js';
import { z } from 'zod';
import type { OctaviaApi, QuotaUsage } from '../core/ports.js';
import { LoadBalancerListBody, nextLink } from './network-schema.js';
import { stripVersion, type ServiceClient } from './service-client.js';
import { parseUtc } from './time.js';

const MAX_PAGES = 100;

/** `GET /lbaas/quotas/{project}`: built once (zod 4 compiles a schema when it is built). */
const QuotaBody = z.object({ quota: z.record(z.string(), z.number().nullable()) });

/** Octavia's catalog URL may end in `/v2` or `/v2.0`; paths add `/v2` themselves. */
export function octaviaRoot(catalogUrl: string): string {
  return `${stripVersion(catalogUrl, /\/v2(\.0)?$/)}/v2`;
}

/** OctaviaApi through an authorized `load-balancer` ServiceClient. */
export class OctaviaClient implements OctaviaApi {
  constructor(private readonly client: ServiceClient) {}

  async listLoadBalancers(filter: { vipSubnetId?: string; projectId?: string }): Promise<LoadBalancer[]> {
    const out: LoadBalancer[] = [];
    let path: string | undefined = '/lbaas/loadbalancers';
    let query: Record<string, string | undefined> | undefined = { vip_subnet_id: filter.vipSubnetId, project_id: filter.projectId };
    for (let page = 0; path && page < MAX_PAGES; page += 1) {
      const { body } = await this.client.json({ method: 'GET', path, query }, LoadBalancerListBody);
      for (const lb of body.loadbalancers) {
        out.push({
          id: lb.id,
          name: lb.name ?? '',
          description: lb.description ?? '',
          vipSubnetId: lb.vip_subnet_id ?? null,
          vipAddress: lb.vip_address ?? null,
          vipPortId: lb.vip_port_id ?? null,
          provisioningStatus: lb.provisioning_status ?? 'UNKNOWN',
          operatingStatus: lb.operating_status ?? 'UNKNOWN',
          projectId: lb.project_id ?? null,
          createdAt: parseUtc(lb.created_at),
        });
      }
      // The next link carries the filters and the marker itself.
      path = nextLink(body.loadbalancers_links);
      query = undefined;
    }
    return out;
  }

  /**
   * The project's load balancer quota (`GET /lbaas/quotas/{project}`) with what is in use: Octavia
   * has no usage call, so its load balancers are counted (what `openstack loadbalancer list` shows).
   */
  async quotaUsage(projectId: string): Promise<QuotaUsage> {
    const { body } = await this.client.json({ method: 'GET', path: `/lbaas/quotas/${encodeURIComponent(projectId)}` }, QuotaBody);
    const inUse = (await this.listLoadBalancers({ projectId })).filter((lb) => lb.provisioningStatus !== 'DELETED').length;
    const limit = body.quota['load_balancer'];
    return limit === undefined || limit === null ? {} : { load_balancer: { limit, inUse } };
  }

  /** Deletes a load balancer; `cascade` removes its listeners, pools and members too. */
  async deleteLoadBalancer(id: string, options: { cascade: boolean }): Promise<void> {
    await this.client.request({
      method: 'DELETE',
      path: `/lbaas/loadbalancers/${encodeURIComponent(id)}`,
      query: options.cascade ? { cascade: 'true' } : undefined,
    });
  }
}
