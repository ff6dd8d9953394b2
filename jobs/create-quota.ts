/**
 * Quota pre-flight of a create: what the cluster needs from Nova (instances, cores, RAM),
 * Neutron (networks, subnets, routers, ports, floating IPs, security groups), Octavia (load
 * balancers) and Cinder (volumes, gigabytes), against the project's quotas and usage; a create
 * that cannot fit is refused with the numbers before anything is created.
 */
import type { ClusterDetail, ClusterTemplate } from '../src/core/cluster.js';
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

/** What is in use and allowed per service (null: not readable, not checked), and the flavors by name or id. */
interface QuotaReadings {
  usage: Partial<Record<QuotaService, QuotaUsage | null>>;
  flavor(nameOrId: string | null | undefined): Flavor | undefined;
}

/** Reads the quotas (best effort: an unreadable service is not checked); null when the cloud has no quota or compute client. */
async function readQuotas(ctx: JobContext, cloud: string): Promise<QuotaReadings | null> {
  const openstack = ctx.openstack(cloud);
  const quotas = openstack.quotas;
  if (quotas === undefined || openstack.nova === undefined) return null;
  const project = await openstack.projectId();
  const read = async (what: string, run: (() => Promise<QuotaUsage>) | undefined): Promise<QuotaUsage | null> => {
    if (run === undefined) return null;
    try {
      return await run();
    } catch (error) {
      ctx.log.warn({ err: error instanceof Error ? error.message : String(error), what }, 'quota not read; not checked');
      return null;
    }
  };
  const { loadBalancer, volume } = quotas;
  const [flavors, nova, neutron, octavia, cinder] = await Promise.all([
    openstack.nova.listFlavors().catch(() => [] as Flavor[]),
    read('compute', () => quotas.compute(project)),
    read('network', () => quotas.network(project)),
    read('load-balancer', loadBalancer && (() => loadBalancer(project))),
    read('volume', volume && (() => volume(project))),
  ]);
  return {
    usage: { Nova: nova, Neutron: neutron, Octavia: octavia, Cinder: cinder },
    flavor: (name) => flavors.find((f) => f.name === name || f.id === name),
  };
}

const FREE_SOME =
  'Free some resources (`openstack quota show`, `openstack limits show --absolute`, `openstack loadbalancer quota show`), ask for a larger quota';

/** GB of a size label (etcd_volume_size, boot_volume_size); 0 when absent or not a number. */
function labelGb(labels: Record<string, string>, label: string): number {
  return Number.parseInt(labels[label] ?? '0', 10) || 0;
}

/** Refuses a create that does not fit, with the numbers, before anything is created. */
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
  const quotas = await readQuotas(ctx, cloud);
  if (quotas === null) return;
  const labels = { ...template.labels, ...spec.labels };
  const needs = clusterNeeds({
    masters: spec.masters ?? 1,
    nodes: spec.nodes ?? 1,
    masterFlavor: quotas.flavor(spec.masterFlavor ?? template.masterFlavorId),
    flavor: quotas.flavor(spec.flavor ?? template.flavorId),
    floatingIps: template.raw['floating_ip_enabled'] !== false,
    masterLb: template.masterLbEnabled === true,
    // Magnum puts the template's docker volume into a create that sets none.
    dockerVolumeGb: spec.dockerVolumeSize ?? template.dockerVolumeSize ?? 0,
    etcdVolumeGb: labelGb(labels, 'etcd_volume_size'),
    bootVolumeGb: labelGb(labels, 'boot_volume_size'),
  });
  const short = quotaShortfalls(needs, quotas.usage);
  if (short.length === 0) return;
  throw new BotError(
    'quota_exceeded',
    `${spec.cluster} does not fit in the project's quotas:\n${short.map((l) => `• ${l}`).join('\n')}\nNothing was created. ${FREE_SOME}, or create a smaller cluster.`,
  );
}

/**
 * What `added` worker nodes need: a server each (cores and RAM of the flavor), a port, a
 * floating IP when the cluster gives them, and their docker (and boot) volumes.
 */
export function addedNodeNeeds(
  added: number,
  shape: Pick<ClusterShape, 'flavor' | 'floatingIps' | 'dockerVolumeGb' | 'bootVolumeGb'>,
): QuotaNeed[] {
  const needs = clusterNeeds({ ...shape, masters: 0, nodes: added, masterFlavor: shape.flavor, masterLb: false });
  // The network, its router and security groups exist already; only what each node adds counts.
  return needs
    .filter((n) => !['network', 'subnet', 'router', 'security_group'].includes(n.resource))
    .map((n) => (n.resource === 'port' ? { ...n, need: added } : n));
}

/** Refuses a growing resize that does not fit, with the numbers, before Magnum is asked. */
export async function checkResizeQuotas(
  ctx: JobContext,
  cloud: string,
  resize: { cluster: ClusterDetail; groupFlavor: string | null; added: number; groupName: string },
): Promise<void> {
  const quotas = await readQuotas(ctx, cloud);
  if (quotas === null) return;
  const { cluster } = resize;
  const template = await ctx.openstack(cloud).magnum.getTemplate(cluster.clusterTemplateId);
  const labels = { ...template.labels, ...cluster.labels };
  const needs = addedNodeNeeds(resize.added, {
    flavor: quotas.flavor(resize.groupFlavor ?? cluster.flavorId ?? template.flavorId),
    floatingIps: template.raw['floating_ip_enabled'] !== false,
    dockerVolumeGb: cluster.dockerVolumeSize ?? template.dockerVolumeSize ?? 0,
    bootVolumeGb: labelGb(labels, 'boot_volume_size'),
  });
  const short = quotaShortfalls(needs, quotas.usage);
  if (short.length === 0) return;
  throw new BotError(
    'quota_exceeded',
    `Adding ${resize.added} node${resize.added === 1 ? '' : 's'} to ${resize.groupName} of ${cluster.name} does not fit in the project's quotas:\n${short.map((l) => `• ${l}`).join('\n')}\nNothing was changed. ${FREE_SOME}, or add fewer nodes.`,
  );
}
