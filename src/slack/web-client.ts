// From the Web API package itself, not through Bolt's `webApi`: the worker role then loads no Bolt (receivers, express).
import webApi, { WebClient, type WebClientOptions } from '@slack/web-api';
import type { Config } from '../config/load-config.js';
import type { Logger, SlackCallMetrics } from '../core/ports.js';
import { toBoltLogger } from './bolt-logger.js';

export type SlackWebClient = WebClient;

// A CommonJS package: Node 22's ESM loader does not find `retryPolicies` among its named exports
// (it is defined through a getter that loader cannot read), so it is taken from the module object.
const { retryPolicies } = webApi;

/** How long one Web API call may take before it is abandoned (the SDK default is forever). */
export const SLACK_CALL_TIMEOUT_MS = 15_000;

/**
 * Who retries a failed call. `outbox`: nobody here. The SDK's own retry loop would send a post
 * again after a timeout although Slack may have accepted it (a message twice), and would wait out
 * a 429 with the call's job blocked; so the writing client has no retries and hands 429s over
 * (rejectRateLimitedCalls), and the outbox (slack-poster.ts) retries what is safe to retry.
 * `sdk`: reads (users.info, user groups), which are safe to repeat, keep the SDK's loop: five
 * retries over about five minutes, honouring Retry-After.
 */
export type SlackRetries = 'outbox' | 'sdk';

/** WebClient options: the configured API base (the stand-in in tests and the demo), a call timeout, who retries, and call counts. */
export function slackClientOptions(
  slack: Config['slack'],
  logger: Logger,
  metrics?: SlackCallMetrics,
  retries: SlackRetries = 'outbox',
): WebClientOptions {
  const slackApiUrl = slack.apiUrl.endsWith('/') ? slack.apiUrl : `${slack.apiUrl}/`;
  return {
    slackApiUrl,
    timeout: SLACK_CALL_TIMEOUT_MS,
    retryConfig: retries === 'sdk' ? retryPolicies.fiveRetriesInFiveMinutes : { retries: 0 },
    rejectRateLimitedCalls: retries === 'outbox',
    logger: toBoltLogger(logger),
    ...(metrics === undefined ? {} : { fetch: countingFetch(slackApiUrl, metrics) }),
  };
}

/**
 * fetch that counts each Web API request by method (the URL's last segment under the API
 * base; `upload` for the file upload URLs Slack hands out) and HTTP status.
 */
export function countingFetch(slackApiUrl: string, metrics: SlackCallMetrics, send: typeof fetch = globalThis.fetch): typeof fetch {
  return async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const method = url.startsWith(slackApiUrl) ? (url.slice(slackApiUrl.length).split(/[?#]/)[0] ?? 'unknown') : 'upload';
    try {
      const response = await send(input, init);
      metrics.called(method, response.status);
      return response;
    } catch (error) {
      metrics.called(method, 'error');
      throw error;
    }
  };
}

/** A bot-token WebClient without a Bolt app (for worker processes). Makes no call until used. */
export function createSlackWebClient(
  slack: Config['slack'],
  logger: Logger,
  metrics?: SlackCallMetrics,
  retries: SlackRetries = 'outbox',
): SlackWebClient {
  return new WebClient(slack.botToken, slackClientOptions(slack, logger, metrics, retries));
}
