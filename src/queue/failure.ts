import { UnrecoverableError } from 'bullmq';
import { isBotError } from '../core/errors.js';

/**
 * The error to hand BullMQ for what a processor threw: a BotError that says a retry cannot
 * help becomes UnrecoverableError (no more attempts), keeping the original as `cause`;
 * everything else is retried under the job's attempts and backoff.
 */
export function toWorkerError(thrown: unknown): Error {
  if (isBotError(thrown) && !thrown.retryable) {
    const error = new UnrecoverableError(`${thrown.code}: ${thrown.message}`);
    error.cause = thrown;
    return error;
  }
  if (thrown instanceof Error) return thrown;
  return new Error(`non-error thrown: ${String(thrown)}`);
}

/** The error as the processor threw it (undoes `toWorkerError`). */
export function originalError(error: Error): unknown {
  return isUnrecoverable(error) && error.cause !== undefined ? error.cause : error;
}

export function isUnrecoverable(error: Error): boolean {
  return error instanceof UnrecoverableError || error.name === 'UnrecoverableError';
}

/** Whether BullMQ has failed the job for good (mirrors `Job.shouldRetryJob`). */
export function isFinalFailure(attemptsMadeAfterFailure: number, totalAttempts: number, error: Error): boolean {
  return isUnrecoverable(error) || attemptsMadeAfterFailure >= totalAttempts;
}

/** Log metadata for an error: its message, and its code when it is a BotError. */
export function errorFields(error: unknown): { err: string; code?: string } {
  const err = error instanceof Error ? error.message : String(error);
  return isBotError(error) ? { err, code: error.code } : { err };
}
