/** NeutronApi over Neutron v2.0. */
import type { Port, Subnet } from '../core/openstack-state.js';
import type { NeutronApi, QuotaUsage } from '../core/ports.js';
import { nextLink, PortListBody, QuotaDetailsBody, SubnetListBody, SubnetShowBody, type SubnetBody } from './network-schema.js';
import { stripVersion, type ServiceClient } from './service-client.js';

const MAX_PAGES = 100;

/** Neutron's catalog URL usually has no version; paths add `/v2.0`. */
export function neutronRoot(catalogUrl: string): string {
  return `${stripVersion(catalogUrl, /\/v2\.0$/)}/v2.0`;
}

/** NeutronApi through an authorized `network` ServiceClient. */
export class NeutronClient implements NeutronApi {
  constructor(private readonly client: ServiceClient) {}

  async listPorts(filter: { subnetId?: string; networkId?: string; deviceOwner?: string }): Promise<Port[]> {
    const out: Port[] = [];
    let path: string | undefined = '/ports';
    let query: Record<string, string | undefined> | undefined = {
      // Neutron's fixed_ips filter takes `subnet_id=<id>` as its value.
      fixed_ips: filter.subnetId ? `subnet_id=${filter.subnetId}` : undefined,
      network_id: filter.networkId,
      device_owner: filter.deviceOwner,
    };
    for (let page = 0; path && page < MAX_PAGES; page += 1) {
      const { body } = await this.client.json({ method: 'GET', path, query }, PortListBody);
      for (const p of body.ports) {
        out.push({
          id: p.id,
          name: p.name ?? '',
          deviceOwner: p.device_owner ?? '',
          deviceId: p.device_id ?? '',
          status: p.status ?? 'UNKNOWN',
          fixedIps: (p.fixed_ips ?? []).map((ip) => ({ subnetId: ip.subnet_id, ipAddress: ip.ip_address })),
        });
      }
      path = nextLink(body.ports_links);
      query = undefined;
    }
    return out;
  }

  async getSubnet(id: string): Promise<Subnet> {
    const { body } = await this.client.json({ method: 'GET', path: `/subnets/${encodeURIComponent(id)}` }, SubnetShowBody);
    return toSubnet(body.subnet);
  }

  async listSubnets(filter: { networkId?: string; name?: string }): Promise<Subnet[]> {
    const out: Subnet[] = [];
    let path: string | undefined = '/subnets';
    let query: Record<string, string | undefined> | undefined = { network_id: filter.networkId, name: filter.name };
    for (let page = 0; path && page < MAX_PAGES; page += 1) {
      const { body } = await this.client.json({ method: 'GET', path, query }, SubnetListBody);
      out.push(...body.subnets.map(toSubnet));
      path = nextLink(body.subnets_links);
      query = undefined;
    }
    return out;
  }

  /** The project's network quotas with what is used (`used` becomes `inUse`, as Nova says it). */
  async quotaUsage(projectId: string): Promise<QuotaUsage> {
    const { body } = await this.client.json(
      { method: 'GET', path: `/quotas/${encodeURIComponent(projectId)}/details.json` },
      QuotaDetailsBody,
    );
    return Object.fromEntries(Object.entries(body.quota).map(([k, v]) => [k, { limit: v.limit, inUse: v.used }]));
  }
}

function toSubnet(s: SubnetBody): Subnet {
  return { id: s.id, name: s.name ?? '', networkId: s.network_id, cidr: s.cidr };
}
