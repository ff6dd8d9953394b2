/** `openstack coe cluster list` output for the clusters of `GET /v1/clusters`. */
import type { RawJson } from '../core/cluster.js';
import { renderListTable } from './cli-table.js';

/** python-magnumclient ListCluster columns. */
export const CLUSTER_LIST_COLUMNS = ['uuid', 'name', 'keypair', 'node_count', 'master_count', 'status', 'health_status'] as const;

/**
 * The table the CLI prints, trailing newline included. No clusters gives '' (the CLI
 * prints a lone newline there; callers show their own "no clusters" text instead).
 */
export function renderClusterList(rawClusters: readonly RawJson[]): string {
  if (rawClusters.length === 0) return '';
  const rows = rawClusters.map((c) => CLUSTER_LIST_COLUMNS.map((name) => (Object.hasOwn(c, name) ? c[name] : '')));
  return renderListTable(CLUSTER_LIST_COLUMNS, rows);
}
