import { webApi } from '@slack/bolt';
import type { Config } from '../config/load-config.js';
import type { Logger, SlackCallMetrics } from '../core/ports.js';
import { toBoltLogger } from './bolt-logger.js';

export type SlackWebClient = InstanceType<typeof webApi.WebClient>;

/** How long one Web API call may take before it is abandoned (the SDK default is forever). */
export const SLACK_CALL_TIMEOUT_MS = 15_000;

/**
 * WebClient options shared by the Bolt app and the worker's client: the configured API base
 * (the stand-in in tests and the demo), a call timeout, and the SDK's retry loop, which on a
 * 429 pauses the client's queue for `Retry-After` seconds and tries again. Five retries over
 * about five minutes, not the SDK's default thirty, so a job never sits in a retry loop for
 * half an hour holding its lock. `ok: false` platform errors are not retried.
 */
export function slackClientOptions(slack: Config['slack'], logger: Logger, metrics?: SlackCallMetrics): webApi.WebClientOptions {
  const slackApiUrl = slack.apiUrl.endsWith('/') ? slack.apiUrl : `${slack.apiUrl}/`;
  return {
    slackApiUrl,
    timeout: SLACK_CALL_TIMEOUT_MS,
    retryConfig: webApi.retryPolicies.fiveRetriesInFiveMinutes,
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
export function createSlackWebClient(slack: Config['slack'], logger: Logger, metrics?: SlackCallMetrics): SlackWebClient {
  return new webApi.WebClient(slack.botToken, slackClientOptions(slack, logger, metrics));
}
