import { request, type Dispatcher } from 'undici';
import { UpstreamError, type ErrorCode, type UpstreamErrorDetails } from '../../core/errors.js';
import { redactText } from '../../security/redact.js';

/** An UpstreamError from a ticket system that may say when to try again (429 Retry-After). */
export class TicketUpstreamError extends UpstreamError {
  readonly retryAfterMs: number | undefined;

  constructor(code: ErrorCode, userMessage: string, details: Omit<UpstreamErrorDetails, 'service'> & { retryAfterMs?: number }) {
    super(code, userMessage, { ...details, service: 'tickets' });
    this.retryAfterMs = details.retryAfterMs;
  }
}

export interface HttpResult {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface HttpCall {
  method: 'GET' | 'POST' | 'PUT';
  url: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  dispatcher?: Dispatcher;
}

/** Response bodies above this are cut: ticket APIs answer with small JSON. */
const MAX_BODY = 1024 * 1024;

/**
 * One HTTP exchange. undici 7's `request` never follows redirects (that takes the redirect
 * interceptor, which we do not install), so a 3xx comes back here as a plain answer.
 * Network failures become retryable TicketUpstreamErrors; statuses are the caller's business.
 */
export async function httpCall(call: HttpCall, service: string): Promise<HttpResult> {
  try {
    const res = await request(call.url, {
      method: call.method,
      headers: call.headers,
      body: call.body,
      headersTimeout: call.timeoutMs,
      bodyTimeout: call.timeoutMs,
      ...(call.dispatcher ? { dispatcher: call.dispatcher } : {}),
    });
    const text = await res.body.text();
    return { status: res.statusCode, headers: res.headers, body: text.slice(0, MAX_BODY) };
  } catch (cause) {
    throw new TicketUpstreamError('ticket_sink_unreachable', `Could not reach ${service}.`, {
      method: call.method,
      url: safeUrl(call.url),
      retryable: true,
      cause,
    });
  }
}

/** The URL for error reports: credentials and query secrets scrubbed. */
export function safeUrl(url: string): string {
  return redactText(url);
}

/** Retry-After in milliseconds (delta-seconds or an HTTP date), when present and sane. */
export function retryAfterMs(headers: HttpResult['headers'], now: number): number | undefined {
  const raw = headers['retry-after'];
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (value === undefined || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** One header value as a string. */
export function headerValue(headers: HttpResult['headers'], name: string): string | undefined {
  const raw = headers[name.toLowerCase()];
  return Array.isArray(raw) ? raw[0] : raw;
}
