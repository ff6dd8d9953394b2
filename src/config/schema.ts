import { z } from 'zod';

const optionalString = z.string().trim().min(1).optional();
const url = z.url({ protocol: /^https?$/ });
const csv = z
  .string()
  .optional()
  .transform((value) =>
    (value ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );
const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/**
 * The environment, as one zod schema. Every key here is documented in `.env.example`
 * (a unit test keeps the two in step). Secrets are marked in SECRET_KEYS.
 */
export const Env = z.object({
  ROLE: z.enum(['all', 'web', 'worker']).default('all'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9464),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),

  SLACK_SIGNING_SECRET: z.string({ error: 'required' }).min(1),
  SLACK_BOT_TOKEN: z.string({ error: 'required' }).regex(/^xoxb-/, 'must be a bot token (xoxb-...)'),
  SLACK_APP_TOKEN: z
    .string()
    .regex(/^xapp-/, 'must be an app-level token (xapp-...)')
    .optional(),
  SLACK_API_URL: url.default('https://slack.com/api/'),
  SLACK_ALLOWED_TEAMS: csv,
  SLACK_RATE_LIMIT_SCALE: z.coerce.number().positive().max(1000).default(1),

  REDIS_URL: z.url({ protocol: /^rediss?$/ }).default('redis://127.0.0.1:6379'),
  REDIS_SENTINELS: csv.pipe(z.array(z.string().regex(/^(\[[0-9a-fA-F:]+\]|[^\s:,]+):\d{1,5}$/, 'each entry must be host:port'))),
  REDIS_SENTINEL_MASTER: optionalString,
  REDIS_PASSWORD: optionalString,
  REDIS_SENTINEL_PASSWORD: optionalString,
  QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/)
    .default('kube-chatops'),
  WORKER_CONCURRENCY: positiveInt(8),
  POLL_INTERVAL_SECONDS: positiveInt(15),

  OS_CLOUD: optionalString,
  OS_CLIENT_CONFIG_FILE: optionalString,
  OS_AUTH_URL: url.optional(),
  OS_APPLICATION_CREDENTIAL_ID: optionalString,
  OS_APPLICATION_CREDENTIAL_SECRET: optionalString,
  OS_USERNAME: optionalString,
  OS_PASSWORD: optionalString,
  OS_PROJECT_NAME: optionalString,
  OS_PROJECT_ID: optionalString,
  OS_USER_DOMAIN_NAME: z.string().default('Default'),
  OS_PROJECT_DOMAIN_NAME: z.string().default('Default'),
  OS_REGION_NAME: optionalString,
  OS_INTERFACE: z.enum(['public', 'internal', 'admin']).default('public'),
  OS_CACERT: optionalString,

  KUBE_POLICY_FILE: optionalString,
  KUBE_OPERATORS: csv,
  KUBE_ADMINS: csv,
  KUBECONFIG_DIR: optionalString,

  DIAG_CONTAINER_CREATING_MINUTES: positiveInt(10),
  DIAG_SLOW_CREATE_MINUTES: positiveInt(25),
  DIAG_STUCK_CREATE_MINUTES: positiveInt(60),

  TICKET_SINK: z.enum(['slack', 'webhook', 'zendesk']).default('slack'),
  TICKET_WEBHOOK_URL: url.optional(),
  TICKET_WEBHOOK_SECRET: optionalString,
  ZENDESK_URL: url.optional(),
  ZENDESK_EMAIL: z.email().optional(),
  ZENDESK_API_TOKEN: optionalString,
});

export type Env = z.infer<typeof Env>;

/** Keys whose values are secrets: never logged, posted or put in job data. */
export const SECRET_KEYS = [
  'SLACK_SIGNING_SECRET',
  'SLACK_BOT_TOKEN',
  'SLACK_APP_TOKEN',
  'OS_PASSWORD',
  'REDIS_PASSWORD',
  'REDIS_SENTINEL_PASSWORD',
  'OS_APPLICATION_CREDENTIAL_SECRET',
  'TICKET_WEBHOOK_SECRET',
  'ZENDESK_API_TOKEN',
] as const;

type RawEnv = Record<string, string | undefined>;

/** Rules across keys, checked on the raw strings so they are reported with the rest. */
export function crossKeyProblems(env: RawEnv): string[] {
  const problems: string[] = [];
  const need = (key: string, why: string) => {
    if (!env[key]) problems.push(`${key}: ${why}`);
  };
  const hasAppCred = Boolean(env['OS_APPLICATION_CREDENTIAL_ID'] || env['OS_APPLICATION_CREDENTIAL_SECRET']);
  if (!env['OS_CLOUD'] && !env['OS_AUTH_URL']) problems.push('OS_AUTH_URL: set OS_CLOUD (with clouds.yaml) or OS_AUTH_URL');
  if (env['OS_AUTH_URL'] && hasAppCred) {
    need('OS_APPLICATION_CREDENTIAL_ID', 'an application credential needs both _ID and _SECRET');
    need('OS_APPLICATION_CREDENTIAL_SECRET', 'an application credential needs both _ID and _SECRET');
  }
  if (env['OS_AUTH_URL'] && !hasAppCred) {
    need('OS_USERNAME', 'required for password auth (or set OS_APPLICATION_CREDENTIAL_ID/_SECRET)');
    need('OS_PASSWORD', 'required for password auth (or set OS_APPLICATION_CREDENTIAL_ID/_SECRET)');
    if (!env['OS_PROJECT_NAME'] && !env['OS_PROJECT_ID']) problems.push('OS_PROJECT_NAME: required for password auth (or OS_PROJECT_ID)');
  }
  if (env['REDIS_SENTINELS']) need('REDIS_SENTINEL_MASTER', 'required with REDIS_SENTINELS: the master name the Sentinels monitor');
  if (env['TICKET_SINK'] === 'webhook') {
    for (const key of ['TICKET_WEBHOOK_URL', 'TICKET_WEBHOOK_SECRET']) need(key, 'required when TICKET_SINK=webhook');
  }
  if (env['TICKET_SINK'] === 'zendesk') {
    for (const key of ['ZENDESK_URL', 'ZENDESK_EMAIL', 'ZENDESK_API_TOKEN']) need(key, 'required when TICKET_SINK=zendesk');
  }
  return problems;
}
