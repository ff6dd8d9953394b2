/** Magnum v1 response bodies: only the fields the bot reads, extra fields tolerated. */
import { z } from 'zod';

const text = z.string().nullish();
const int = z.number().int().nullish();
// Magnum labels are strings, but a hand-made template may carry numbers or booleans.
const labels = z.record(z.string(), z.unknown()).nullish();

export const ClusterSummaryBody = z.object({
  uuid: z.string(),
  name: z.string().nullish(),
  status: z.string().nullish(),
  health_status: text,
  cluster_template_id: z.string().nullish(),
  keypair: text,
  node_count: int,
  master_count: int,
  stack_id: text,
  // Microversion 1.13 renamed stack_id.
  cluster_id: text,
  create_timeout: int,
  docker_volume_size: int,
  labels,
  flavor_id: text,
  master_flavor_id: text,
  // Only in `/clusters/detail` items (and single-cluster GETs).
  created_at: text,
  status_reason: text,
});

export const ClusterDetailBody = ClusterSummaryBody.extend({
  project_id: text,
  health_status_reason: z.record(z.string(), z.unknown()).nullish(),
  api_address: text,
  coe_version: text,
  node_addresses: z.array(z.string()).nullish(),
  master_addresses: z.array(z.string()).nullish(),
  fixed_network: text,
  fixed_subnet: text,
  master_lb_enabled: z.boolean().nullish(),
  faults: z.record(z.string(), z.unknown()).nullish(),
  updated_at: text,
});

export const ClusterListBody = z.object({
  clusters: z.array(ClusterSummaryBody),
  next: z.string().nullish(),
});

export const ClusterTemplateBody = z.object({
  uuid: z.string(),
  name: z.string().nullish(),
  coe: z.string().nullish(),
  image_id: text,
  docker_storage_driver: text,
  docker_volume_size: int,
  network_driver: text,
  volume_driver: text,
  flavor_id: text,
  master_flavor_id: text,
  external_network_id: text,
  cluster_distro: text,
  server_type: text,
  // The explicit driver (a newer microversion; older Magnum sends none).
  driver: text,
  labels,
  master_lb_enabled: z.boolean().nullish(),
});

export const ClusterTemplateListBody = z.object({
  clustertemplates: z.array(ClusterTemplateBody),
  next: z.string().nullish(),
});

export const NodegroupBody = z.object({
  uuid: z.string(),
  name: z.string(),
  role: z.string().nullish(),
  node_count: int,
  min_node_count: int,
  max_node_count: int,
  flavor_id: text,
  is_default: z.boolean().nullish(),
  status: z.string().nullish(),
});

export const NodegroupListBody = z.object({ nodegroups: z.array(NodegroupBody) });

export const UuidBody = z.object({ uuid: z.string() });

export const CertificateBody = z.object({ pem: z.string() });

export type ClusterSummaryBody = z.infer<typeof ClusterSummaryBody>;
export type ClusterDetailBody = z.infer<typeof ClusterDetailBody>;
export type ClusterTemplateBody = z.infer<typeof ClusterTemplateBody>;
export type NodegroupBody = z.infer<typeof NodegroupBody>;
