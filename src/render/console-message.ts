import type { Message } from '../core/ports.js';
import { context, section } from './blocks.js';
import { code, mentionUser } from './mrkdwn.js';

export interface ConsoleMessageInput {
  cluster: string;
  server: string;
  asked: number;
  lines: number;
  requester: string;
}

/** The root of a `/kube console` thread; the log follows as a snippet. */
export function renderConsoleMessage(input: ConsoleMessageInput): Message {
  const headline = `:desktop_computer: Console log of ${code(input.server)} (cluster ${code(input.cluster)}, last ${input.asked} lines, as \`openstack console log show --lines ${input.asked}\` prints it): ${input.lines} line${input.lines === 1 ? '' : 's'} in the snippet below`;
  return {
    text: `Console log of ${input.server} on ${input.cluster}`,
    blocks: [section(headline), context(`Requested by ${mentionUser(input.requester)} · from Nova, no SSH · secrets are redacted`)],
  };
}
