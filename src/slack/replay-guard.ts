/**
 * Replay protection for signed Slack requests. Bolt checks the signature and that the timestamp
 * is under five minutes old; within those five minutes the same bytes would be accepted again.
 * The guard remembers each accepted signature a little longer than that window, so a second
 * request with the same signature is refused with 401 before any listener sees it.
 */

/** How long a signature is remembered: Slack's five-minute window plus clock skew. */
export const REPLAY_WINDOW_MS = 6 * 60_000;

/** Remembers a signature; true the first time it is seen, in any web process. */
export interface ReplayGuard {
  firstSeen(signature: string, ttlMs: number): Promise<boolean>;
}

export class ReplayedRequestError extends Error {
  readonly code = 'slack_replayed_request';

  constructor() {
    super('replayed Slack request: its signature was already used');
    this.name = 'ReplayedRequestError';
  }
}

/** The ReplayedRequestError in an error as Bolt hands it on (it may wrap it as `original`). */
export function isReplayed(error: unknown): boolean {
  if (error instanceof ReplayedRequestError) return true;
  const original = typeof error === 'object' && error !== null ? (error as { original?: unknown }).original : undefined;
  return original instanceof ReplayedRequestError;
}

/** The `x-slack-signature` header's value, if it has the v0 shape. */
export function signatureOf(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  return value !== undefined && /^v0=[0-9a-f]{64}$/.test(value) ? value : undefined;
}
