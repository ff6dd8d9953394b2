import type { Dispatcher } from 'undici';
import { z } from 'zod';
import { isRetryableStatus } from '../../core/errors.js';
import type { Clock } from '../../core/ports.js';
import { redactText } from '../../security/redact.js';
import { httpCall, retryAfterMs, safeUrl, TicketUpstreamError, type HttpResult } from './http.js';

export interface ZendeskClientOptions {
  url: string;
  email: string;
  apiToken: string;
  clock: Clock;
  timeoutMs: number;
  dispatcher?: Dispatcher;
}

const TicketList = z.object({ tickets: z.array(z.object({ id: z.number(), status: z.string().optional() })) });
const TicketAnswer = z.object({ ticket: z.object({ id: z.number() }) });
const UploadAnswer = z.object({ upload: z.object({ token: z.string().min(1) }) });
// Zendesk errors come as {error: "RecordInvalid", description} or {error: {title, message}}.
const ErrorAnswer = z.object({
  error: z.union([z.string(), z.object({ title: z.string().optional(), message: z.string().optional() })]).optional(),
  description: z.string().optional(),
});

/** The handful of Zendesk Support API v2 calls the sink makes; API-token basic auth. */
export class ZendeskClient {
  private readonly auth: string;

  constructor(private readonly options: ZendeskClientOptions) {
    this.auth = `Basic ${Buffer.from(`${options.email}/token:${options.apiToken}`).toString('base64')}`;
  }

  /** The newest not-closed ticket carrying this external id, or null. */
  async findOpenTicket(externalId: string): Promise<number | null> {
    const res = await this.call('GET', `/api/v2/tickets.json?external_id=${encodeURIComponent(externalId)}`);
    const tickets = parse(TicketList, res, 'GET').tickets.filter((t) => t.status !== 'closed');
    return tickets.length === 0 ? null : Math.max(...tickets.map((t) => t.id));
  }

  /** Uploads a text file; returns the token to put in a comment's `uploads`. */
  async upload(filename: string, content: string): Promise<string> {
    const res = await this.call('POST', `/api/v2/uploads.json?filename=${encodeURIComponent(filename)}`, content, 'text/plain');
    return parse(UploadAnswer, res, 'POST').upload.token;
  }

  /** Adds a private comment with the upload; false when the ticket is gone (404) or closed (422). */
  async comment(ticketId: number, body: string, uploadToken: string): Promise<boolean> {
    const payload = { ticket: { comment: { body, public: false, uploads: [uploadToken] } } };
    const res = await this.call('PUT', `/api/v2/tickets/${ticketId}.json`, JSON.stringify(payload), 'application/json', [404, 422]);
    return res.status >= 200 && res.status < 300;
  }

  /** Opens a ticket with the upload on its first (private) comment; returns its id. */
  async create(t: {
    subject: string;
    body: string;
    upload: string;
    externalId: string;
    tags: string[];
    idempotencyKey: string;
  }): Promise<number> {
    const payload = {
      ticket: {
        subject: t.subject,
        comment: { body: t.body, public: false, uploads: [t.upload] },
        external_id: t.externalId,
        tags: t.tags,
      },
    };
    const res = await this.call('POST', '/api/v2/tickets.json', JSON.stringify(payload), 'application/json', [], {
      'idempotency-key': t.idempotencyKey,
    });
    return parse(TicketAnswer, res, 'POST').ticket.id;
  }

  private async call(
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    body?: string,
    contentType?: string,
    tolerated: number[] = [],
    extra: Record<string, string> = {},
  ): Promise<HttpResult> {
    const url = `${this.options.url}${path}`;
    const headers: Record<string, string> = {
      authorization: this.auth,
      accept: 'application/json',
      'user-agent': 'kube-chatops',
      ...extra,
    };
    if (contentType) headers['content-type'] = contentType;
    const res = await httpCall(
      { method, url, headers, body, timeoutMs: this.options.timeoutMs, dispatcher: this.options.dispatcher },
      'Zendesk',
    );
    if ((res.status >= 200 && res.status < 300) || tolerated.includes(res.status)) return res;
    throw statusError(res, method, url, this.options.clock.now());
  }
}

function statusError(res: HttpResult, method: string, url: string, now: number): TicketUpstreamError {
  const code =
    res.status === 401 || res.status === 403
      ? 'ticket_sink_auth'
      : res.status === 429
        ? 'ticket_sink_rate_limited'
        : res.status >= 300 && res.status < 400
          ? 'ticket_sink_redirect'
          : 'ticket_sink_failed';
  return new TicketUpstreamError(code, `Zendesk answered HTTP ${res.status}.`, {
    status: res.status,
    method,
    url: safeUrl(url),
    retryable: res.status < 300 || res.status >= 400 ? isRetryableStatus(res.status) : false,
    retryAfterMs: retryAfterMs(res.headers, now),
    upstreamMessage: upstreamMessage(res.body),
  });
}

function upstreamMessage(body: string): string | undefined {
  try {
    const parsed = ErrorAnswer.safeParse(JSON.parse(body));
    if (!parsed.success) return undefined;
    const { error, description } = parsed.data;
    const text =
      typeof error === 'string' ? [error, description].filter(Boolean).join(': ') : (error?.message ?? error?.title ?? description);
    return text ? redactText(text).slice(0, 300) : undefined;
  } catch {
    return undefined;
  }
}

function parse<T>(schema: z.ZodType<T>, res: HttpResult, method: string): T {
  let json: unknown;
  try {
    json = JSON.parse(res.body);
  } catch {
    json = undefined;
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  throw new TicketUpstreamError('ticket_sink_bad_answer', 'Zendesk sent an answer the bot could not read.', {
    status: res.status,
    method,
    retryable: false,
  });
}
