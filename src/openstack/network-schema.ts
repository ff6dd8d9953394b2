/** Octavia v2 and Neutron v2.0 response bodies: only the fields the bot reads. */
import { z } from 'zod';

const text = z.string().nullish();

/** `<collection>_links`: the `next` page, when the server paginates. */
export const PageLinks = z.array(z.object({ href: z.string(), rel: z.string().nullish() })).nullish();

export const LoadBalancerBody = z.object({
  id: z.string(),
  name: text,
  description: text,
  vip_subnet_id: text,
  vip_address: text,
  vip_port_id: text,
  provisioning_status: z.string().nullish(),
  operating_status: z.string().nullish(),
  project_id: text,
  created_at: text,
});

export const LoadBalancerListBody = z.object({ loadbalancers: z.array(LoadBalancerBody), loadbalancers_links: PageLinks });

export const PortBody = z.object({
  id: z.string(),
  name: text,
  device_owner: text,
  device_id: text,
  status: z.string().nullish(),
  fixed_ips: z.array(z.object({ subnet_id: z.string(), ip_address: z.string() })).nullish(),
});

export const PortListBody = z.object({ ports: z.array(PortBody), ports_links: PageLinks });

export const SubnetBody = z.object({
  id: z.string(),
  name: text,
  network_id: z.string(),
  cidr: z.string(),
});

export const SubnetShowBody = z.object({ subnet: SubnetBody });
export const SubnetListBody = z.object({ subnets: z.array(SubnetBody), subnets_links: PageLinks });

export type SubnetBody = z.infer<typeof SubnetBody>;

/** The `next` link of a paginated Octavia/Neutron list, if any. */
export function nextLink(links: z.infer<typeof PageLinks>): string | undefined {
  return links?.find((l) => l.rel === 'next')?.href;
}

/** `GET /v2.0/quotas/{project}/details`: limit and used per resource. */
export const QuotaDetailsBody = z.object({ quota: z.record(z.string(), z.object({ limit: z.number(), used: z.number() })) });
