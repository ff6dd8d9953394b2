import type { OutboxStore, PostRecord } from '../../core/outbox-store.js';
import type { MessageRef } from '../../core/ports.js';

/** The metadata event type that marks the bot's keyed posts (https://docs.slack.dev/messaging/message-metadata). */
export const POST_EVENT_TYPE = 'kube_chatops_post';

/** How a keyed post is found again after an attempt whose answer was lost. */
export interface PostLookup {
  /** The ts of a message in the channel (or the thread) whose metadata carries `key`, or null. */
  find(record: PostRecord, key: string): Promise<string | null>;
}

/** The metadata a keyed post carries, so that it can be found by its key. */
export function postMetadata(key: string): { event_type: string; event_payload: { key: string } } {
  return { event_type: POST_EVENT_TYPE, event_payload: { key } };
}

/** Whether a message as conversations.history / .replies return it carries the key. */
export function carriesKey(message: unknown, key: string): boolean {
  if (typeof message !== 'object' || message === null) return false;
  const metadata = (message as { metadata?: { event_type?: unknown; event_payload?: { key?: unknown } } }).metadata;
  return metadata?.event_type === POST_EVENT_TYPE && metadata.event_payload?.key === key;
}

/**
 * A write that may start before its intent is recorded and wait for it itself: it may take its
 * turn (a rate-limit token) at once, and calls Slack only once `recorded` resolves true; on false
 * it calls nothing and resolves null.
 */
export type EarlyWrite = (recorded: Promise<boolean>) => Promise<MessageRef | null>;

/**
 * Posts once per key, across retries, restarts and processes: the intent is recorded before the
 * call and the ts after it; a key already sent answers with its ts, and an attempt whose outcome
 * is unknown (killed, timed out, connection lost) is looked up in Slack before posting again.
 * `refused` says whether an error means Slack certainly did not post. With `early`, a key never
 * seen (the usual case) is sent by it, started while its intent is being recorded.
 */
export async function postOnce(
  deps: { store: OutboxStore; lookup: PostLookup; now: () => number; refused: (error: unknown) => boolean },
  key: string,
  where: { channel: string; threadTs?: string | undefined },
  send: () => Promise<MessageRef>,
  early?: EarlyWrite,
): Promise<MessageRef> {
  const { store } = deps;
  let intent: PostRecord = { state: 'sending', channel: where.channel, threadTs: where.threadTs, since: deps.now() };
  // A key never seen has its intent recorded in the same round trip.
  const begun = store.beginPost(key, intent);
  const started = early?.(
    begun.then(
      (earlier) => earlier === null,
      () => false,
    ),
  );
  // An early write told not to send ends on its own, calling nothing (the token it took is not given back).
  const dropStarted = () => void started?.catch(() => undefined);
  let earlier: PostRecord | null;
  try {
    earlier = await begun;
  } catch (error) {
    dropStarted();
    throw error;
  }
  const sending = earlier === null ? started : undefined;
  if (earlier !== null) {
    dropStarted();
    if (earlier.state === 'sent' && earlier.ts !== undefined) return { channel: earlier.channel, ts: earlier.ts };
    if (earlier.state === 'sending') {
      const ts = await deps.lookup.find(earlier, key);
      if (ts !== null) {
        await store.putPost(key, { ...earlier, state: 'sent', ts });
        return { channel: earlier.channel, ts };
      }
    }
    intent = { ...intent, since: earlier.since };
    await store.putPost(key, intent);
  }
  let ref: MessageRef | null;
  try {
    ref = await (sending ?? send());
  } catch (error) {
    if (deps.refused(error)) await store.deletePost(key);
    throw error;
  }
  if (ref === null) throw new Error(`the keyed write ${key} was not sent`);
  await store.putPost(key, { ...intent, state: 'sent', channel: ref.channel, ts: ref.ts });
  return ref;
}
