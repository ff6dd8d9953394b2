import { BotError, UpstreamError } from '../../src/core/errors.js';

// The same phrases the OpenStack client uses to mark a 403 as a quota limit.
const QUOTA = /quota|resource limit exceeded|limit exceeded|over ?quota/i;

function upstream(error: unknown): UpstreamError | undefined {
  if (error instanceof UpstreamError) return error;
  if (error instanceof Error && error.cause instanceof UpstreamError) return error.cause;
  return undefined;
}

/**
 * Known real-world refusals of a Magnum mutation get their own code (and hint in
 * render/error-message.ts): quota exceeded, policy forbidden. Other errors pass through.
 */
export function classifyRefusal(error: unknown, action: string): unknown {
  const up = upstream(error);
  if (!up || up.service !== 'magnum') return error;
  const message = up.upstreamMessage ?? '';
  if (up.code === 'quota_exceeded' || ((up.status === 403 || up.status === 413) && QUOTA.test(message))) {
    return new BotError('quota_exceeded', `Magnum refused to ${action}: ${message || 'quota exceeded'}.`, { cause: error });
  }
  if (up.status === 403) {
    return new BotError('forbidden', `Magnum refused to ${action}: ${message || 'forbidden by policy'}.`, { cause: error });
  }
  return error;
}
