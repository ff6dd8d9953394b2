import { request as httpRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import { NotFoundError, TimeoutError, UpstreamError } from '../core/errors.js';
import type { Clock } from '../core/ports.js';
import { clockSkewFromDate } from '../core/server-clock.js';
import { StatusSchema } from './kube-schemas.js';

export interface KubeRequest {
  method: 'GET' | 'DELETE' | 'PATCH' | 'PUT';
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  contentType?: string;
  timeoutMs: number;
  /** The response is abandoned past this many bytes (ResponseTooLargeError). */
  maxBytes?: number;
}

/** The response body went past the caller's byte cap. */
export class ResponseTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`response larger than ${maxBytes} bytes`);
    this.name = 'ResponseTooLargeError';
  }
}

/**
 * Raw requests to one cluster's API with the TLS material and auth headers of its KubeConfig
 * (`applyToHTTPSOptions`): big lists are parsed with JSON.parse rather than client-node's
 * typed models, about twice as fast (research/perf-baselines.md section 4).
 */
export class KubeHttp {
  private agent: HttpsAgent | undefined;
  private skewMs: number | null = null;

  private readonly retry: KubeRetryPolicy;

  constructor(
    private readonly kc: KubeConfig,
    private readonly onUnauthorized?: () => void,
    /** This host's clock, to read the API server's clock from `Date`; Date.now by default. */
    private readonly wallClock: Clock = { now: () => Date.now() },
    retry: Partial<KubeRetryPolicy> = {},
  ) {
    this.retry = { ...DEFAULT_KUBE_RETRY, ...retry };
  }

  /**
   * Sends the request; resolves with the body of a 2xx, otherwise throws a BotError. A GET is
   * tried again after a 5xx, 408, 429, timeout or dropped connection; any method after a 429
   * (the API server refused it unread); at most `maxAttempts` tries, waiting Retry-After when
   * the server gives one (capped at a minute), else an exponential backoff.
   */
  async request(req: KubeRequest): Promise<string> {
    const maxAttempts = Math.max(1, this.retry.maxAttempts);
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.requestOnce(req);
      } catch (error) {
        const status = error instanceof KubeStatusError ? error.status : undefined;
        const transient = status === undefined ? isTransportFailure(error) : status === 408 || status === 429 || status >= 500;
        const allowed = req.method === 'GET' || status === 429;
        const final = error instanceof KubeStatusError ? error.botError : error;
        if (!transient || !allowed || attempt >= maxAttempts) throw final;
        const fromHeader = error instanceof KubeStatusError ? retryAfterMs(error.retryAfter) : undefined;
        const ceiling = Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** (attempt - 1));
        await this.retry.sleep(fromHeader ?? Math.round(ceiling / 2 + (Math.random() * ceiling) / 2));
      }
    }
  }

  /** The API server's clock skew seen in the latest response (see `server-clock.ts`). */
  clockSkewMs(): number | null {
    return this.skewMs;
  }

  private async requestOnce(req: KubeRequest): Promise<string> {
    const cluster = this.kc.getCurrentCluster();
    if (!cluster)
      throw new UpstreamError('kube_config_invalid', 'The kubeconfig has no current cluster.', { service: 'kube', retryable: false });
    const base = new URL(cluster.server);
    const url = new URL(`${base.pathname.replace(/\/$/, '')}${req.path}`, base);
    for (const [key, value] of Object.entries(req.query ?? {})) if (value !== undefined) url.searchParams.set(key, String(value));
    const options: RequestOptions & { servername?: string } = {
      method: req.method,
      headers: { Accept: 'application/json', 'User-Agent': 'kube-chatops' },
    };
    await this.kc.applyToHTTPSOptions(options);
    if (cluster.tlsServerName) options.servername = cluster.tlsServerName;
    // client-node makes a new Agent per call (a TLS handshake per page); one keep-alive Agent
    // per KubeHttp reuses connections. Proxied clusters keep client-node's proxy agent.
    if (url.protocol === 'https:' && !cluster.proxyUrl) options.agent = this.keepAliveAgent(options);
    const payload = req.body === undefined ? undefined : JSON.stringify(req.body);
    if (payload !== undefined) {
      options.headers = {
        ...options.headers,
        'Content-Type': req.contentType ?? 'application/json',
        'Content-Length': String(Buffer.byteLength(payload)),
      };
    }
    const safeUrl = `${url.origin}${url.pathname}`;
    const { status, text, date, receivedAt, retryAfter } = await send(url, options, payload, req, this.wallClock);
    this.skewMs = clockSkewFromDate(date, receivedAt) ?? this.skewMs;
    if (status >= 200 && status < 300) return text;
    if (status === 401) this.onUnauthorized?.();
    throw new KubeStatusError(status, retryAfter, statusError(status, text, req.method, safeUrl, this.onUnauthorized !== undefined));
  }

  private keepAliveAgent(options: RequestOptions & { servername?: string }): HttpsAgent {
    const tls = options as RequestOptions & {
      ca?: unknown;
      cert?: unknown;
      key?: unknown;
      pfx?: unknown;
      passphrase?: string;
      rejectUnauthorized?: boolean;
    };
    this.agent ??= new HttpsAgent({
      keepAlive: true,
      maxSockets: 16,
      // idle sockets close after this, so KubeApis made per job leave no connections behind
      timeout: 15_000,
      ...(tls.ca ? { ca: tls.ca as string } : {}),
      ...(tls.cert ? { cert: tls.cert as string } : {}),
      ...(tls.key ? { key: tls.key as string } : {}),
      ...(tls.pfx ? { pfx: tls.pfx as string } : {}),
      ...(tls.passphrase ? { passphrase: tls.passphrase } : {}),
      ...(tls.rejectUnauthorized === false ? { rejectUnauthorized: false } : {}),
      ...(options.servername ? { servername: options.servername } : {}),
    });
    return this.agent;
  }
}

