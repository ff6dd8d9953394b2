import { ConfigError } from '../core/errors.js';
import { Env, crossKeyProblems, type Env as EnvValues } from './schema.js';

export interface OpenStackCredentials {
  cloud: string;
  authUrl?: string;
  applicationCredential?: { id: string; secret: string };
  password?: {
    username: string;
    password: string;
    userDomainName: string;
    projectName?: string;
    projectId?: string;
    projectDomainName: string;
  };
  /** clouds.yaml selection, resolved by `openstack/clouds-yaml.ts`. */
  cloudsYaml?: { cloud: string; file?: string };
  regionName?: string;
  interface: 'public' | 'internal' | 'admin';
  caCertFile?: string;
}

export interface Config {
  role: EnvValues['ROLE'];
  port: number;
  /** Port of /metrics and the probes, in every role (0 picks a free one). */
  metricsPort: number;
  logLevel: EnvValues['LOG_LEVEL'];
  slack: {
    signingSecret: string;
    botToken: string;
    appToken?: string;
    apiUrl: string;
    /** Workspaces (team ids) or Enterprise Grid orgs besides the bot's own whose requests are served. */
    allowedTeams?: readonly string[];
    /** Slack's rate-limit tiers times this (1 against Slack; the demo and tests raise it with simulated time). */
    rateLimitScale?: number;
  };
  redis: {
    /** REDIS_URL, with REDIS_PASSWORD put in when the URL has none. */
    url: string;
    /** Where the connections go: the URL, or the Sentinel group when REDIS_SENTINELS is set. */
    target: string | RedisSentinels;
    prefix: string;
    workerConcurrency: number;
  };
  pollIntervalMs: number;
  openstack: OpenStackCredentials;
  access: { policyFile?: string; operators: string[]; admins: string[] };
  kubeconfigDir?: string;
  diagnostics: { containerCreatingMinutes: number; slowCreateMinutes: number; stuckCreateMinutes: number };
  tickets: {
    sink: EnvValues['TICKET_SINK'];
    webhook?: { url: string; secret: string };
    zendesk?: { url: string; email: string; apiToken: string };
  };
}

/** A Redis Sentinel group (structurally src/queue's SentinelTarget). */
export interface RedisSentinels {
  sentinels: Array<{ host: string; port: number }>;
  name: string;
  password?: string;
  sentinelPassword?: string;
}

/** The Redis target from REDIS_URL, or REDIS_SENTINELS and REDIS_SENTINEL_MASTER, and the passwords. */
export function toRedisTarget(
  e: Pick<EnvValues, 'REDIS_URL' | 'REDIS_SENTINELS' | 'REDIS_SENTINEL_MASTER' | 'REDIS_PASSWORD' | 'REDIS_SENTINEL_PASSWORD'>,
): { url: string; target: string | RedisSentinels } {
  let url = e.REDIS_URL;
  if (e.REDIS_PASSWORD !== undefined) {
    const parsed = new URL(url);
    if (parsed.password === '') {
      parsed.password = encodeURIComponent(e.REDIS_PASSWORD);
      url = parsed.toString();
    }
  }
  if (e.REDIS_SENTINELS.length === 0) return { url, target: url };
  const sentinels = e.REDIS_SENTINELS.map((entry) => {
    const at = entry.lastIndexOf(':');
    return { host: entry.slice(0, at).replace(/^\[|\]$/g, ''), port: Number(entry.slice(at + 1)) };
  });
  return {
    url,
    target: {
      sentinels,
      name: e.REDIS_SENTINEL_MASTER ?? '',
      ...(e.REDIS_PASSWORD === undefined ? {} : { password: e.REDIS_PASSWORD }),
      ...(e.REDIS_SENTINEL_PASSWORD === undefined ? {} : { sentinelPassword: e.REDIS_SENTINEL_PASSWORD }),
    },
  };
}

