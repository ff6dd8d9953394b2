import type { Message } from '../core/ports.js';
import { context, section } from './blocks.js';
import { code, codeBlock, mentionUser } from './mrkdwn.js';

/** Tables up to this many characters go inline; longer ones become a snippet. */
export const INLINE_TABLE_CHARS = 2800;

export interface PodsMessageInput {
  cluster: string;
  namespace: string | null;
  problemsOnly: boolean;
  total: number;
  problems: number;
  /** The `kubectl get pods -A -o wide` text. */
  table: string;
  requester: string;
}

/** Whether the table is too long for a message and goes to a snippet instead. */
export function podsTableIsLong(table: string): boolean {
  return table.length > INLINE_TABLE_CHARS;
}

/** The `/kube pods` answer: counts, and the table inline when short (else "see the snippet"). */
export function renderPodsMessage(input: PodsMessageInput): Message {
  const scope = input.namespace ? `namespace ${code(input.namespace)}` : 'all namespaces';
  const emoji = input.problems > 0 ? ':warning:' : ':large_green_circle:';
  const headline = `${emoji} Pods of ${code(input.cluster)} (${scope}): ${input.total} pod${input.total === 1 ? '' : 's'}, ${input.problems} need${input.problems === 1 ? 's' : ''} attention${input.problemsOnly ? ' (showing only those)' : ''}`;
  const blocks = [section(headline)];
  if (!podsTableIsLong(input.table)) blocks.push(section(codeBlock(input.table.replace(/\n$/, ''))));
  else blocks.push(context('The table is long: it is attached as a snippet in this thread.'));
  blocks.push(context(`Requested by ${mentionUser(input.requester)} · \`kubectl get pods -A -o wide\`, problems first`));
  return { text: `Pods of ${input.cluster}: ${input.total} pods, ${input.problems} need attention`, blocks };
}
