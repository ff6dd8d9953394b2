import { ConflictError, isBotError, UpstreamError } from '../core/errors.js';
import type { Clock, Logger, SlackPoster } from '../core/ports.js';
import { redactText } from '../security/redact.js';
import { bundleDigest } from './bundle-digest.js';
import { uploadBundleSnippet } from './sinks/slack-sink.js';
import { sinkFailedMessage, ticketReferenceMessage } from './ticket-message.js';
import { ticketThreadKey, type TicketBundle, type TicketRef, type TicketSink, type TicketStore } from './types.js';

export interface AttachTicketDeps {
  sink: TicketSink;
  slack: SlackPoster;
  store: TicketStore;
  logger: Logger;
  clock: Clock;
  /** How long one attach may hold the thread's lock (covers the sink's own retries). */
  lockTtlMs?: number;
}

export interface AttachTicketInput {
  channel: string;
  threadTs: string;
  bundle: TicketBundle;
}

export interface AttachTicketResult {
  /** The thread's ticket, or null when there is none (a failed first attach). */
  ref: TicketRef | null;
  /** The sink failed and the bundle went into the thread instead. */
  fellBack: boolean;
  /** The same bundle content already went to this ticket (double click, retried job): not sent again. */
  duplicate: boolean;
}

/**
 * Sends a bundle to the configured sink for one Slack thread. One ticket per thread: the
 * stored ref makes a later attach add to it, a per-thread lock keeps a double click from
 * racing, and the bundle digest keeps a retried job from sending the same content twice.
 * When a remote sink fails, the bundle goes into the thread as a snippet with a note.
 * Throws a retryable ConflictError while another attach for the thread is running.
 */
export async function attachTicket(deps: AttachTicketDeps, input: AttachTicketInput): Promise<AttachTicketResult> {
  const { sink, slack, store, clock } = deps;
  const { channel, threadTs, bundle } = input;
  const threadKey = ticketThreadKey(channel, threadTs);
  const logger = deps.logger.child({ threadKey, sink: sink.name });
  if (!(await store.tryLock(threadKey, deps.lockTtlMs ?? 300_000))) {
    throw new ConflictError('A support bundle for this thread is already being attached.', 'ticket_attach_busy', { retryable: true });
  }
  try {
    const stored = await store.get(threadKey);
    const digest = bundleDigest(bundle);
    if (stored && stored.bundleDigest === digest && stored.ref.sink === sink.name) {
      logger.info({ ticket: stored.ref.id }, 'bundle unchanged since the last attach; not sent again');
      return { ref: stored.ref, fellBack: false, duplicate: true };
    }
    const existing = stored?.ref.sink === sink.name ? stored.ref : undefined;
    let ref: TicketRef;
    try {
      ref = await sink.send(bundle, { threadKey, channel, threadTs, ...(existing ? { existingTicket: existing } : {}) });
    } catch (error) {
      // The Slack sink failing means Slack is down: there is nowhere to fall back to, so the
      // job retries. Any other sink falls back to the thread.
      if (sink.name === 'slack') throw error;
      logger.warn(errorMeta(error), 'ticket sink failed; bundle goes to the thread');
      await uploadBundleSnippet(slack, channel, threadTs, bundle);
      await slack.post(channel, sinkFailedMessage(sink.name, reasonOf(error)), threadTs);
      return { ref: stored?.ref ?? null, fellBack: true, duplicate: false };
    }
    await store.set(threadKey, { ref, bundleDigest: digest, at: clock.now() });
    logger.info({ ticket: ref.id, addedToExisting: existing !== undefined }, 'support bundle attached');
    if (sink.name !== 'slack')
      await slack.post(channel, ticketReferenceMessage(ref, existing !== undefined && existing.id === ref.id), threadTs);
    return { ref, fellBack: false, duplicate: false };
  } finally {
    await store.unlock(threadKey);
  }
}

/** Log metadata for a sink failure: codes and statuses only, never bodies or messages with data. */
function errorMeta(error: unknown): Record<string, unknown> {
  if (error instanceof UpstreamError) {
    return { code: error.code, service: error.service, status: error.status, url: error.url, retryable: error.retryable };
  }
  if (isBotError(error)) return { code: error.code, retryable: error.retryable };
  return { code: 'unexpected', errorName: error instanceof Error ? error.name : typeof error };
}

function reasonOf(error: unknown): string {
  if (isBotError(error)) return redactText(error.userMessage);
  return 'unexpected error';
}