/** Parses the environment once; throws ConfigError listing every problem at once. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Readonly<Config> {
  const blanksRemoved = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = Env.safeParse(blanksRemoved);
  const problems = parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.') || '(env)'}: ${issue.message}`);
  problems.push(...crossKeyProblems(blanksRemoved));
  if (problems.length > 0 || !parsed.success) throw new ConfigError(problems);
  return Object.freeze(toConfig(parsed.data));
}

type OpenStackEnv = Pick<
  EnvValues,
  | 'OS_CLOUD'
  | 'OS_CLIENT_CONFIG_FILE'
  | 'OS_AUTH_URL'
  | 'OS_APPLICATION_CREDENTIAL_ID'
  | 'OS_APPLICATION_CREDENTIAL_SECRET'
  | 'OS_USERNAME'
  | 'OS_PASSWORD'
  | 'OS_PROJECT_NAME'
  | 'OS_PROJECT_ID'
  | 'OS_USER_DOMAIN_NAME'
  | 'OS_PROJECT_DOMAIN_NAME'
  | 'OS_REGION_NAME'
  | 'OS_INTERFACE'
  | 'OS_CACERT'
>;

/** The OS_* keys as credentials: an application credential wins over a password. */
export function toOpenStackCredentials(e: OpenStackEnv): OpenStackCredentials {
  const applicationCredential =
    e.OS_APPLICATION_CREDENTIAL_ID && e.OS_APPLICATION_CREDENTIAL_SECRET
      ? { id: e.OS_APPLICATION_CREDENTIAL_ID, secret: e.OS_APPLICATION_CREDENTIAL_SECRET }
      : undefined;
  const password =
    !applicationCredential && e.OS_USERNAME && e.OS_PASSWORD
      ? {
          username: e.OS_USERNAME,
          password: e.OS_PASSWORD,
          userDomainName: e.OS_USER_DOMAIN_NAME,
          projectName: e.OS_PROJECT_NAME,
          projectId: e.OS_PROJECT_ID,
          projectDomainName: e.OS_PROJECT_DOMAIN_NAME,
        }
      : undefined;
  return {
    cloud: e.OS_CLOUD ?? 'default',
    authUrl: e.OS_AUTH_URL,
    applicationCredential,
    password,
    cloudsYaml: e.OS_AUTH_URL ? undefined : { cloud: e.OS_CLOUD ?? 'default', file: e.OS_CLIENT_CONFIG_FILE },
    regionName: e.OS_REGION_NAME,
    interface: e.OS_INTERFACE,
    caCertFile: e.OS_CACERT,
  };
}

/** The diagnostics thresholds from the DIAG_* keys. */
export function toDiagnosticsThresholds(
  e: Pick<EnvValues, 'DIAG_CONTAINER_CREATING_MINUTES' | 'DIAG_SLOW_CREATE_MINUTES' | 'DIAG_STUCK_CREATE_MINUTES'>,
): Config['diagnostics'] {
  return {
    containerCreatingMinutes: e.DIAG_CONTAINER_CREATING_MINUTES,
    slowCreateMinutes: e.DIAG_SLOW_CREATE_MINUTES,
    stuckCreateMinutes: e.DIAG_STUCK_CREATE_MINUTES,
  };
}

function toConfig(e: EnvValues): Config {
  return {
    role: e.ROLE,
    port: e.PORT,
    metricsPort: e.METRICS_PORT,
    logLevel: e.LOG_LEVEL,
    slack: {
      signingSecret: e.SLACK_SIGNING_SECRET,
      botToken: e.SLACK_BOT_TOKEN,
      appToken: e.SLACK_APP_TOKEN,
      apiUrl: e.SLACK_API_URL,
      allowedTeams: e.SLACK_ALLOWED_TEAMS,
      rateLimitScale: e.SLACK_RATE_LIMIT_SCALE,
    },
    redis: { ...toRedisTarget(e), prefix: e.QUEUE_PREFIX, workerConcurrency: e.WORKER_CONCURRENCY },
    pollIntervalMs: e.POLL_INTERVAL_SECONDS * 1000,
    openstack: toOpenStackCredentials(e),
    access: { policyFile: e.KUBE_POLICY_FILE, operators: e.KUBE_OPERATORS, admins: e.KUBE_ADMINS },
    kubeconfigDir: e.KUBECONFIG_DIR,
    diagnostics: toDiagnosticsThresholds(e),
    tickets: {
      sink: e.TICKET_SINK,
      webhook: e.TICKET_WEBHOOK_URL && e.TICKET_WEBHOOK_SECRET ? { url: e.TICKET_WEBHOOK_URL, secret: e.TICKET_WEBHOOK_SECRET } : undefined,
      zendesk:
        e.ZENDESK_URL && e.ZENDESK_EMAIL && e.ZENDESK_API_TOKEN
          ? { url: e.ZENDESK_URL, email: e.ZENDESK_EMAIL, apiToken: e.ZENDESK_API_TOKEN }
          : undefined,
    },
  };
}
