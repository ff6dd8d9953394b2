/** Endpoint lookup in a Keystone v3 service catalog. */
import { UpstreamError, type ServiceName } from '../core/errors.js';
import type { CatalogEntry } from './keystone-schema.js';

/**
 * Catalog types per service: the Service Types Authority name and its aliases
 * (os-service-types 1.7: container-infrastructure-management has `container-infrastructure`
 * and `container-infra`), then the project name some old catalogs used as a type. Not
 * `container`: that is Zun's alias (application-container).
 */
export const SERVICE_TYPES = {
  magnum: ['container-infra', 'container-infrastructure-management', 'container-infrastructure', 'magnum'],
  heat: ['orchestration', 'heat'],
  octavia: ['load-balancer', 'octavia'],
  neutron: ['network', 'neutron'],
  nova: ['compute'],
  cinder: ['block-storage', 'volumev3', 'volume'],
  glance: ['image'],
} as const satisfies Partial<Record<ServiceName, readonly string[]>>;

export type CatalogService = keyof typeof SERVICE_TYPES;

export interface EndpointFilter {
  interface: 'public' | 'internal' | 'admin';
  region?: string;
}

/** The URL of `service` in `catalog` for the interface and region; throws when absent. */
export function findEndpoint(catalog: readonly CatalogEntry[], service: CatalogService, filter: EndpointFilter): string {
  for (const type of SERVICE_TYPES[service]) {
    for (const entry of catalog.filter((e) => e.type === type)) {
      const endpoint = entry.endpoints.find(
        (e) => e.interface === filter.interface && (!filter.region || e.region_id === filter.region || e.region === filter.region),
      );
      if (endpoint) return endpoint.url;
    }
  }
  const where = `interface ${filter.interface}${filter.region ? `, region ${filter.region}` : ''}`;
  throw new UpstreamError(
    'service_not_in_catalog',
    `The cloud's service catalog has no ${service} endpoint (types ${SERVICE_TYPES[service].join(', ')}; ${where}). Check OS_REGION_NAME and OS_INTERFACE, or whether this cloud offers ${service}.`,
    { service, retryable: false },
  );
}
