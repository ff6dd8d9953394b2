import type { Message } from '../core/ports.js';
import { actions, button, context, fields, section } from './blocks.js';
import { formatDuration } from './duration.js';
import { code, mentionUser } from './mrkdwn.js';
import { RESIZE_ACTIONS } from '../core/requests/resize-request.js';

export interface ResizePreviewInput {
  cluster: string;
  uuid: string;
  nodegroup: string;
  /** Nodes in the group now. */
  from: number;
  to: number;
  user: string;
  cloud: string;
  token: string;
  expiresInMs: number;
}

/** The preview of a resize that removes nodes: the exact target and count; Confirm and Cancel share one single-use token. */
export function renderResizePreview(input: ResizePreviewInput): Message {
  const removed = input.from - input.to;
  const nodes = (n: number) => `${n} ${n === 1 ? 'node' : 'nodes'}`;
  return {
    text: `Shrink ${input.cluster} from ${nodes(input.from)} to ${input.to}? Waiting for confirmation from ${input.user}.`,
    blocks: [
      section(
        `:warning: ${mentionUser(input.user)} asked to resize ${code(input.nodegroup)} of ${code(input.cluster)} from ${input.from} to ${input.to}: ` +
          `*${nodes(removed)} will be removed* and the pods on them evicted.`,
      ),
      fields([
        ['Cluster', `${code(input.cluster)} (${code(input.uuid)})`],
        ['Cloud', code(input.cloud)],
        ['Nodegroup', code(input.nodegroup)],
        ['Nodes', `${input.from} → ${input.to} (${removed} removed)`],
      ]),
      context(
        'Magnum picks which nodes go (the request names none). Their pods are evicted and rescheduled on the remaining nodes where they fit; data in emptyDir volumes is lost.',
      ),
      actions('lifecycle-resize', [
        button({ actionId: RESIZE_ACTIONS.confirm, text: `Remove ${nodes(removed)}`, value: input.token, style: 'danger' }),
        button({ actionId: RESIZE_ACTIONS.cancel, text: 'Cancel', value: input.token }),
      ]),
      context(
        `Only ${mentionUser(input.user)} or an admin can confirm; the button expires in ${formatDuration(input.expiresInMs)}. Growing a nodegroup needs no confirmation.`,
      ),
    ],
  };
}
