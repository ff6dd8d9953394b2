/**
 * Sends requests to the bot exactly as Slack does: form bodies (`payload=<json>` for
 * interactivity), `X-Slack-Request-Timestamp` and `X-Slack-Signature: v0=HMAC-SHA256(secret,
 * "v0:<ts>:<body>")`. `forge` breaks one thing on purpose for the security tests.
 */
import { createHmac } from 'node:crypto';
import {
  blockActionPayload,
  slashCommandForm,
  viewSubmissionPayload,
  type BlockActionInput,
  type SlashCommandInput,
  type ViewSubmissionInput,
} from './slack-wire-payloads.js';

export type { BlockActionInput, SlashCommandInput, ViewSubmissionInput } from './slack-wire-payloads.js';
export { fakeTriggerIdShape as fakeTriggerId } from './trigger-id.js';

export interface Forgery {
  /** Sign with this secret instead of the real one. */
  secret?: string;
  /** Epoch seconds for the timestamp header (e.g. six minutes ago). */
  timestamp?: number;
  /** Sign the real body, then send what this returns. */
  tamperBody?: (body: string) => string;
}

export interface SignedResponse {
  status: number;
  /** The answer parsed as JSON when it is JSON, else its text ('' for an empty 200). */
  body: unknown;
}

/** `v0=` + hex HMAC-SHA256 over `v0:<timestamp>:<body>`. */
export function slackSignature(signingSecret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

function eventsUrl(botUrl: string): string {
  const url = new URL(botUrl);
  if (url.pathname === '/' || url.pathname === '') url.pathname = '/slack/events';
  return url.toString();
}

/** POSTs a signed form body to the bot (its base URL or its `/slack/events` URL). */
export async function sendSigned(botUrl: string, signingSecret: string, body: string, forge: Forgery = {}): Promise<SignedResponse> {
  const timestamp = forge.timestamp ?? Math.floor(Date.now() / 1000);
  const signature = slackSignature(forge.secret ?? signingSecret, timestamp, body);
  const response = await fetch(eventsUrl(botUrl), {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      'X-Slack-Request-Timestamp': String(timestamp),
      'X-Slack-Signature': signature,
      'User-Agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
    },
    body: forge.tamperBody ? forge.tamperBody(body) : body,
  });
  const text = await response.text();
  let parsed: unknown = text;
  if ((response.headers.get('content-type') ?? '').includes('json') && text !== '') {
    try {
      parsed = JSON.parse(text) as unknown;
    } catch {
      parsed = text;
    }
  }
  return { status: response.status, body: parsed };
}

/** A slash command, form-encoded with every field Slack sends. */
export function sendSlashCommand(
  botUrl: string,
  signingSecret: string,
  command: SlashCommandInput,
  forge?: Forgery,
): Promise<SignedResponse> {
  return sendSigned(botUrl, signingSecret, slashCommandForm(command), forge);
}

/** A button click (block_actions) on a message the bot posted. */
export function sendBlockAction(botUrl: string, signingSecret: string, action: BlockActionInput, forge?: Forgery): Promise<SignedResponse> {
  return sendSigned(botUrl, signingSecret, new URLSearchParams({ payload: JSON.stringify(blockActionPayload(action)) }).toString(), forge);
}

/** A modal submission (view_submission). */
export function sendViewSubmission(
  botUrl: string,
  signingSecret: string,
  submission: ViewSubmissionInput,
  forge?: Forgery,
): Promise<SignedResponse> {
  return sendSigned(
    botUrl,
    signingSecret,
    new URLSearchParams({ payload: JSON.stringify(viewSubmissionPayload(submission)) }).toString(),
    forge,
  );
}
