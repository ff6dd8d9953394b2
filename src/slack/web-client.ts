import { webApi } from '@slack/bolt';
import type { Config } from '../config/load-config.js';
import type { Logger } from '../core/ports.js';
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
export function slackClientOptions(slack: Config['slack'], logger: Logger): webApi.WebClientOptions {
  return {
    slackApiUrl: slack.apiUrl.endsWith('/') ? slack.apiUrl : `${slack.apiUrl}/`,
    timeout: SLACK_CALL_TIMEOUT_MS,
    retryConfig: webApi.retryPolicies.fiveRetriesInFiveMinutes,
    logger: toBoltLogger(logger),
  };
}

/** A bot-token WebClient without a Bolt app (for worker processes). Makes no call until used. */
export function createSlackWebClient(slack: Config['slack'], logger: Logger): SlackWebClient {
  return new webApi.WebClient(slack.botToken, slackClientOptions(slack, logger));
}
