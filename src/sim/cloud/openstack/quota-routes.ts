/**
 * Quotas as Nova (`GET /os-quota-sets/{project}[/detail|/defaults]`, `GET /limits`), Neutron
 * (`GET /v2.0/quotas/{project}[/details]`), Cinder (`os-quota-sets`, `limits`) and Octavia
 * (`/v2/lbaas/quotas`) answer them, from quota-model.ts.
 */
import { json, type Reply, type RouteContext } from './http-router.js';
import {
  CINDER_DEFAULTS,
  NEUTRON_DEFAULTS,
  NOVA_DEFAULTS,
  OCTAVIA_DEFAULTS,
  cinderUsage,
  limitOf,
  neutronUsage,
  novaUsage,
} from './quota-model.js';
import type { SimProject, SimState, SimToken } from './sim-state.js';

/** The nova-network era quotas Nova still shows before microversion 2.36 (unlimited fixed IPs). */
const NOVA_NETWORK_DEFAULTS = { floating_ips: 10, fixed_ips: -1, security_groups: 10, security_group_rules: 20 } as const;

function projectOf(state: SimState, id: string): SimProject {
  return state.projects.find((p) => p.id === id) ?? { id, name: id, domainId: 'default', clusterQuota: 20 };
}

function forbidden(token: SimToken, project: string): Reply | null {
  if (token.projectId === project) return null;
  return json(403, { forbidden: { code: 403, message: `Policy doesn't allow os_compute_api:os-quota-sets:show to be performed.` } });
}

function novaLimits(project: SimProject, minor: number): Record<string, number> {
  const base = Object.fromEntries(Object.entries(NOVA_DEFAULTS).map(([k, v]) => [k, limitOf(project, k, v)]));
  if (minor >= 57) for (const k of ['injected_files', 'injected_file_content_bytes', 'injected_file_path_bytes']) delete base[k];
  if (minor >= 36) return base;
  return { ...base, ...Object.fromEntries(Object.entries(NOVA_NETWORK_DEFAULTS).map(([k, v]) => [k, limitOf(project, k, v)])) };
}

/** `GET /os-quota-sets/{project}`, `/detail` (limit, in_use, reserved) and `/defaults`. */
export function novaQuotaSet(
  state: SimState,
  ctx: RouteContext,
  token: SimToken,
  minor: number,
  view: 'limits' | 'detail' | 'defaults',
): Reply {
  const id = ctx.params['project'] ?? '';
  const refused = view === 'defaults' ? null : forbidden(token, id);
  if (refused) return refused;
  const project = view === 'defaults' ? { ...projectOf(state, id), quotas: {} } : projectOf(state, id);
  const limits = novaLimits(project, minor);
  if (view !== 'detail') return json(200, { quota_set: { id, ...limits } });
  const usage = novaUsage(state, id) as Record<string, number>;
  const detail = Object.fromEntries(Object.entries(limits).map(([k, limit]) => [k, { limit, in_use: usage[k] ?? 0, reserved: 0 }]));
  return json(200, { quota_set: { id, ...detail } });
}

/** `GET /limits`: the absolute limits and what the project uses (rate limits are empty on modern Nova). */
export function novaAbsoluteLimits(state: SimState, token: SimToken, minor: number): Reply {
  const project = projectOf(state, token.projectId);
  const usage = novaUsage(state, token.projectId);
  const limit = (k: keyof typeof NOVA_DEFAULTS) => limitOf(project, k, NOVA_DEFAULTS[k]);
  const absolute: Record<string, number> = {
    maxServerMeta: limit('metadata_items'),
    maxTotalInstances: limit('instances'),
    maxTotalCores: limit('cores'),
    maxTotalRAMSize: limit('ram'),
    maxTotalKeypairs: limit('key_pairs'),
    maxServerGroups: limit('server_groups'),
    maxServerGroupMembers: limit('server_group_members'),
    totalInstancesUsed: usage.instances,
    totalCoresUsed: usage.cores,
    totalRAMUsed: usage.ram,
    totalServerGroupsUsed: usage.server_groups,
  };
  if (minor < 57)
    Object.assign(absolute, { maxPersonality: limit('injected_files'), maxPersonalitySize: limit('injected_file_content_bytes') });
  if (minor < 39) absolute['maxImageMeta'] = limit('metadata_items');
  if (minor < 36) {
    Object.assign(absolute, {
      maxSecurityGroups: limitOf(project, 'security_groups', NOVA_NETWORK_DEFAULTS.security_groups),
      maxSecurityGroupRules: limitOf(project, 'security_group_rules', NOVA_NETWORK_DEFAULTS.security_group_rules),
      maxTotalFloatingIps: limitOf(project, 'floating_ips', NOVA_NETWORK_DEFAULTS.floating_ips),
      totalFloatingIpsUsed: 0,
      totalSecurityGroupsUsed: 0,
    });
  }
  return json(200, { limits: { rate: [], absolute } });
}

