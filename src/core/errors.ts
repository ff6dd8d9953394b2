/**
 * The error vocabulary of the bot. Every error that can reach a user is a BotError:
 * a stable snake_case code, a message that is safe to show in Slack, whether a retry
 * can help, and the cause kept for the log. Branch on `code` or `status`, never on text.
 */
export type ServiceName =
  'keystone' | 'magnum' | 'heat' | 'octavia' | 'neutron' | 'nova' | 'glance' | 'cinder' | 'kube' | 'slack' | 'redis' | 'tickets';

/**
 * Codes that answer the request itself (bad arguments, not allowed, no such cluster, another
 * operation under way): the user is told and nothing is wrong with the bot, so they are logged
 * as refusals, not as failures.
 */
const REFUSAL_CODES = [
  'usage_invalid_args',
  'permission_denied',
  'workspace_not_allowed',
  'not_found',
  'ambiguous_name',
  'conflict',
  'no_longer_applies',
  'not_on_subnet',
  'resize_changed',
  'bare_pod',
] as const;

/**
 * Every error code the bot uses: a closed list, so a new code is a deliberate change here and
 * the one renderer (src/render/error-message.ts) can give each a hint. Grouped by where it arises.
 */
export const ERROR_CODES = [
  // The request itself.
  ...REFUSAL_CODES,
  'cluster_unreadable',
  // Configuration and wiring.
  'config_invalid',
  'job_id_invalid',
  'confirmation_invalid',
  'confirmation_no_single_use',
  'confirmation_secret_short',
  'confirmation_too_large',
  'sealed_value_invalid',
  // Our own infrastructure.
  'queue_unavailable',
  'redis_unavailable',
  'timeout',
  // OpenStack APIs (codes from the status and the body's own code, never its text).
  'auth_failed',
  'unauthorized',
  'forbidden',
  'trust_forbidden',
  'quota_exceeded',
  'rate_limited',
  'bad_request',
  'microversion_unsupported',
  'magnum_mid_delete',
  'service_not_in_catalog',
  'upstream_bad_response',
  'upstream_error',
  'upstream_tls',
  'upstream_timeout',
  'upstream_unavailable',
  'upstream_unreachable',
  // A cluster's Kubernetes API and kubeconfigs.
  'kube_api_address_missing',
  'kube_config_invalid',
  'kube_error',
  'kube_forbidden',
  'kube_invalid',
  'kube_not_found',
  'kube_unauthorized',
  'kube_unreachable',
  'kubeconfig_insecure',
  'kubeconfig_invalid',
  'kubeconfig_not_bound',
  'kubeconfig_name_clash',
  // Slack (Slack's own error string is kept in `upstreamCode`).
  'slack_refused',
  'slack_http_error',
  'slack_rate_limited',
  'slack_unreachable',
  'slack_replayed_request',
  // Ticket sinks.
  'ticket_attach_busy',
  'ticket_sink_auth',
  'ticket_sink_bad_answer',
  'ticket_sink_failed',
  'ticket_sink_rate_limited',
  'ticket_sink_redirect',
  'ticket_sink_unreachable',
  'ticket_webhook_failed',
  'ticket_webhook_redirect',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface BotErrorOptions {
  retryable?: boolean;
  cause?: unknown;
}

export class BotError extends Error {
  readonly code: ErrorCode;
  readonly userMessage: string;
  readonly retryable: boolean;

  constructor(code: ErrorCode, userMessage: string, options: BotErrorOptions = {}) {
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
  constructor(userMessage: string, code: ErrorCode = 'permission_denied') {
    super(code, userMessage);
  }
}

export class NotFoundError extends BotError {
  constructor(userMessage: string, options: BotErrorOptions = {}) {
    super('not_found', userMessage, options);
  }
}

export class ConflictError extends BotError {
  constructor(userMessage: string, code: ErrorCode = 'conflict', options: BotErrorOptions = {}) {
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
  /** The upstream's own machine-readable code (Slack's `error`, an OpenStack body's `code`). */
  upstreamCode?: string;
}

/** A remote API answered with an error or could not be reached. */
export class UpstreamError extends BotError {
  readonly service: ServiceName;
  readonly status: number | undefined;
  readonly requestId: string | undefined;
  readonly method: string | undefined;
  readonly url: string | undefined;
  readonly upstreamMessage: string | undefined;
  readonly upstreamCode: string | undefined;

  constructor(code: ErrorCode, userMessage: string, details: UpstreamErrorDetails) {
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
    this.upstreamCode = details.upstreamCode;
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

/** Whether the error refuses the request (a user-facing answer, the bot working as meant) rather than a failure. */
export function isRefusal(error: unknown): boolean {
  return isBotError(error) && (REFUSAL_CODES as readonly ErrorCode[]).includes(error.code);
}
