import type { Message } from '../core/ports.js';
import { context, section } from './blocks.js';
import { code, mentionUser } from './mrkdwn.js';

export interface WorkloadActionInput {
  cluster: string;
  /** e.g. `scaled`, `recreated`, `restarted`. */
  verb: string;
  /** `ns/kind/name` or `ns/pod`. */
  target: string;
  detail: string;
  requester: string;
}

/** The answer to `/kube scale` and `/kube restart`: what was done, by whom. */
export function renderWorkloadActionMessage(input: WorkloadActionInput): Message {
  return {
    text: `${input.target} on ${input.cluster}: ${input.verb}`,
    blocks: [
      section(`:arrows_counterclockwise: ${code(input.target)} on ${code(input.cluster)} ${input.verb}. ${input.detail}`),
      context(`Requested by ${mentionUser(input.requester)}`),
    ],
  };
}
