/** Wires Keystone, Magnum, Heat, Octavia, Neutron, Nova and Glance clients over one undici Agent. */
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { Agent } from 'undici';
import { ConfigError, UpstreamError } from '../core/errors.js';
import type { Clock, Logger, OpenStackApi } from '../core/ports.js';
import type { OpenStackCredentials } from '../config/load-config.js';
import { cloudsYamlPaths, readIfExists, resolveCloudsYaml, type ReadFile } from './clouds-yaml.js';
import { GlanceClient, glanceRoot } from './glance.js';
import { HeatClient, heatRoot } from './heat.js';
import { HttpClient, type HttpClientOptions } from './http-client.js';
import { KeystoneSession } from './keystone.js';
import { MagnumClient, magnumRoot } from './magnum.js';
import { NeutronClient, neutronRoot } from './neutron.js';
import { NovaClient, novaRoot } from './nova.js';
import { CinderClient, cinderRoot } from './cinder.js';
import { OctaviaClient, octaviaRoot } from './octavia.js';
import { ServiceClient } from './service-client.js';

export interface CreateOpenStackApiOptions {
  credentials: OpenStackCredentials;
  logger: Logger;
  clock: Clock;
  /** For clouds.yaml lookup (`~/.config/openstack`); defaults to the OS home directory. */
  homeDir?: string;
  /** For clouds.yaml lookup (`./clouds.yaml`); defaults to the process directory. */
  cwd?: string;
  /** Request timeout, retry policy and the retry sleep (tests make it instant). */
  http?: Pick<HttpClientOptions, 'timeoutMs' | 'retry' | 'sleep' | 'random' | 'wallClock' | 'metrics'>;
  /** When to renew the token: less than `renewBeforeMs` or `renewFraction` of its life left. */
  token?: { renewBeforeMs?: number; renewFraction?: number };
  readFile?: ReadFile;
}

/** An OpenStackApi that owns connections: call `close()` on shutdown. */
export interface ClosableOpenStackApi extends OpenStackApi {
  close(): Promise<void>;
}

/** Builds the OpenStack client for one project; nothing is sent until the first call. */
export function createOpenStackApi(options: CreateOpenStackApiOptions): ClosableOpenStackApi {
  const credentials = resolveCredentials(options);
  const logger = options.logger.child({ cloud: credentials.cloud });
  const agent = new Agent({
    keepAliveTimeout: 30_000,
    connect: { timeout: 10_000, ...(credentials.caCertFile ? { ca: readCa(credentials.caCertFile) } : {}) },
    maxResponseSize: 64 * 1024 * 1024,
  });
  const http = new HttpClient({ dispatcher: agent, logger, clock: options.clock, ...options.http });
  const session = new KeystoneSession({ http, clock: options.clock, logger, credentials, ...options.token });
  const service = <S extends 'magnum' | 'heat' | 'octavia' | 'neutron' | 'nova' | 'glance' | 'cinder'>(
    name: S,
    root: (url: string) => string,
  ): ServiceClient => new ServiceClient(session, http, name, root);
  const nova = new NovaClient(service('nova', novaRoot));
  const neutron = new NeutronClient(service('neutron', neutronRoot));
  const octavia = new OctaviaClient(service('octavia', octaviaRoot));
  const cinder = new CinderClient(service('cinder', cinderRoot));
  return {
    cloud: credentials.cloud,
    async projectId(): Promise<string> {
      const { projectId } = await session.token();
      if (!projectId) {
        throw new UpstreamError('upstream_bad_response', 'The Keystone token is not scoped to a project.', {
          service: 'keystone',
          retryable: false,
        });
      }
      return projectId;
    },
    magnum: new MagnumClient(service('magnum', magnumRoot), logger),
    heat: new HeatClient(service('heat', heatRoot)),
    octavia,
    neutron,
    nova,
    glance: new GlanceClient(service('glance', glanceRoot)),
    quotas: {
      compute: (project) => nova.quotaUsage(project),
      network: (project) => neutron.quotaUsage(project),
      volume: (project) => cinder.quotaUsage(project),
      loadBalancer: (project) => octavia.quotaUsage(project),
    },
    async close(): Promise<void> {
      await agent.close();
    },
  };
}

function resolveCredentials(options: CreateOpenStackApiOptions): OpenStackCredentials {
  const { credentials } = options;
  if (credentials.authUrl || !credentials.cloudsYaml) return credentials;
  const paths = cloudsYamlPaths({
    configFile: credentials.cloudsYaml.file,
    cwd: options.cwd ?? process.cwd(),
    homeDir: options.homeDir ?? homedir(),
  });
  return resolveCloudsYaml(credentials, credentials.cloudsYaml.cloud, paths, options.readFile ?? readIfExists);
}

function readCa(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    throw new ConfigError([`OS_CACERT: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`]);
  }
}
