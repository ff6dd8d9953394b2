/**
 * The ticket-ready dump: byte-identical to `openstack coe cluster show NAME` (table format,
 * python-magnumclient <= 4.11) for the same Magnum JSON.
 */
import type { RawJson } from '../core/cluster.js';
import { renderShowOneTable } from './cli-table.js';

/** python-magnumclient `osc/v1/clusters.py` CLUSTER_ATTRIBUTES, the CLI's row order. */
export const CLUSTER_ATTRIBUTES = [
  'status',
  'health_status',
  'cluster_template_id',
  'node_addresses',
  'uuid',
  'stack_id',
  'status_reason',
  'created_at',
  'updated_at',
  'coe_version',
  'labels',
  'labels_overridden',
  'labels_skipped',
  'labels_added',
  'fixed_network',
  'fixed_subnet',
  'floating_ip_enabled',
  'faults',
  'keypair',
  'api_address',
  'master_addresses',
  'master_lb_enabled',
  'create_timeout',
  'node_count',
  'discovery_url',
  'docker_volume_size',
  'master_count',
  'container_version',
  'name',
  'master_flavor_id',
  'flavor_id',
  'health_status_reason',
  'project_id',
] as const;

/** `openstack coe cluster show` output for `raw` (GET /v1/clusters/{id} body), with its trailing newline. */
export function renderClusterShow(raw: RawJson): string {
  // osc-lib get_item_properties: an attribute the server did not send prints as ''.
  return renderShowOneTable(CLUSTER_ATTRIBUTES.map((name) => [name, Object.hasOwn(raw, name) ? raw[name] : ''] as const));
}
