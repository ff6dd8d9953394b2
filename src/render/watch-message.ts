import type { Finding } from '../core/finding.js';
import type { Message } from '../core/ports.js';
import { actions, button, context, section } from './blocks.js';
import { TICKET_ACTION_ID, ticketButtonValue } from '../core/requests/ticket-request.js';
import { findingSection } from './diagnosis.js';
import { formatDuration } from './duration.js';
import { code, mentionUser } from './mrkdwn.js';

/** The answer to `/kube watch NAME [off]`. */
export function renderWatchToggled(cluster: string, on: boolean, requester: string, everyMs: number): Message {
  const text = on
    ? `:eyes: Watching ${code(cluster)}: this channel gets one message per incident (checked every ${formatDuration(everyMs)}), updated when it resolves.`
    : `:zzz: Stopped watching ${code(cluster)}.`;
  return {
    text: on ? `Watching ${cluster}` : `Stopped watching ${cluster}`,
    blocks: [section(text), context(`By ${mentionUser(requester)}`)],
  };
}

/** A watched cluster's operation ended (wherever it was started): the follow-up checks go in this message's thread. */
export function renderWatchChange(cluster: string, from: string, to: string): Message {
  return {
    text: `${cluster} went from ${from} to ${to}: follow-up health checks in this thread`,
    blocks: [
      section(
        `:arrows_counterclockwise: ${code(cluster)} went from ${code(from)} to ${code(to)}. Health checks follow in this thread until it is healthy or a finding is posted.`,
      ),
      context('Seen by `/kube watch`; the change may have come from the openstack CLI or the dashboard.'),
    ],
  };
}

/** One incident: a finding that appeared on a watched cluster, with the ticket button when the cluster has a ref. */
export function renderWatchAlert(cluster: string, finding: Finding, ticketRef?: string): Message {
  const blocks = [section(`:rotating_light: Incident on ${code(cluster)}`), section(findingSection(finding))];
  if (ticketRef !== undefined)
    blocks.push(
      actions('watch-actions', [
        button({ actionId: TICKET_ACTION_ID, text: 'Attach to support ticket', value: ticketButtonValue(ticketRef, finding.rule) }),
      ]),
    );
  blocks.push(context(`\`/kube diagnose ${cluster}\` for the full picture`));
  return { text: `${cluster}: ${finding.title}`, blocks };
}

/** The same incident once the finding is gone. */
export function renderWatchResolved(cluster: string, incident: { rule: string; title: string; since: number }, now: number): Message {
  return {
    text: `Resolved on ${cluster}: ${incident.title}`,
    blocks: [
      section(
        `:white_check_mark: Resolved on ${code(cluster)} after ${formatDuration(now - incident.since)}: ~${escapeTitle(incident.title)}~  ${code(incident.rule)}`,
      ),
    ],
  };
}

function escapeTitle(title: string): string {
  return title.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/~/g, '∼');
}