interface Received {
  status: number;
  text: string;
  retryAfter: string | undefined;
  /** The `Date` header, and this host's clock when the headers arrived. */
  date: string | undefined;
  receivedAt: number;
}

function send(url: URL, options: RequestOptions, payload: string | undefined, req: KubeRequest, wallClock: Clock): Promise<Received> {
  const doRequest = url.protocol === 'http:' ? httpRequest : httpsRequest;
  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.destroy();
      reject(error);
    };
    const timer = setTimeout(
      () => fail(new TimeoutError(`The Kubernetes API did not answer within ${Math.round(req.timeoutMs / 1000)} s.`)),
      req.timeoutMs,
    );
    const request = doRequest(url, options, (res: IncomingMessage) => {
      const receivedAt = wallClock.now();
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (req.maxBytes !== undefined && size > req.maxBytes) fail(new ResponseTooLargeError(req.maxBytes));
        else chunks.push(chunk);
      });
      res.on('end', () => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve({
          status: res.statusCode ?? 0,
          text: Buffer.concat(chunks).toString('utf8'),
          date: res.headers.date,
          receivedAt,
          retryAfter: res.headers['retry-after'],
        });
      });
      res.on('error', (error) => fail(unreachable(error, req.method, url)));
    });
    request.on('error', (error) => fail(unreachable(error, req.method, url)));
    request.end(payload);
  });
}

function unreachable(cause: Error, method: string, url: URL): UpstreamError {
  return new UpstreamError('kube_unreachable', 'Cannot reach the Kubernetes API of the cluster.', {
    service: 'kube',
    method,
    url: `${url.origin}${url.pathname}`,
    cause,
  });
}

/** How the Kubernetes client retries (tests shorten the waits). */
export interface KubeRetryPolicy {
  /** Tries in all. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  sleep: (ms: number) => Promise<void>;
}

const DEFAULT_KUBE_RETRY: KubeRetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};
const MAX_RETRY_AFTER_MS = 60_000;

/** An error answer, with what the retry needs; the caller sees `botError`. */
class KubeStatusError extends Error {
  constructor(
    readonly status: number,
    readonly retryAfter: string | undefined,
    readonly botError: Error,
  ) {
    super(botError.message);
  }
}

/** A timeout or a connection that failed or dropped (not a cap on the response size). */
function isTransportFailure(error: unknown): boolean {
  return error instanceof TimeoutError || (error instanceof UpstreamError && error.code === 'kube_unreachable');
}

/** Retry-After in delta-seconds (what the API server sends), capped; undefined without one. */
function retryAfterMs(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d+$/.test(value.trim())) return undefined;
  return Math.min(Number(value.trim()) * 1000, MAX_RETRY_AFTER_MS);
}

function statusError(status: number, text: string, method: string, url: string, renewsCredentials: boolean): Error {
  let upstreamMessage: string | undefined;
  try {
    const parsed = StatusSchema.safeParse(JSON.parse(text));
    if (parsed.success) upstreamMessage = parsed.data.message ?? undefined;
  } catch {
    // not a Status body (a proxy's HTML page, say): keep the status code only
  }
  const details = { service: 'kube' as const, status, method, url, ...(upstreamMessage ? { upstreamMessage } : {}) };
  if (status === 404)
    return new NotFoundError(upstreamMessage ?? 'Not found in the Kubernetes API.', {
      cause: new UpstreamError('kube_not_found', 'Not found.', details),
    });
  if (status === 401)
    // A Magnum cluster's certificate is signed afresh after a 401 (the CA rotated, or it was
    // revoked), so the job's next attempt can succeed; a kubeconfig file's cannot change by itself.
    return new UpstreamError('kube_unauthorized', "The Kubernetes API rejected the bot's credentials.", {
      ...details,
      retryable: renewsCredentials,
    });
  if (status === 403)
    return new UpstreamError('kube_forbidden', 'The bot is not allowed to do that in this cluster.', { ...details, retryable: false });
  if (status === 400 || status === 422)
    return new UpstreamError('kube_invalid', upstreamMessage ?? 'The Kubernetes API refused the request.', {
      ...details,
      retryable: false,
    });
  return new UpstreamError('kube_error', `The Kubernetes API answered HTTP ${status}.`, details);
}
