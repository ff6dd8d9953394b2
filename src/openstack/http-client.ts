/**
 * JSON over undici for every OpenStack service: timeouts, retries with backoff for
 * idempotent methods, same-origin redirects on request, and typed errors. Tokens are
 * passed in headers by the caller and never logged.
 */
import { request, type Dispatcher } from 'undici';
import { isBotError, UpstreamError, type ServiceName } from '../core/errors.js';
import type { Clock, Logger, OpenStackCallMetrics } from '../core/ports.js';
import { errorForResponse, stripUrl } from './upstream-errors.js';

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface HttpRequest {
  service: ServiceName;
  method: HttpMethod;
  url: string;
  headers?: Record<string, string>;
  /** Sent as JSON. */
  body?: unknown;
  /** Follow 301/302/303/307/308 to the same origin (Heat's stack lookup redirects). */
  followRedirects?: boolean;
  /** Retry a POST anyway: it has no effect worth guarding (Keystone token requests). */
  retrySafe?: boolean;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  text: string;
  /** The URL that answered, after redirects. */
  url: string;
  /** This host's wall clock when the headers arrived, to read the server's clock from `date`. */
  receivedAt?: number;
}

export interface RetryPolicy {
  /** Tries in all, for GET, HEAD and DELETE. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export interface HttpClientOptions {
  dispatcher: Dispatcher;
  logger: Logger;
  clock: Clock;
  /** This host's clock, for `receivedAt` (the bot's clock may be a simulated one); Date.now by default. */
  wallClock?: Clock;
  /** Waits between retries; tests pass one that records and returns at once. */
  sleep?: (ms: number) => Promise<void>;
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  random?: () => number;
  /** Counts every request sent (each retry and redirect hop), by service, status and latency. */
  metrics?: OpenStackCallMetrics;
}

const IDEMPOTENT: ReadonlySet<HttpMethod> = new Set(['GET', 'HEAD', 'DELETE']);
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);
/** Transport errors that mean the request never left this host: safe to resend whatever the method. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'UND_ERR_CONNECT_TIMEOUT']);
const TLS_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|ERR_SSL/;
const MAX_REDIRECTS = 3;
const MAX_RETRY_AFTER_MS = 60_000;

const HOST_CLOCK: Clock = { now: () => Date.now() };

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Sends one logical request; returns 2xx responses and throws BotErrors for the rest. */
export class HttpClient {
  private readonly retry: RetryPolicy;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly timeoutMs: number;
  private readonly random: () => number;

  constructor(private readonly options: HttpClientOptions) {
    this.retry = { maxAttempts: 4, baseDelayMs: 500, maxDelayMs: 8000, ...options.retry };
    this.sleep = options.sleep ?? realSleep;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.random = options.random ?? Math.random;
  }

  /**
   * Sends `req`, retrying 5xx, 408, 429, network errors and timeouts for idempotent methods, at
   * most `maxAttempts` tries in all. Any method is retried after a 429 (honouring Retry-After) or
   * a refused connection: neither reached the service, so nothing can happen twice.
   */
  async send(req: HttpRequest): Promise<HttpResponse> {
    const maxAttempts = Math.max(1, this.retry.maxAttempts);
    const idempotent = IDEMPOTENT.has(req.method) || req.retrySafe === true;
    for (let attempt = 1; ; attempt += 1) {
      const attempts = idempotent ? maxAttempts : 1;
      let delayMs: number;
      try {
        const response = await this.follow(req);
        if (response.status < 400) return response;
        const error = errorForResponse({
          service: req.service,
          method: req.method,
          url: response.url,
          status: response.status,
          requestId: response.headers['x-openstack-request-id'] ?? response.headers['x-compute-request-id'],
          bodyText: response.text,
        });
        // Retryable: 408, 429, 5xx, and the transient refusals errorForResponse recognises.
        const allowed = response.status === 429 ? maxAttempts : attempts;
        if (!error.retryable || attempt >= allowed) throw error;
        delayMs = this.delayFor(attempt, response.headers['retry-after']);
      } catch (error) {
        if (isBotError(error)) throw error;
        const wrapped = this.transportError(req, error);
        const allowed = NOT_SENT_CODES.has(codeOf(error)) ? maxAttempts : attempts;
        if (!wrapped.retryable || attempt >= allowed) throw wrapped;
        delayMs = this.delayFor(attempt, undefined);
      }
      this.options.logger.warn(
        { service: req.service, method: req.method, url: stripUrl(req.url), attempt, delayMs },
        'openstack request retried',
      );
      await this.sleep(delayMs);
    }
  }

