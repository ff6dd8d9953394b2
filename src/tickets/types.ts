/** The ticket vocabulary shared by the bundle, the sinks and the attach orchestration. */

export const TICKET_SINK_NAMES = ['slack', 'webhook', 'zendesk'] as const;
export type TicketSinkName = (typeof TICKET_SINK_NAMES)[number];

/** One step of the thread's job history: who asked for what, when, and how it ended. */
export interface HistoryEntry {
  /** ISO 8601 time. */
  at: string;
  /** Slack user id (or name) who asked. */
  actor: string;
  action: string;
  /** e.g. `approved`, `auto`, `denied`. */
  decision: string;
  outcome?: string;
}

/** The redacted support bundle, ready for any sink. */
export interface TicketBundle {
  /** One line: the ticket subject. */
  title: string;
  /** The readable document, sections with headings. */
  text: string;
  /** The same content as a JSON object. */
  json: Record<string, unknown>;
  /** File name for the text form, e.g. `kube-chatops-bundle-demo3-k8s-20261121T130000Z.txt`. */
  filename: string;
}

/** Where a bundle went: shown in the thread, stored per thread so a second attach reuses it. */
export interface TicketRef {
  sink: TicketSinkName;
  id: string;
  url?: string;
  /** Short human label, e.g. `Zendesk #35436`. */
  display: string;
}

export interface SinkContext {
  /** Stable key of the Slack thread (see `ticketThreadKey`); the idempotency key of every sink. */
  threadKey: string;
  channel: string;
  threadTs: string;
  /** The ticket this thread already has: add to it instead of opening a new one. */
  existingTicket?: TicketRef;
}

/** A destination for bundles. `send` is safe to retry: it never opens two tickets for one thread. */
export interface TicketSink {
  readonly name: TicketSinkName;
  send(bundle: TicketBundle, ctx: SinkContext): Promise<TicketRef>;
}

/** What a store keeps per thread: the ticket, and which bundle content it last received. */
export interface StoredTicket {
  ref: TicketRef;
  /** `bundleDigest` of the last bundle sent; the same content is not sent twice. */
  bundleDigest: string;
  /** What the last bundle was asked from (the clicked message): a second ask from it is a duplicate, whatever the content. */
  sourceKey?: string | undefined;
  /** Epoch milliseconds of the last send. */
  at: number;
}

/** Remembers the ticket of each thread and serializes attaches per thread (Redis in production). */
export interface TicketStore {
  get(threadKey: string): Promise<StoredTicket | null>;
  set(threadKey: string, value: StoredTicket): Promise<void>;
  /**
   * Takes the per-thread attach lock for `owner` (the attaching job's id); true again for the
   * same owner (a retry of that job, or a renewal, which extends it); false while another holds it.
   */
  tryLock(threadKey: string, ttlMs: number, owner: string): Promise<boolean>;
  /** Releases the lock if `owner` holds it. */
  unlock(threadKey: string, owner: string): Promise<void>;
}

/** The key of a Slack thread for stores and idempotency headers (no secrets, no `:`). */
export function ticketThreadKey(channel: string, threadTs: string): string {
  return `slack-${channel}-${threadTs}`;
}
