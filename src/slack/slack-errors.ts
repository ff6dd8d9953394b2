import { WebAPIHTTPError, WebAPIPlatformError, WebAPIRateLimitedError } from '@slack/web-api';
import { UpstreamError } from '../core/errors.js';

/** Slack `error` codes where a later retry can succeed. */
const RETRYABLE_PLATFORM_ERRORS = new Set(['ratelimited', 'internal_error', 'fatal_error', 'service_unavailable', 'request_timeout']);

/**
 * Turns a WebClient failure into an UpstreamError (service `slack`) so no @slack type leaves
 * this folder. Platform errors are `slack_refused` with Slack's own code in `upstreamCode`.
 */
export function toSlackError(error: unknown, method: string): UpstreamError {
  if (error instanceof UpstreamError) return error;
  if (error instanceof WebAPIPlatformError) {
    const code = typeof error.data.error === 'string' ? error.data.error : 'unknown_error';
    return new UpstreamError('slack_refused', `Slack refused ${method}: ${code}.`, {
      service: 'slack',
      method,
      upstreamCode: code,
      retryable: RETRYABLE_PLATFORM_ERRORS.has(code),
      cause: error,
    });
  }
  if (error instanceof WebAPIRateLimitedError) {
    return new UpstreamError('slack_rate_limited', `Slack is rate limiting ${method}; retry in ${error.retryAfter}s.`, {
      service: 'slack',
      method,
      status: 429,
      cause: error,
    });
  }
  if (error instanceof WebAPIHTTPError) {
    return new UpstreamError('slack_http_error', `Slack answered ${method} with HTTP ${error.statusCode}.`, {
      service: 'slack',
      method,
      status: error.statusCode,
      cause: error,
    });
  }
  return new UpstreamError('slack_unreachable', `Could not reach Slack for ${method}.`, { service: 'slack', method, cause: error });
}
