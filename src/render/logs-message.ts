import type { Message } from '../core/ports.js';
import { context, section } from './blocks.js';
import { code, mentionUser } from './mrkdwn.js';

export interface LogsMessageInput {
  cluster: string;
  namespace: string;
  pod: string;
  container: string | null;
  previous: boolean;
  tail: number;
  lines: number;
  requester: string;
}

/** The root of a `/kube logs` thread; the log itself follows as a snippet. */
export function renderLogsMessage(input: LogsMessageInput): Message {
  const what = `${code(`${input.namespace}/${input.pod}`)}${input.container ? ` container ${code(input.container)}` : ''}`;
  const which = input.previous ? 'previous run' : 'current run';
  const headline = `:page_facing_up: Log of ${what} on ${code(input.cluster)} (${which}, last ${input.tail} lines): ${input.lines} line${input.lines === 1 ? '' : 's'} in the snippet below`;
  return {
    text: `Log of ${input.namespace}/${input.pod} on ${input.cluster}`,
    blocks: [section(headline), context(`Requested by ${mentionUser(input.requester)} · secrets are redacted`)],
  };
}

/** The snippet's file name for a pod log. */
export function logsFilename(namespace: string, pod: string, container: string | null): string {
  return `${[namespace, pod, container]
    .filter((p) => p !== null)
    .join('_')
    .replace(/[^A-Za-z0-9._-]+/g, '-')}.log`;
}
