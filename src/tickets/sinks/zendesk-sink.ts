import { createHash } from 'node:crypto';
import type { Dispatcher } from 'undici';
import type { Clock } from '../../core/ports.js';
import { redactText } from '../../security/redact.js';
import type { SinkContext, TicketBundle, TicketRef, TicketSink } from '../types.js';
import { DEFAULT_RETRY, withRetry, type RetryOptions } from './retry.js';
import { ZendeskClient } from './zendesk-client.js';

export interface ZendeskSinkOptions {
  /** Account base URL, e.g. `https://acme.zendesk.com`. */
  url: string;
  email: string;
  apiToken: string;
  clock: Clock;
  retry?: Partial<RetryOptions>;
  timeoutMs?: number;
  dispatcher?: Dispatcher;
  tags?: string[];
}

/**
 * Zendesk Support API v2: the bundle is uploaded (`POST /api/v2/uploads`) and attached to a
 * new ticket whose `external_id` is the thread key, or to a private comment on the thread's
 * existing ticket. Before creating, it looks the thread's ticket up by `external_id`, so a
 * job retried after the ticket was created comments instead of opening a second ticket.
 */
export function createZendeskSink(options: ZendeskSinkOptions): TicketSink {
  const retry = { ...DEFAULT_RETRY, ...options.retry };
  const base = options.url.replace(/\/+$/, '');
  const client = new ZendeskClient({ ...options, url: base, timeoutMs: options.timeoutMs ?? 15_000 });
  const tags = options.tags ?? ['kube-chatops'];
  const refOf = (id: number): TicketRef => ({
    sink: 'zendesk',
    id: String(id),
    url: `${base}/agent/tickets/${id}`,
    display: `Zendesk #${id}`,
  });

  return {
    name: 'zendesk',
    async send(bundle: TicketBundle, ctx: SinkContext): Promise<TicketRef> {
      const content = redactText(bundle.text);
      const body = commentBody(bundle);
      return withRetry(async () => {
        const known = ctx.existingTicket?.sink === 'zendesk' ? Number(ctx.existingTicket.id) : NaN;
        const ticketId = Number.isSafeInteger(known) ? known : await client.findOpenTicket(ctx.threadKey);
        const upload = await client.upload(bundle.filename, content);
        if (ticketId !== null) {
          const commented = await client.comment(ticketId, body, upload);
          if (commented) return refOf(ticketId);
          // The stored ticket is gone or closed: look again, then open a fresh one.
          const other = await client.findOpenTicket(ctx.threadKey);
          if (other !== null && other !== ticketId && (await client.comment(other, body, upload))) return refOf(other);
        }
        const idempotencyKey = createHash('sha256').update(`${ctx.threadKey}\n${content}`).digest('hex').slice(0, 40);
        const id = await client.create({
          subject: redactText(bundle.title),
          body,
          upload,
          externalId: ctx.threadKey,
          tags,
          idempotencyKey,
        });
        return refOf(id);
      }, retry);
    },
  };
}

/** The comment text: the bundle's header and diagnosis headline; the whole bundle is attached. */
function commentBody(bundle: TicketBundle): string {
  const header = bundle.text.split('\n\n== ')[0] ?? bundle.title;
  return redactText(`${header}\n\nThe full support bundle is attached as ${bundle.filename}. Sent by kube-chatops.`);
}
