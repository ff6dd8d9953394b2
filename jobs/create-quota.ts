/**
 * Quota pre-flight of a create: what the cluster needs from Nova (instances, cores, RAM),
 * Neutron (networks, subnets, routers, ports, floating IPs, security groups), Octavia (load
 * balancers) and Cinder (volumes, gigabytes), against the project's quotas and usage; a create
 * that cannot fit is refused with the numbers before anything is created.
 */
import type { ClusterTemplate } from '../src/core/cluster.js';
import { BotError } from '../src/core/errors.js';
import type { Flavor, QuotaUsage } from '../src/core/ports.js';
import type { JobContext } from './definition.js';

export interface QuotaNeed {
  service: QuotaService;
  /** The quota's name as the API (and `openstack quota show`) names it. */
  resource: string;
  need: number;
}

export type QuotaService = 'Nova' | 'Neutron' | 'Octavia' | 'Cinder';

export interface ClusterShape {
  masters: number;
  nodes: number;
  masterFlavor: Flavor | undefined;
  flavor: Flavor | undefined;
  floatingIps: boolean;
  masterLb: boolean;
  /** GB per server (masters and workers): the docker volume; 0 or absent for none. */
  dockerVolumeGb?: number;
  /** GB per master: the etcd volume (label etcd_volume_size); 0 or absent for none. */
  etcdVolumeGb?: number;
  /** GB per server when servers boot from a volume (label boot_volume_size); 0 or absent for none. */
  bootVolumeGb?: number;
}

/**
 * What Magnum's Heat templates create for the cluster: a server per node, a private network,
 * subnet and router, a port per server plus the DHCP and router ports (and a VIP port per load
 * balancer: API and etcd), a floating IP per server when the template gives them (and one for
 * the API load balancer), a master and a minion security group, the two Octavia load balancers,
 * and a Cinder volume per server for docker (and boot), one per master for etcd.
 */
export function clusterNeeds(shape: ClusterShape): QuotaNeed[] {
  const servers = shape.masters + shape.nodes;
  const lbs = shape.masterLb ? 2 : 0;
  const needs: QuotaNeed[] = [{ service: 'Nova', resource: 'instances', need: servers }];
  if (shape.masterFlavor?.vcpus !== undefined && shape.flavor?.vcpus !== undefined) {
    needs.push({ service: 'Nova', resource: 'cores', need: shape.masters * shape.masterFlavor.vcpus + shape.nodes * shape.flavor.vcpus });
  }
  if (shape.masterFlavor?.ramMb !== undefined && shape.flavor?.ramMb !== undefined) {
    needs.push({ service: 'Nova', resource: 'ram', need: shape.masters * shape.masterFlavor.ramMb + shape.nodes * shape.flavor.ramMb });
  }
  needs.push(
    { service: 'Neutron', resource: 'network', need: 1 },
    { service: 'Neutron', resource: 'subnet', need: 1 },
    { service: 'Neutron', resource: 'router', need: 1 },
    { service: 'Neutron', resource: 'port', need: servers + 2 + lbs },
    { service: 'Neutron', resource: 'floatingip', need: (shape.floatingIps ? servers : 0) + (shape.masterLb ? 1 : 0) },
    { service: 'Neutron', resource: 'security_group', need: 2 },
    { service: 'Octavia', resource: 'load_balancer', need: lbs },
  );
  const volumes = [
    { count: servers, gb: shape.dockerVolumeGb ?? 0 },
    { count: shape.masters, gb: shape.etcdVolumeGb ?? 0 },
    { count: servers, gb: shape.bootVolumeGb ?? 0 },
  ].filter((v) => v.gb > 0);
  needs.push(
    { service: 'Cinder', resource: 'volumes', need: volumes.reduce((sum, v) => sum + v.count, 0) },
    { service: 'Cinder', resource: 'gigabytes', need: volumes.reduce((sum, v) => sum + v.count * v.gb, 0) },
  );
  return needs.filter((n) => n.need > 0);
}

