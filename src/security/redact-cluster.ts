import type { RawJson } from '../core/cluster.js';
import { redactJson, redactLabels } from './redact.js';
import { redactTableDump } from './redact-table.js';

/**
 * Magnum cluster fields support may see (`GET /v1/clusters/{id}` names). Left out: `links`
 * (internal endpoints), `user_id` (a person's identity; `project_id` is enough to find the
 * cluster) and `discovery_url` (the etcd discovery URL is a capability: whoever holds it can
 * register members).
 */
export const CLUSTER_FIELD_ALLOWLIST = [
  'uuid',
  'name',
  'project_id',
  'status',
  'status_reason',
  'health_status',
  'health_status_reason',
  'cluster_template_id',
  'stack_id',
  'coe_version',
  'container_version',
  'api_address',
  'master_addresses',
  'node_addresses',
  'master_count',
  'node_count',
  'flavor_id',
  'master_flavor_id',
  'keypair',
  'docker_volume_size',
  'create_timeout',
  'labels',
  'labels_overridden',
  'labels_added',
  'labels_skipped',
  'merge_labels',
  'fixed_network',
  'fixed_subnet',
  'floating_ip_enabled',
  'master_lb_enabled',
  'faults',
  'created_at',
  'updated_at',
] as const;

/** Magnum cluster template fields support may see. Proxies are kept (URL credentials are scrubbed). */
export const TEMPLATE_FIELD_ALLOWLIST = [
  'uuid',
  'name',
  'coe',
  'image_id',
  'cluster_distro',
  'server_type',
  'flavor_id',
  'master_flavor_id',
  'docker_volume_size',
  'docker_storage_driver',
  'network_driver',
  'volume_driver',
  'external_network_id',
  'fixed_network',
  'fixed_subnet',
  'dns_nameserver',
  'master_lb_enabled',
  'floating_ip_enabled',
  'tls_disabled',
  'registry_enabled',
  'insecure_registry',
  'http_proxy',
  'https_proxy',
  'no_proxy',
  'keypair_id',
  'apiserver_port',
  'public',
  'hidden',
  'labels',
  'tags',
  'created_at',
  'updated_at',
] as const;

const LABEL_FIELDS = new Set(['labels', 'labels_overridden', 'labels_added', 'labels_skipped']);

/** Keeps the allowlisted fields of a raw Magnum object (server order), redacted. */
export function pickRedacted(raw: RawJson, allowlist: readonly string[]): RawJson {
  const allowed = new Set(allowlist);
  const out: RawJson = {};
  for (const [key, value] of Object.entries(raw)) {
    if (!allowed.has(key)) continue;
    out[key] = LABEL_FIELDS.has(key) && isStringRecord(value) ? redactLabels(value) : redactJson(value);
  }
  return out;
}

/** A cluster's raw body reduced to what a ticket may carry; feed it to the CLI table renderer. */
export function redactClusterRaw(raw: RawJson): RawJson {
  return pickRedacted(raw, CLUSTER_FIELD_ALLOWLIST);
}

/** A template's raw body reduced to what a ticket may carry. */
export function redactTemplateRaw(raw: RawJson): RawJson {
  return pickRedacted(raw, TEMPLATE_FIELD_ALLOWLIST);
}

const TABLE_HEADER_FIELDS = new Set(['Field', 'Property']);

/** Redacts an `openstack coe cluster show` table: secrets scrubbed, non-allowlisted values blanked. */
export function redactClusterShowDump(dump: string): string {
  const allowed = new Set<string>(CLUSTER_FIELD_ALLOWLIST);
  return redactTableDump(dump, { blankField: (field) => !allowed.has(field) && !TABLE_HEADER_FIELDS.has(field) });
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((v) => typeof v === 'string');
}
