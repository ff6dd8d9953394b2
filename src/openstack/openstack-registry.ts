import type { Config } from '../config/load-config.js';
import { ConfigError } from '../core/errors.js';
import type { Clock, Logger, OpenStackApi, OpenStackCallMetrics } from '../core/ports.js';
import { createOpenStackApi, type ClosableOpenStackApi, type CreateOpenStackApiOptions } from './create-openstack-api.js';

export interface OpenStackRegistry {
  /** The client for a cloud name: the configured default, or another entry of clouds.yaml. */
  get(cloud: string): OpenStackApi;
  close(): Promise<void>;
}

/** One client (one token, one connection pool) per cloud, made on first use. */
export function createOpenStackRegistry(
  config: Config['openstack'],
  logger: Logger,
  clock: Clock,
  metrics?: OpenStackCallMetrics,
  /** Timeout and retry policy of every client (defaults in HttpClient). */
  http: CreateOpenStackApiOptions['http'] = {},
): OpenStackRegistry {
  const clients = new Map<string, ClosableOpenStackApi>();
  return {
    get(cloud) {
      const existing = clients.get(cloud);
      if (existing) return existing;
      if (cloud !== config.cloud && !config.cloudsYaml) {
        throw new ConfigError([
          `cloud "${cloud}" is bound to a channel, but only OS_AUTH_URL credentials are configured: use OS_CLOUD with clouds.yaml`,
        ]);
      }
      const credentials = cloud === config.cloud ? config : { ...config, cloud, cloudsYaml: { cloud, file: config.cloudsYaml?.file } };
      const client = createOpenStackApi({ credentials, logger, clock, http: { ...http, ...(metrics ? { metrics } : {}) } });
      clients.set(cloud, client);
      return client;
    },
    async close() {
      await Promise.all([...clients.values()].map((c) => c.close()));
      clients.clear();
    },
  };
}
