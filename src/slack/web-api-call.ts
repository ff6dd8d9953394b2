import { STATUS_CODES } from 'node:http';
import { stringify } from 'node:querystring';
import { WebAPIHTTPError, WebAPIPlatformError, WebAPIRateLimitedError, WebAPIRequestError, type WebAPICallResult } from '@slack/web-api';
import { request } from 'undici';
import type { Config } from '../config/load-config.js';
import type { Logger, SlackCallMetrics } from '../core/ports.js';
import { SLACK_CALL_TIMEOUT_MS, type SlackWebClient } from './web-client.js';

/** What the outbox needs of a Web API client: one call, answered or thrown as the WebClient would. */
export type WebApiCaller = Pick<SlackWebClient, 'apiCall'>;

/** The WebClient's form body: arguments without a value left out, objects (blocks, metadata) as JSON. */
function formBody(args: Record<string, unknown>): string {
  const fields: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(args)) {
    if (value === undefined || value === null) continue;
    if (Buffer.isBuffer(value))
      throw new TypeError(`${key}: binary arguments are not sent as a form (an upload's bytes go to its upload URL)`);
    fields[key] = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : JSON.stringify(value);
  }
  return stringify(fields);
}

function header(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/** Retry-After in whole seconds, as the WebClient reads it; undefined when absent or not a number. */
function retryAfterSeconds(headers: Record<string, string | string[] | undefined>): number | undefined {
  const seconds = Number.parseInt(header(headers, 'retry-after') ?? '', 10);
  return Number.isNaN(seconds) ? undefined : seconds;
}

/**
 * Web API calls over undici for the outbox, which queues and retries on its own: the WebClient's
 * request (a form body with object arguments as JSON, the bot token as a Bearer header, a 15 s
 * timeout) and its outcomes (the result with its response_metadata; WebAPIPlatformError,
 * WebAPIRateLimitedError as rejectRateLimitedCalls gives it, WebAPIHTTPError, WebAPIRequestError),
 * without its per-call queue, retry wrapper, debug strings of every body (built even when not
 * logged) and fetch Response. Measured: a chat.postMessage costs about half the CPU
 * (bench/request-to-thread.ts, README Performance).
 */
export function createWebApiCaller(slack: Config['slack'], logger: Logger, metrics?: SlackCallMetrics): WebApiCaller {
  const base = slack.apiUrl.endsWith('/') ? slack.apiUrl : `${slack.apiUrl}/`;
  const headers = { authorization: `Bearer ${slack.botToken}`, 'content-type': 'application/x-www-form-urlencoded' };
  const log = logger.child({ component: 'slack-web-api' });
  return {
    async apiCall(method, args = {}) {
      let response: Awaited<ReturnType<typeof request>>;
      let text: string;
      try {
        const signal = AbortSignal.timeout(SLACK_CALL_TIMEOUT_MS);
        response = await request(`${base}${method}`, { method: 'POST', headers, body: formBody(args), signal });
        text = response.statusCode === 429 ? (await response.body.dump(), '') : await response.body.text();
      } catch (error) {
        metrics?.called(method, 'error');
        throw new WebAPIRequestError(error instanceof Error ? error : new Error(String(error)));
      }
      const status = response.statusCode;
      metrics?.called(method, status);
      if (status === 429) {
        const seconds = retryAfterSeconds(response.headers);
        if (seconds === undefined) throw new Error(`Retry header did not contain a valid timeout (url: ${base}${method})`);
        throw new WebAPIRateLimitedError(seconds);
      }
      if (status !== 200) {
        const flat = Object.fromEntries(Object.keys(response.headers).map((name) => [name, header(response.headers, name) ?? '']));
        throw new WebAPIHTTPError(status, STATUS_CODES[status] ?? '', flat, text);
      }
      return resultOf(text, response.headers, method, log);
    },
  };
}

/** The answer as the WebClient builds it: its JSON (or an error holding the text), with response_metadata. */
function resultOf(text: string, headers: Record<string, string | string[] | undefined>, method: string, log: Logger): WebAPICallResult {
  let result: WebAPICallResult;
  try {
    result = JSON.parse(text) as WebAPICallResult;
  } catch {
    result = { ok: false, error: text } as WebAPICallResult;
  }
  const metadata: NonNullable<WebAPICallResult['response_metadata']> = (result.response_metadata ??= {});
  const scopes = header(headers, 'x-oauth-scopes');
  if (scopes !== undefined) metadata.scopes = scopes.trim().split(/\s*,\s*/);
  const accepted = header(headers, 'x-accepted-oauth-scopes');
  if (accepted !== undefined) metadata.acceptedScopes = accepted.trim().split(/\s*,\s*/);
  const retryAfter = retryAfterSeconds(headers);
  if (retryAfter !== undefined) metadata.retryAfter = retryAfter;
  for (const warning of metadata.warnings ?? []) log.warn({ method, warning }, 'Slack warned about a Web API call');
  for (const message of metadata.messages ?? []) log.warn({ method, message }, 'Slack sent a message about a Web API call');
  if (!result.ok) throw new WebAPIPlatformError(result as WebAPICallResult & { error: string });
  return result;
}
