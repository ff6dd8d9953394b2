import { randomUUID } from 'node:crypto';
import { isBotError } from '../core/errors.js';
import type { Logger, Message } from '../core/ports.js';
import { renderErrorMessage } from '../render/error-message.js';

/**
 * Logs a failure of a command or action and returns what the user should see, made by the one
 * error renderer: the BotError's safe message with its hint, or a generic text with a
 * correlation id that is in the log.
 */
export function userFacingError(error: unknown, logger: Logger, context: object): Message {
  const correlationId = randomUUID().slice(0, 8);
  if (isBotError(error)) logger.warn({ ...context, err: error, code: error.code, correlationId }, 'request failed');
  else logger.error({ ...context, err: error, correlationId }, 'request failed unexpectedly');
  return renderErrorMessage(error, correlationId);
}
