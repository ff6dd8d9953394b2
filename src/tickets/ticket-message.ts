import type { Message } from '../core/ports.js';
import type { TicketRef, TicketSinkName } from './types.js';

/** Escapes Slack's control characters so ticket text cannot ping or fake links. */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Only plain http(s) URLs become links; anything that could break out of `<url|label>` does not. */
export function safeLinkUrl(url: string | undefined): string | undefined {
  return url && /^https?:\/\/[^\s<>|]+$/.test(url) && url.length <= 2000 ? url : undefined;
}

function linked(ref: TicketRef): string {
  const label = escapeSlack(ref.display);
  const url = safeLinkUrl(ref.url);
  return url ? `<${url}|${label}>` : label;
}

/** The thread message after a successful send: which ticket, new or added to. */
export function ticketReferenceMessage(ref: TicketRef, addedToExisting: boolean): Message {
  const text = addedToExisting ? `Added the support bundle to ${linked(ref)}.` : `Opened ${linked(ref)} with the support bundle.`;
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}

const SINK_LABEL: Record<TicketSinkName, string> = { slack: 'Slack', webhook: 'The ticket webhook', zendesk: 'Zendesk' };

/** The thread message when the sink failed: the bundle is in the thread instead. */
export function sinkFailedMessage(sink: TicketSinkName, reason: string): Message {
  const text =
    `:warning: ${SINK_LABEL[sink]} did not take the support bundle (${escapeSlack(reason)}). ` +
    'The bundle is attached to this thread instead, so nothing is lost; try the button again later.';
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}

/** The "Attach to support ticket" button, turned into a link to the ticket (Block Kit element). */
export function ticketLinkButton(ref: TicketRef, actionId = 'ticket-open'): object {
  const label = `Open ${ref.display}`.slice(0, 75);
  const url = safeLinkUrl(ref.url);
  return url
    ? { type: 'button', action_id: actionId, text: { type: 'plain_text', text: label }, url }
    : { type: 'button', action_id: actionId, text: { type: 'plain_text', text: `Attached: ${ref.display}`.slice(0, 75) } };
}
