/**
 * The environment of a bot wired to a local world (a Slack stand-in, a Redis, a cloud that is
 * the sim or the real peers), as `loadConfig` reads it: the demo and the test harnesses use it.
 */
export interface LocalBotEnvOptions {
  slack: { botToken: string; apiUrl: string };
  signingSecret: string;
  redisUrl: string;
  queuePrefix: string;
  /** The cloud's `OS_*` variables. */
  cloud: Readonly<Record<string, string>>;
  operators: readonly string[];
  admins?: readonly string[];
  role?: 'all' | 'web' | 'worker';
  logLevel?: string;
  workerConcurrency?: number;
  /** SLACK_RATE_LIMIT_SCALE: as much as the Slack stand-in allows (a run that accelerates time raises both). */
  rateLimitScale?: number;
}

export function localBotEnv(options: LocalBotEnvOptions): Record<string, string> {
  return {
    ROLE: options.role ?? 'all',
    PORT: '0',
    METRICS_PORT: '0',
    LOG_LEVEL: options.logLevel ?? 'silent',
    SLACK_SIGNING_SECRET: options.signingSecret,
    SLACK_BOT_TOKEN: options.slack.botToken,
    SLACK_API_URL: options.slack.apiUrl,
    REDIS_URL: options.redisUrl,
    QUEUE_PREFIX: options.queuePrefix,
    ...(options.rateLimitScale === undefined ? {} : { SLACK_RATE_LIMIT_SCALE: String(options.rateLimitScale) }),
    ...(options.workerConcurrency === undefined ? {} : { WORKER_CONCURRENCY: String(options.workerConcurrency) }),
    ...options.cloud,
    KUBE_OPERATORS: options.operators.join(','),
    ...(options.admins === undefined ? {} : { KUBE_ADMINS: options.admins.join(',') }),
  };
}
