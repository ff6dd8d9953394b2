import { createHmac, randomUUID } from 'node:crypto';
import type { Dispatcher } from 'undici';
import { z } from 'zod';
import { isRetryableStatus } from '../../core/errors.js';
import type { Clock } from '../../core/ports.js';
import { redactJson, redactText } from '../../security/redact.js';
import type { SinkContext, TicketBundle, TicketRef, TicketSink } from '../types.js';
import { httpCall, retryAfterMs, safeUrl, TicketUpstreamError } from './http.js';
import { DEFAULT_RETRY, withRetry, type RetryOptions } from './retry.js';

export const WEBHOOK_TIMESTAMP_HEADER = 'X-KubeChatops-Timestamp';
export const WEBHOOK_SIGNATURE_HEADER = 'X-KubeChatops-Signature';
/** One ticket per thread: receivers open a ticket for a new key and append to it afterwards. */
export const WEBHOOK_IDEMPOTENCY_HEADER = 'Idempotency-Key';
/** Same across the HTTP retries of one send, so a receiver can drop duplicate deliveries. */
export const WEBHOOK_DELIVERY_HEADER = 'X-KubeChatops-Delivery';

export interface WebhookSinkOptions {
  url: string;
  secret: string;
  clock: Clock;
  retry?: Partial<RetryOptions>;
  timeoutMs?: number;
  dispatcher?: Dispatcher;
  newId?: () => string;
}

/** `sha256=<hex>` of HMAC-SHA256(secret, `${timestamp}.${body}`): what a receiver recomputes. */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

// A receiver may answer with the ticket it opened; both shapes are accepted, neither required.
const ReceiverAnswer = z.union([
  z.object({ ticket: z.object({ id: z.union([z.string(), z.number()]), url: z.string().optional() }) }),
  z.object({ id: z.union([z.string(), z.number()]), url: z.string().optional() }),
]);

/** Posts bundles as signed JSON to a configured URL; 3xx is a failure, 5xx/429/network retried. */
export function createWebhookSink(options: WebhookSinkOptions): TicketSink {
  const retry = { ...DEFAULT_RETRY, ...options.retry };
  const timeoutMs = options.timeoutMs ?? 10_000;
  const newId = options.newId ?? randomUUID;
  return {
    name: 'webhook',
    async send(bundle: TicketBundle, ctx: SinkContext): Promise<TicketRef> {
      const body = JSON.stringify({
        event: 'kube-chatops.ticket-bundle',
        version: 1,
        threadKey: ctx.threadKey,
        existingTicket: ctx.existingTicket ?? null,
        bundle: {
          title: redactText(bundle.title),
          filename: bundle.filename,
          text: redactText(bundle.text),
          json: redactJson(bundle.json),
        },
      });
      const deliveryId = newId();
      const res = await withRetry(async () => {
        const timestamp = String(Math.floor(options.clock.now() / 1000));
        const answer = await httpCall(
          {
            method: 'POST',
            url: options.url,
            timeoutMs,
            dispatcher: options.dispatcher,
            body,
            headers: {
              'content-type': 'application/json',
              'user-agent': 'kube-chatops',
              [WEBHOOK_TIMESTAMP_HEADER]: timestamp,
              [WEBHOOK_SIGNATURE_HEADER]: signWebhook(options.secret, timestamp, body),
              [WEBHOOK_IDEMPOTENCY_HEADER]: ctx.threadKey,
              [WEBHOOK_DELIVERY_HEADER]: deliveryId,
            },
          },
          'the ticket webhook',
        );
        if (answer.status >= 200 && answer.status < 300) return answer;
        throw statusError(answer.status, options.url, retryAfterMs(answer.headers, options.clock.now()));
      }, retry);
      return toRef(res.body, ctx);
    },
  };
}

function statusError(status: number, url: string, retryAfter: number | undefined): TicketUpstreamError {
  const redirect = status >= 300 && status < 400;
  return new TicketUpstreamError(
    redirect ? 'ticket_webhook_redirect' : 'ticket_webhook_failed',
    redirect
      ? `The ticket webhook answered with a redirect (HTTP ${status}); redirects are not followed.`
      : `The ticket webhook answered HTTP ${status}.`,
    { status, method: 'POST', url: safeUrl(url), retryable: !redirect && isRetryableStatus(status), retryAfterMs: retryAfter },
  );
}

function toRef(body: string, ctx: SinkContext): TicketRef {
  let parsed: z.infer<typeof ReceiverAnswer> | undefined;
  try {
    const result = ReceiverAnswer.safeParse(JSON.parse(body));
    parsed = result.success ? result.data : undefined;
  } catch {
    parsed = undefined;
  }
  const ticket = parsed && 'ticket' in parsed ? parsed.ticket : parsed;
  if (ticket) {
    const id = redactText(String(ticket.id)).slice(0, 100);
    const url = ticket.url && /^https?:\/\//.test(ticket.url) ? redactText(ticket.url) : undefined;
    return { sink: 'webhook', id, ...(url ? { url } : {}), display: `ticket ${id}` };
  }
  if (ctx.existingTicket?.sink === 'webhook') return ctx.existingTicket;
  return { sink: 'webhook', id: ctx.threadKey, display: 'the support webhook' };
}
