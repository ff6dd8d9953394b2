import { isBotError } from '../../core/errors.js';
import { TicketUpstreamError } from './http.js';

export interface RetryOptions {
  /** Total tries, the first one included. */
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Injected so tests do not wait; the default really sleeps. */
  sleep: (ms: number) => Promise<void>;
  /** 0..1; injected for deterministic tests. */
  random: () => number;
}

export const DEFAULT_RETRY: RetryOptions = {
  attempts: 4,
  baseDelayMs: 500,
  maxDelayMs: 15_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
};

/**
 * Runs `fn` until it succeeds, a non-retryable error comes back, or the attempts run out.
 * Backoff is exponential with jitter (half to full step); a server's Retry-After wins when it gives one
 * (capped, so a job never parks for long inside a worker slot; the queue retries later).
 */
export async function withRetry<T>(fn: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (error) {
      const retryable = isBotError(error) && error.retryable;
      if (!retryable || attempt >= options.attempts) throw error;
      const backoff = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
      const hinted = error instanceof TicketUpstreamError ? error.retryAfterMs : undefined;
      const delay = hinted !== undefined ? Math.min(hinted, options.maxDelayMs) : Math.round(backoff * (0.5 + options.random() / 2));
      await options.sleep(delay);
    }
  }
}
