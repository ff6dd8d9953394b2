import type { KEvent } from '../core/kube-state.js';
import type { Message } from '../core/ports.js';
import { context, section } from './blocks.js';
import { formatDuration } from './duration.js';
import { code, codeBlock, escapeMrkdwn, mentionUser } from './mrkdwn.js';

export interface EventsMessageInput {
  cluster: string;
  namespace: string | null;
  /** Warning events, newest first. */
  events: readonly KEvent[];
  now: number;
  requester: string;
  /** Events shown inline; the rest are in the snippet. */
  inline?: number;
}

const DEFAULT_INLINE = 15;

function seen(e: KEvent): number {
  return e.lastSeen ?? e.firstSeen ?? 0;
}

/** Warning events only, newest first. */
export function recentWarnings(events: readonly KEvent[], namespace: string | null): KEvent[] {
  return events
    .filter((e) => e.type === 'Warning' && (namespace === null || (e.involvedNamespace ?? e.namespace) === namespace))
    .sort((a, b) => seen(b) - seen(a));
}

/** One event as `kubectl get events` prints it: LAST SEEN, TYPE, REASON, OBJECT, MESSAGE. */
export function eventLine(e: KEvent, now: number): string {
  const age = seen(e) > 0 ? formatDuration(now - seen(e)) : '-';
  const ns = e.involvedNamespace ?? e.namespace;
  const count = e.count > 1 ? ` (x${e.count})` : '';
  return `${age} ago  ${ns}/${e.involvedKind.toLowerCase()}/${e.involvedName}  ${e.reason}${count}: ${e.message}`;
}

/** The events as plain text for the snippet. */
export function renderEventsText(events: readonly KEvent[], now: number): string {
  return events.map((e) => eventLine(e, now)).join('\n') + '\n';
}

/** The `/kube events` answer: newest warnings inline, escaped; the full list as a snippet when long. */
export function renderEventsMessage(input: EventsMessageInput): Message {
  const scope = input.namespace ? `namespace ${code(input.namespace)}` : 'all namespaces';
  const n = input.events.length;
  if (n === 0) {
    return {
      text: `No warning events on ${input.cluster}`,
      blocks: [section(`:large_green_circle: No recent warning events on ${code(input.cluster)} (${scope}).`)],
    };
  }
  const inline = input.events.slice(0, input.inline ?? DEFAULT_INLINE);
  const blocks = [
    section(`:warning: ${n} warning event${n === 1 ? '' : 's'} on ${code(input.cluster)} (${scope}), newest first`),
    section(codeBlock(inline.map((e) => eventLine(e, input.now)).join('\n'))),
  ];
  if (n > inline.length) blocks.push(context(`… ${n - inline.length} more in the snippet below.`));
  blocks.push(context(`Requested by ${mentionUser(input.requester)}`));
  return { text: `${n} warning events on ${escapeMrkdwn(input.cluster)}`, blocks };
}