/** Neutron's `GET /v2.0/quotas/{project}` (limits) and `/details` (limit, used, reserved); `.json` suffixes accepted. */
export function neutronQuota(state: SimState, ctx: RouteContext, view: 'limits' | 'details' | 'default'): Reply {
  const id = (ctx.params['project'] ?? '').replace(/\.json$/, '');
  const project = view === 'default' ? { ...projectOf(state, id), quotas: {} } : projectOf(state, id);
  const limits = Object.fromEntries(Object.entries(NEUTRON_DEFAULTS).map(([k, v]) => [k, limitOf(project, k, v)]));
  if (view !== 'details') return json(200, { quota: limits });
  const usage = neutronUsage(state, id) as Record<string, number>;
  return json(200, {
    quota: Object.fromEntries(Object.entries(limits).map(([k, limit]) => [k, { limit, used: usage[k] ?? 0, reserved: 0 }])),
  });
}

/**
 * Cinder's `GET /v3/{project}/os-quota-sets/{target}[?usage=True]` (with usage: limit, in_use,
 * reserved, allocated) and `/defaults`, as cinderclient's `quotas.get` and `quotas.defaults` read them.
 */
export function cinderQuotaSet(state: SimState, ctx: RouteContext, view: 'limits' | 'defaults'): Reply {
  const id = ctx.params['target'] ?? '';
  const project = view === 'defaults' ? { ...projectOf(state, id), quotas: {} } : projectOf(state, id);
  const limits = Object.fromEntries(Object.entries(CINDER_DEFAULTS).map(([k, v]) => [k, limitOf(project, k, v)]));
  if (view === 'defaults' || !/^true$/i.test(ctx.query.get('usage') ?? '')) return json(200, { quota_set: { id, ...limits } });
  const usage = cinderUsage(state, id) as Record<string, number>;
  const detail = Object.fromEntries(
    Object.entries(limits).map(([k, limit]) => [k, { limit, in_use: usage[k] ?? 0, reserved: 0, allocated: 0 }]),
  );
  return json(200, { quota_set: { id, ...detail } });
}

/** Cinder's `GET /v3/{project}/limits`: absolute limits and usage (what `openstack limits show --absolute` adds). */
export function cinderAbsoluteLimits(state: SimState, ctx: RouteContext): Reply {
  const id = ctx.params['project'] ?? '';
  const project = projectOf(state, id);
  const usage = cinderUsage(state, id);
  const limit = (k: keyof typeof CINDER_DEFAULTS) => limitOf(project, k, CINDER_DEFAULTS[k]);
  return json(200, {
    limits: {
      rate: [],
      absolute: {
        totalSnapshotsUsed: usage.snapshots,
        maxTotalBackups: limit('backups'),
        maxTotalVolumeGigabytes: limit('gigabytes'),
        maxTotalSnapshots: limit('snapshots'),
        maxTotalBackupGigabytes: limit('backup_gigabytes'),
        totalBackupGigabytesUsed: usage.backup_gigabytes,
        maxTotalVolumes: limit('volumes'),
        totalVolumesUsed: usage.volumes,
        totalBackupsUsed: usage.backups,
        totalGigabytesUsed: usage.gigabytes,
      },
    },
  });
}

/** Octavia's `GET /v2/lbaas/quotas/{project}` and `/quotas/defaults` (`{"quota": {...}}`; Octavia has no usage call). */
export function octaviaQuota(state: SimState, ctx: RouteContext, view: 'project' | 'defaults'): Reply {
  const project = view === 'defaults' ? null : projectOf(state, ctx.params['project'] ?? '');
  return json(200, {
    quota: Object.fromEntries(Object.entries(OCTAVIA_DEFAULTS).map(([k, v]) => [k, project === null ? v : limitOf(project, k, v)])),
  });
}
