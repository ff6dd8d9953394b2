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
  /** How long the thread's lock outlives its last renewal (renewed every third of it while the attach runs). */
  lockTtlMs?: number;
}

export interface AttachTicketInput {
  channel: string;
  threadTs: string;
  bundle: TicketBundle;
  /** Who holds the thread's lock: the job's id, the same on every retry of that job. */
  owner: string;
  /** The key of the "sink failed" note: a retry after a late answer to it finds it instead of posting again. */
  noteKey?: string | undefined;
  /** What the bundle was asked from (the clicked message): the stable key of a double click. */
  sourceKey?: string | undefined;
}

/** Short, and renewed while the attach runs: a killed worker's lock is gone within this. */
export const ATTACH_LOCK_TTL_MS = 30_000;

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
 * stored ref makes a later attach add to it; a per-thread lock, owned by the attaching job (a
 * retry of it takes it again; it expires soon after a killed worker stops renewing it), keeps
 * a double click from racing; and a second ask from the same message (a double click), or the
 * same content again (a retried job), is not sent twice.
 * When a remote sink fails, the bundle goes into the thread as a snippet with a note.
 * Throws a retryable ConflictError while another attach for the thread is running.
 */
export async function attachTicket(deps: AttachTicketDeps, input: AttachTicketInput): Promise<AttachTicketResult> {
  const { sink, slack, store, clock } = deps;
  const { channel, threadTs, bundle, owner, sourceKey, noteKey } = input;
  const threadKey = ticketThreadKey(channel, threadTs);
  const logger = deps.logger.child({ threadKey, sink: sink.name });
  const ttlMs = deps.lockTtlMs ?? ATTACH_LOCK_TTL_MS;
  if (!(await store.tryLock(threadKey, ttlMs, owner))) {
    throw new ConflictError('A support bundle for this thread is already being attached.', 'ticket_attach_busy', { retryable: true });
  }
  const renewal = setInterval(() => {
    store.tryLock(threadKey, ttlMs, owner).catch((error: unknown) => logger.warn(errorMeta(error), 'ticket lock not renewed'));
  }, ttlMs / 3);
  renewal.unref();
  try {
    const stored = await store.get(threadKey);
    const digest = bundleDigest(bundle);
    const sameAsk = sourceKey !== undefined && stored?.sourceKey === sourceKey;
    if (stored && (stored.bundleDigest === digest || sameAsk) && stored.ref.sink === sink.name) {
      logger.info({ ticket: stored.ref.id, sameAsk }, 'already attached from this message, or unchanged; not sent again');
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
      await uploadBundleSnippet(slack, { channel, threadTs, threadKey }, bundle);
      await slack.post(
        channel,
        sinkFailedMessage(sink.name, reasonOf(error)),
        threadTs,
        noteKey === undefined ? undefined : { key: noteKey },
      );
      return { ref: stored?.ref ?? null, fellBack: true, duplicate: false };
    }
    await store.set(threadKey, { ref, bundleDigest: digest, sourceKey, at: clock.now() });
    logger.info({ ticket: ref.id, addedToExisting: existing !== undefined }, 'support bundle attached');
    if (sink.name !== 'slack')
      await slack.post(channel, ticketReferenceMessage(ref, existing !== undefined && existing.id === ref.id), threadTs);
    return { ref, fellBack: false, duplicate: false };
  } finally {
    clearInterval(renewal);
    await store.unlock(threadKey, owner);
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
