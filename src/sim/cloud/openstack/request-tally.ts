/** One request the simulated cloud served: the service's catalog type, the method, and the route pattern it matched. */
export interface ServedRequest {
  /** The service's type in the Keystone catalog, e.g. `container-infra` for Magnum. */
  service: string;
  method: string;
  /** The route pattern below the service's prefix, e.g. `/v1/clusters/:id`; null when no route matched. */
  route: string | null;
}

/** Which served requests to count: each given field must match; a list of routes matches any of them. */
export interface RequestFilter {
  service?: string;
  method?: string;
  route?: string | readonly string[];
}

/**
 * Counts the requests the simulated cloud served, by service, method and route pattern, so tests
 * and benchmarks can see how many calls the bot made (one Magnum list per poll, for example).
 */
export class RequestTally {
  private readonly counts = new Map<string, { request: ServedRequest; n: number }>();

  record(request: ServedRequest): void {
    const key = `${request.service} ${request.method} ${request.route ?? ''}`;
    const entry = this.counts.get(key);
    if (entry) entry.n += 1;
    else this.counts.set(key, { request: { ...request }, n: 1 });
  }

  /** How many requests served so far match `filter` (all of them without one). */
  count(filter: RequestFilter = {}): number {
    const routes = typeof filter.route === 'string' ? [filter.route] : filter.route;
    let total = 0;
    for (const { request, n } of this.counts.values()) {
      if (filter.service !== undefined && request.service !== filter.service) continue;
      if (filter.method !== undefined && request.method !== filter.method) continue;
      if (routes !== undefined && (request.route === null || !routes.includes(request.route))) continue;
      total += n;
    }
    return total;
  }
}

/** Magnum's cluster list, plain and detailed: what the bot's poller calls once per cloud and interval. */
export const MAGNUM_CLUSTER_LISTS: RequestFilter = {
  service: 'container-infra',
  method: 'GET',
  route: ['/v1/clusters', '/v1/clusters/detail'],
};
