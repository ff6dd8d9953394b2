/** NovaApi over Nova v2.1: the flavors and keypairs a cluster create refers to, and a cluster's servers. */
import type { NovaServer } from '../core/openstack-state.js';
import type { Flavor, NovaApi, QuotaUsage } from '../core/ports.js';
import { nextLink } from './network-schema.js';
import { ConsoleOutputBody, FlavorListBody, QuotaDetailBody, KeypairListBody, KeypairShowBody, ServerListBody } from './nova-schema.js';
import type { ServiceClient } from './service-client.js';
import { upstreamOf } from './upstream-errors.js';

const MAX_PAGES = 100;

/**
 * Nova's catalog URL usually ends in `/v2.1` (older clouds: `/v2.1/<project>` or
 * `/v2/<project>`); those are used as they are. A bare host gets `/v2.1`.
 */
export function novaRoot(catalogUrl: string): string {
  const url = catalogUrl.replace(/\/+$/, '');
  return /\/v2(\.1)?(\/[^/]+)?$/.test(url) ? url : `${url}/v2.1`;
}

/** NovaApi through an authorized `compute` ServiceClient. No microversion is sent: 2.1 has every field read here. */
export class NovaClient implements NovaApi {
  constructor(private readonly client: ServiceClient) {}

  async listFlavors(): Promise<Flavor[]> {
    const out: Flavor[] = [];
    let path: string | undefined = '/flavors/detail';
    for (let page = 0; path && page < MAX_PAGES; page += 1) {
      const { body } = await this.client.json({ method: 'GET', path }, FlavorListBody);
      out.push(
        ...body.flavors.map((f) => ({
          id: f.id,
          name: f.name,
          ...(f.vcpus === undefined ? {} : { vcpus: f.vcpus }),
          ...(f.ram === undefined ? {} : { ramMb: f.ram }),
        })),
      );
      // The next link carries the marker itself.
      path = nextLink(body.flavors_links);
    }
    return out;
  }

  async hasKeypair(name: string): Promise<boolean> {
    try {
      await this.client.json({ method: 'GET', path: `/os-keypairs/${encodeURIComponent(name)}` }, KeypairShowBody);
      return true;
    } catch (error) {
      if (upstreamOf(error)?.status === 404) return false;
      throw error;
    }
  }

  async listKeypairs(): Promise<string[]> {
    const out: string[] = [];
    let path: string | undefined = '/os-keypairs';
    for (let page = 0; path && page < MAX_PAGES; page += 1) {
      const { body } = await this.client.json({ method: 'GET', path }, KeypairListBody);
      out.push(...body.keypairs.map((k) => k.keypair.name));
      path = nextLink(body.keypairs_links);
    }
    return out;
  }

  async listServers(nameRegex?: string): Promise<NovaServer[]> {
    const out: NovaServer[] = [];
    let path: string | undefined =
      nameRegex === undefined ? '/servers/detail' : `/servers/detail?${new URLSearchParams({ name: nameRegex }).toString()}`;
    for (let page = 0; path && page < MAX_PAGES; page += 1) {
      const { body } = await this.client.json({ method: 'GET', path }, ServerListBody);
      for (const s of body.servers) {
        const created = s.created ? Date.parse(s.created) : NaN;
        out.push({
          id: s.id,
          name: s.name,
          status: s.status,
          fault: s.fault?.message ?? null,
          createdAt: Number.isNaN(created) ? null : created,
        });
      }
      path = nextLink(body.servers_links);
    }
    return out;
  }

  async consoleOutput(serverId: string, lines: number): Promise<string> {
    const { body } = await this.client.json(
      {
        method: 'POST',
        path: `/servers/${encodeURIComponent(serverId)}/action`,
        body: { 'os-getConsoleOutput': { length: lines } },
      },
      ConsoleOutputBody,
    );
    return body.output ?? '';
  }

  /** The project's compute quotas with what is in use. */
  async quotaUsage(projectId: string): Promise<QuotaUsage> {
    const path = `/os-quota-sets/${encodeURIComponent(projectId)}/detail`;
    const { body } = await this.client.json({ method: 'GET', path }, QuotaDetailBody);
    const out: QuotaUsage = {};
    for (const [k, v] of Object.entries(body.quota_set)) if (typeof v !== 'string') out[k] = { limit: v.limit, inUse: v.in_use };
    return out;
  }
}
