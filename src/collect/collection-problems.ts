import { BotError, NotFoundError, PermissionError, UpstreamError } from '../core/errors.js';
import type { CollectionProblem } from '../core/snapshot.js';

type Source = CollectionProblem['source'];

/** The stable problem code for an error: from its class, code and HTTP status, never its text. */
export function problemCode(error: unknown): string {
  if (error instanceof BotError && error.code === 'timeout') return 'timeout';
  if (error instanceof NotFoundError) return 'not_found';
  if (error instanceof PermissionError) return 'forbidden';
  if (error instanceof UpstreamError) {
    if (error.status === undefined) return 'unreachable';
    if (error.status === 401 || error.status === 403) return 'forbidden';
    if (error.status === 404) return 'not_found';
  }
  return 'error';
}

/** A CollectionProblem for a part that failed; the message is the user-safe one. */
export function toProblem(source: Source, what: string, error: unknown): CollectionProblem {
  const message = error instanceof BotError ? error.userMessage : error instanceof Error ? error.name : 'unknown error';
  return { source, code: problemCode(error), what, message };
}