  private async follow(req: HttpRequest): Promise<HttpResponse> {
    let url = req.url;
    for (let hop = 0; ; hop += 1) {
      const response = await this.once(req, url);
      const location = response.headers.location;
      if (!req.followRedirects || !REDIRECTS.has(response.status) || !location || hop >= MAX_REDIRECTS) return response;
      const next = new URL(location, url);
      // The token header goes only where the catalog sent us, never to another origin.
      if (next.origin !== new URL(url).origin) return response;
      url = next.toString();
    }
  }

  private async once(req: HttpRequest, url: string): Promise<HttpResponse> {
    const started = this.options.clock.now();
    const headers: Record<string, string> = { accept: 'application/json', ...req.headers };
    let body: string | undefined;
    if (req.body !== undefined) {
      body = JSON.stringify(req.body);
      headers['content-type'] ??= 'application/json';
    }
    const wall = this.options.wallClock ?? HOST_CLOCK;
    const sentAt = wall.now();
    let res: Dispatcher.ResponseData;
    let text: string;
    let receivedAt: number;
    try {
      res = await request(url, {
        dispatcher: this.options.dispatcher,
        method: req.method,
        headers,
        body,
        headersTimeout: this.timeoutMs,
        bodyTimeout: this.timeoutMs,
      });
      receivedAt = wall.now();
      text = await res.body.text();
    } catch (error) {
      this.options.metrics?.called(req.service, 'error', wall.now() - sentAt);
      throw error;
    }
    this.options.metrics?.called(req.service, res.statusCode, wall.now() - sentAt);
    const responseHeaders = flattenHeaders(res.headers);
    this.options.logger.debug(
      {
        service: req.service,
        method: req.method,
        url: stripUrl(url),
        status: res.statusCode,
        requestId: responseHeaders['x-openstack-request-id'],
        ms: this.options.clock.now() - started,
      },
      'openstack request',
    );
    return { status: res.statusCode, headers: responseHeaders, text, url, receivedAt };
  }

  private delayFor(attempt: number, retryAfter: string | undefined): number {
    const fromHeader = parseRetryAfter(retryAfter, this.options.clock.now());
    if (fromHeader !== undefined) return Math.min(fromHeader, MAX_RETRY_AFTER_MS);
    const ceiling = Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** (attempt - 1));
    // Half fixed, half jitter: spread concurrent workers without ever waiting zero.
    return Math.round(ceiling / 2 + (this.random() * ceiling) / 2);
  }

  private transportError(req: HttpRequest, error: unknown): UpstreamError {
    const code = codeOf(error);
    const label = req.service.charAt(0).toUpperCase() + req.service.slice(1);
    const details = { service: req.service, method: req.method, url: stripUrl(req.url), cause: error };
    if (TLS_CODES.test(code)) {
      // A certificate problem does not go away on retry.
      const message = `${label}'s TLS certificate is not trusted (${code}); set OS_CACERT to the cloud's CA bundle.`;
      return new UpstreamError('upstream_tls', message, { ...details, retryable: false });
    }
    const timeout = TIMEOUT_CODES.has(code);
    const message = timeout ? `${label} did not answer in time.` : `${label} could not be reached (${code || 'network error'}).`;
    return new UpstreamError(timeout ? 'upstream_timeout' : 'upstream_unreachable', message, { ...details, retryable: true });
  }
}

function codeOf(error: unknown): string {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : '';
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}
