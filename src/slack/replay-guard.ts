/**
 * Replay protection for signed Slack requests. Bolt checks the signature and that the timestamp
 * is under five minutes old; within those five minutes the same bytes would be accepted again.
 * The guard remembers each accepted signature a little longer than that window, so a second
 * request with the same signature is refused with 401 before any listener sees it.
 *
 * When its memory is newer than a request (Redis restarted without persistence within the last
 * five minutes), it cannot tell a replay from a first request: such a request is refused too
 * (401; Slack's user sees the command fail and runs it again). When the guard cannot answer at
 * all (Redis down, or no answer within REPLAY_GUARD_DEADLINE_MS), button clicks and form submissions are refused (503: they act on the
 * cloud), while slash commands go through: a command only enqueues a job, which needs that same
 * Redis, and its job id makes a replayed one a no-op.
 */
import type { ClaimResult } from '../core/confirmation.js';

/** How long a signature is remembered: Slack's five-minute window plus clock skew. */
export const REPLAY_WINDOW_MS = 6 * 60_000;

/**
 * How long the guard may take before it counts as unable to answer. The guard runs before the
 * ack, and Slack gives a request 3 seconds: a Redis in the middle of a failover (or a slow one)
 * must not hold the ack past them, or Bolt answers 404 and the command is neither run nor refused.
 */
export const REPLAY_GUARD_DEADLINE_MS = 1_000;

/** Remembers a signature: `first` the first time it is seen, in any web process (see ClaimResult). */
export interface ReplayGuard {
  firstSeen(signature: string, ttlMs: number, signedAtMs?: number): Promise<ClaimResult>;
}

/** Refused because the guard could not answer (a button click or form while Redis is down). */
export class ReplayGuardUnavailableError extends Error {
  readonly code = 'slack_replay_guard_unavailable';

  constructor() {
    super('the replay guard cannot answer; interactive request refused');
    this.name = 'ReplayGuardUnavailableError';
  }
}

/** The HTTP status to answer a request the guard refused with, or undefined for any other error. */
export function guardRefusalStatus(error: unknown): 401 | 503 | undefined {
  const original = typeof error === 'object' && error !== null ? (error as { original?: unknown }).original : undefined;
  for (const e of [error, original]) {
    if (e instanceof ReplayedRequestError) return 401;
    if (e instanceof ReplayGuardUnavailableError) return 503;
  }
  return undefined;
}

/**
 * The `x-slack-request-timestamp` header in epoch ms, if it is a number of seconds: the last
 * millisecond of that second, as Slack's whole seconds cannot say which part of it was meant.
 */
export function signedAtOf(header: string | string[] | undefined): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  return value !== undefined && /^\d{1,12}$/.test(value) ? Number(value) * 1000 + 999 : undefined;
}

export class ReplayedRequestError extends Error {
  readonly code = 'slack_replayed_request';

  constructor() {
    super('replayed Slack request: its signature was already used');
    this.name = 'ReplayedRequestError';
  }
}

/** The `x-slack-signature` header's value, if it has the v0 shape. */
export function signatureOf(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  return value !== undefined && /^v0=[0-9a-f]{64}$/.test(value) ? value : undefined;
}