/** The needs that do not fit, as lines with the numbers; empty when everything fits (-1 is unlimited). */
export function quotaShortfalls(needs: readonly QuotaNeed[], usage: Partial<Record<QuotaService, QuotaUsage | null>>): string[] {
  return needs.flatMap((n) => {
    const q = usage[n.service]?.[n.resource];
    if (q === undefined || q.limit < 0) return [];
    const free = Math.max(0, q.limit - q.inUse);
    if (n.need <= free) return [];
    const unit = n.resource === 'ram' ? ' MB' : n.resource === 'gigabytes' ? ' GB' : '';
    return [`${n.service} ${n.resource}: needs ${n.need}${unit}, ${free}${unit} free (quota ${q.limit}${unit}, ${q.inUse}${unit} in use)`];
  });
}

/** Reads the quotas (best effort: an unreadable service is not checked) and refuses a create that does not fit. */
export async function checkCreateQuotas(
  ctx: JobContext,
  cloud: string,
  spec: {
    cluster: string;
    nodes?: number | undefined;
    masters?: number | undefined;
    flavor?: string | undefined;
    masterFlavor?: string | undefined;
    dockerVolumeSize?: number | undefined;
    labels?: Record<string, string> | undefined;
  },
  template: ClusterTemplate,
): Promise<void> {
  const openstack = ctx.openstack(cloud);
  const quotas = openstack.quotas;
  if (quotas === undefined || openstack.nova === undefined) return;
  const project = await openstack.projectId();
  const read = async (what: string, run: () => Promise<QuotaUsage>): Promise<QuotaUsage | null> => {
    try {
      return await run();
    } catch (error) {
      ctx.log.warn({ err: error instanceof Error ? error.message : String(error), what }, 'quota not read; not checked');
      return null;
    }
  };
  const [flavors, nova, neutron, octavia, cinder] = await Promise.all([
    openstack.nova.listFlavors().catch(() => [] as Flavor[]),
    read('compute', () => quotas.compute(project)),
    read('network', () => quotas.network(project)),
    quotas.loadBalancer ? read('load-balancer', () => quotas.loadBalancer?.(project) ?? Promise.resolve({})) : null,
    quotas.volume ? read('volume', () => quotas.volume?.(project) ?? Promise.resolve({})) : null,
  ]);
  const labels = { ...template.labels, ...spec.labels };
  const gb = (label: string) => Number.parseInt(labels[label] ?? '0', 10) || 0;
  const byName = (name: string | null | undefined) => flavors.find((f) => f.name === name || f.id === name);
  const raw = template.raw;
  const needs = clusterNeeds({
    masters: spec.masters ?? 1,
    nodes: spec.nodes ?? 1,
    masterFlavor: byName(spec.masterFlavor ?? template.masterFlavorId),
    flavor: byName(spec.flavor ?? template.flavorId),
    floatingIps: raw['floating_ip_enabled'] !== false,
    masterLb: template.masterLbEnabled === true,
    // Magnum puts the template's docker volume into a create that sets none.
    dockerVolumeGb: spec.dockerVolumeSize ?? template.dockerVolumeSize ?? 0,
    etcdVolumeGb: gb('etcd_volume_size'),
    bootVolumeGb: gb('boot_volume_size'),
  });
  const short = quotaShortfalls(needs, { Nova: nova, Neutron: neutron, Octavia: octavia, Cinder: cinder });
  if (short.length === 0) return;
  throw new BotError(
    'quota_exceeded',
    `${spec.cluster} does not fit in the project's quotas:\n${short.map((l) => `• ${l}`).join('\n')}\nNothing was created. Free some resources (\`openstack quota show\`, \`openstack limits show --absolute\`, \`openstack loadbalancer quota show\`), ask for a larger quota, or create a smaller cluster.`,
  );
}
