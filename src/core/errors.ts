/**
 * The error vocabulary of the bot. Every error that can reach a user is a BotError:
 * a stable snake_case code, a message that is safe to show in Slack, whether a retry
 * can help, and the cause kept for the log. Branch on `code` or `status`, never on text.
 */
export type ServiceName = 'keystone' | 'magnum' | 'heat' | 'octavia' | 'neutron' | 'nova' | 'kube' | 'slack' | 'redis' | 'tickets';

export interface BotErrorOptions {
  retryable?: boolean;
  cause?: unknown;
}

export class BotError extends Error {
  readonly code: string;
  readonly userMessage: string;
  readonly retryable: boolean;

  constructor(code: string, userMessage: string, options: BotErrorOptions = {}) {
    super(userMessage, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.userMessage = userMessage;
    this.retryable = options.retryable ?? false;
  }
}

/** Bad or missing arguments: answered with the usage, never retried. */
export class UsageError extends BotError {
  readonly usage: string | undefined;

  constructor(userMessage: string, usage?: string) {
    super('usage_invalid_args', userMessage);
    this.usage = usage;
  }
}

export class PermissionError extends BotError {
  constructor(userMessage: string, code = 'permission_denied') {
    super(code, userMessage);
  }
}

export class NotFoundError extends BotError {
  constructor(userMessage: string, options: BotErrorOptions = {}) {
    super('not_found', userMessage, options);
  }
}

export class ConflictError extends BotError {
  constructor(userMessage: string, code = 'conflict', options: BotErrorOptions = {}) {
    super(code, userMessage, options);
  }
}

export class ConfigError extends BotError {
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super('config_invalid', `Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.problems = problems;
  }
}

export interface UpstreamErrorDetails extends BotErrorOptions {
  service: ServiceName;
  status?: number;
  requestId?: string;
  method?: string;
  /** URL with credentials and query secrets stripped. */
  url?: string;
  /** The upstream's own one-line explanation (e.g. Magnum's `errors[0].title`), if safe. */
  upstreamMessage?: string;
}

/** A remote API answered with an error or could not be reached. */
export class UpstreamError extends BotError {
  readonly service: ServiceName;
  readonly status: number | undefined;
  readonly requestId: string | undefined;
  readonly method: string | undefined;
  readonly url: string | undefined;
  readonly upstreamMessage: string | undefined;

  constructor(code: string, userMessage: string, details: UpstreamErrorDetails) {
    super(code, userMessage, {
      retryable: details.retryable ?? isRetryableStatus(details.status),
      cause: details.cause,
    });
    this.service = details.service;
    this.status = details.status;
    this.requestId = details.requestId;
    this.method = details.method;
    this.url = details.url;
    this.upstreamMessage = details.upstreamMessage;
  }
}

export class TimeoutError extends BotError {
  constructor(userMessage: string, options: BotErrorOptions = {}) {
    super('timeout', userMessage, { retryable: true, ...options });
  }
}

/** The job queue (Redis) cannot take work right now. */
export class QueueUnavailableError extends BotError {
  constructor(options: BotErrorOptions = {}) {
    super('queue_unavailable', 'Cannot queue the request right now, try again in a minute.', {
      retryable: true,
      ...options,
    });
  }
}

/** Whether an HTTP status is worth retrying: no status (network), 408, 429 and 5xx. */
export function isRetryableStatus(status: number | undefined): boolean {
  if (status === undefined) return true;
  return status === 408 || status === 429 || status >= 500;
}

export function isBotError(error: unknown): error is BotError {
  return error instanceof BotError;
}
