/**
 * Quotas and usage per project, as Nova (`os-quota-sets`, `limits`) and Neutron (`quotas`)
 * report them: defaults as a fresh Nova and Neutron have them, overridden per project
 * (SimProject.quotas); usage counted from what the clusters have at the instant.
 */
import { phaseAt } from './cluster-lifecycle.js';
import { SIM_FLAVORS } from './nova-model.js';
import { portsOf } from './network-model.js';
import { serversOf } from './server-model.js';
import type { SimProject, SimState } from './sim-state.js';

/** Nova's defaults (nova.conf [quota]) and Neutron's ([quotas]). */
export const NOVA_DEFAULTS = {
  instances: 10,
  cores: 20,
  ram: 51200,
  key_pairs: 100,
  metadata_items: 128,
  injected_files: 5,
  injected_file_content_bytes: 10240,
  injected_file_path_bytes: 255,
  server_groups: 10,
  server_group_members: 10,
} as const;
export const NEUTRON_DEFAULTS = {
  network: 100,
  subnet: 100,
  subnetpool: -1,
  port: 500,
  router: 10,
  floatingip: 50,
  security_group: 10,
  security_group_rule: 100,
  rbac_policy: 10,
} as const;

export type NovaResource = keyof typeof NOVA_DEFAULTS;
export type NeutronResource = keyof typeof NEUTRON_DEFAULTS;

export function limitOf(project: SimProject, resource: string, fallback: number): number {
  return project.quotas?.[resource] ?? fallback;
}

function flavorOf(id: string | null) {
  return SIM_FLAVORS.find((f) => f.id === id || f.name === id) ?? SIM_FLAVORS.find((f) => f.name === 'c1.c2r4');
}

/** What the project's servers use now: instances, cores, RAM (MB). */
export function novaUsage(state: SimState, projectId: string): Record<NovaResource, number> {
  const now = state.clock.now();
  const servers = state.clusters.filter((c) => c.projectId === projectId).flatMap((c) => serversOf(state, c, now));
  const flavors = servers.map((s) => flavorOf(s.flavorId));
  return {
    instances: servers.length,
    cores: flavors.reduce((sum, f) => sum + (f?.vcpus ?? 0), 0),
    ram: flavors.reduce((sum, f) => sum + (f?.ramMb ?? 0), 0),
    key_pairs: state.keypairs.length,
    metadata_items: 0,
    injected_files: 0,
    injected_file_content_bytes: 0,
    injected_file_path_bytes: 0,
    server_groups: state.clusters.filter((c) => c.projectId === projectId && phaseAt(state, c, now) !== null).length * 2,
    server_group_members: 0,
  };
}

/** What the project's clusters use of Neutron now: a network, subnet and router each, their ports, floating IPs, security groups. */
export function neutronUsage(state: SimState, projectId: string): Record<NeutronResource, number> {
  const now = state.clock.now();
  const live = state.clusters.filter((c) => c.projectId === projectId && phaseAt(state, c, now) !== null);
  const servers = live.flatMap((c) => (c.floatingIpEnabled ? serversOf(state, c, now) : []));
  return {
    network: live.length,
    subnet: live.length,
    subnetpool: 0,
    port: live.reduce((sum, c) => sum + portsOf(state, c, now).length, 0),
    router: live.length,
    // A floating IP per node with floating IPs, and one per API load balancer.
    floatingip: servers.length + live.filter((c) => c.masterLbEnabled).length,
    // The default group, and Magnum's master and minion groups per cluster.
    security_group: 1 + live.length * 2,
    security_group_rule: 4 + live.length * 12,
    rbac_policy: 0,
  };
}

/** Cinder's defaults (cinder.conf: quota_volumes, quota_gigabytes, ...). */
export const CINDER_DEFAULTS = {
  volumes: 10,
  gigabytes: 1000,
  snapshots: 10,
  backups: 10,
  backup_gigabytes: 1000,
  per_volume_gigabytes: -1,
  groups: 10,
} as const;
/** Octavia's defaults ([quotas] default_*_quota: -1, unlimited, unless the operator sets them). */
export const OCTAVIA_DEFAULTS = {
  load_balancer: -1,
  listener: -1,
  pool: -1,
  health_monitor: -1,
  member: -1,
  l7policy: -1,
  l7rule: -1,
} as const;

export type CinderResource = keyof typeof CINDER_DEFAULTS;

/** What the project's clusters use of Cinder now: a docker volume per server where the cluster has one. */
export function cinderUsage(state: SimState, projectId: string): Record<CinderResource, number> {
  const now = state.clock.now();
  const sizes = state.clusters
    .filter((c) => c.projectId === projectId && (c.dockerVolumeSize ?? 0) > 0)
    .flatMap((c) => serversOf(state, c, now).map(() => c.dockerVolumeSize ?? 0));
  return {
    volumes: sizes.length,
    gigabytes: sizes.reduce((sum, s) => sum + s, 0),
    snapshots: 0,
    backups: 0,
    backup_gigabytes: 0,
    per_volume_gigabytes: 0,
    groups: 0,
  };
}
