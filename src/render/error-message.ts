import { BotError, UpstreamError, UsageError, type ErrorCode } from '../core/errors.js';
import type { Message } from '../core/ports.js';
import { context, section } from './blocks.js';
import { codeBlock, escapeMrkdwn } from './mrkdwn.js';

/** Actionable hints for known error codes (the one place errors become user text). */
export const ERROR_HINTS: Readonly<Partial<Record<ErrorCode, string>>> = {
  auth_failed: 'Check the bot’s OpenStack credentials (OS_* settings or clouds.yaml).',
  unauthorized: 'The cloud refused the bot’s token twice; check its OpenStack credentials.',
  quota_exceeded: 'The project is out of quota: delete unused clusters or ask for a quota increase.',
  forbidden: 'The bot’s OpenStack identity may not do this in the project (policy). Ask an OpenStack admin for the role.',
  trust_forbidden:
    'Magnum could not create the trust for the cluster: an application credential created without `--unrestricted` cannot create trusts. Use an unrestricted application credential or password auth.',
  service_not_in_catalog:
    'The cloud’s service catalog has no such endpoint in this region/interface (check OS_REGION_NAME and OS_INTERFACE).',
  upstream_unreachable: 'The API did not answer. If it persists, check the cloud’s status.',
  upstream_unavailable: 'The API is unavailable right now. If it persists, check the cloud’s status.',
  upstream_timeout: 'The API took too long to answer. If it persists, check the cloud’s status.',
  upstream_tls: 'The cloud’s TLS certificate is not trusted: set OS_CACERT to its CA bundle.',
  rate_limited: 'The cloud is rate-limiting the bot; try again in a minute.',
  ambiguous_name: 'Several clusters share that name: use its UUID (see `/kube list`).',
  queue_unavailable: 'The job queue (Redis) is not answering. Nothing was started.',
  not_found: 'Check the name with `/kube list`.',
  kube_unreachable: 'The cluster’s Kubernetes API did not answer (private cluster, or the masters are down).',
  slack_rate_limited: 'Slack is rate-limiting the bot; the message is sent again when Slack allows.',
  ticket_attach_busy: 'Another attach of this thread is running; its ticket reference will appear here.',
};

/**
 * The plain text of any error, for an audit outcome or a log line that a person reads: a
 * BotError's safe message, never the raw text of an unexpected error (it may hold anything).
 */
export function errorText(error: unknown): string {
  if (error instanceof BotError) return error.userMessage;
  return `unexpected error (${error instanceof Error ? error.name : typeof error}); the details are in the bot's log`;
}

/**
 * Turns any error into a short, safe Slack message. Unknown errors show only a correlation id.
 * The `text` fallback is escaped too: Slack shows it in notifications and parses its mrkdwn.
 */
export function renderErrorMessage(error: unknown, correlationId: string, usage?: string): Message {
  if (error instanceof UsageError) {
    const shownUsage = error.usage ?? usage;
    const text = `${escapeMrkdwn(error.userMessage)}${shownUsage ? `\nUsage: ${shownUsage}` : ''}`;
    const blocks = [section(`:warning: ${escapeMrkdwn(error.userMessage)}`)];
    if (shownUsage) blocks.push(section(codeBlock(shownUsage)));
    return { text, blocks };
  }
  if (error instanceof BotError) {
    const hint = ERROR_HINTS[error.code];
    const requestId = error instanceof UpstreamError && error.requestId ? ` · request ${error.requestId}` : '';
    const lines = [`:x: ${escapeMrkdwn(error.userMessage)}`];
    if (hint) lines.push(hint);
    return {
      text: `${escapeMrkdwn(error.userMessage)}${hint ? ` ${hint}` : ''}`,
      blocks: [section(lines.join('\n')), context(`code \`${error.code}\` · ref ${escapeMrkdwn(correlationId)}${escapeMrkdwn(requestId)}`)],
    };
  }
  const text = `Something went wrong on the bot’s side (ref ${correlationId}). The details are in its log.`;
  return { text, blocks: [section(`:x: ${escapeMrkdwn(text)}`)] };
}

/**
 * The direct message a requester gets when the bot could not answer in their channel because it
 * is not a member (Slack answers `not_in_channel`, and the ephemeral fallback fails the same way).
 */
export function renderNotInChannel(channel: string): Message {
  const where = /^[CG][A-Z0-9]+$/.test(channel) ? `<#${channel}>` : escapeMrkdwn(channel);
  const text =
    'I could not answer your /kube command: I am not a member of that channel. Invite me there with /invite @kube-chatops, then run the command again.';
  return {
    text,
    blocks: [
      section(
        `:wave: I could not answer your \`/kube\` command in ${where}: I am not a member of that channel, so Slack refuses my messages there. Invite me with \`/invite @kube-chatops\` in that channel, then run the command again.`,
      ),
    ],
  };
}
