import { RESIZE_ACTIONS, RESIZE_JOB, ResizeConfirmation } from '../src/core/requests/resize-request.js';
import { mentionUser } from '../src/render/mrkdwn.js';
import { defineConfirmation } from './confirm-click.js';

/**
 * Confirm of a shrinking resize: the resize job again, pinned to the previewed UUID and node
 * count (it refuses if more nodes would go than were shown), with the confirmation as job id.
 */
export const resizeActions = defineConfirmation({
  job: RESIZE_JOB,
  params: ResizeConfirmation,
  cancel: RESIZE_ACTIONS.cancel,
  cancelLinksJob: true,
  confirms: {
    [RESIZE_ACTIONS.confirm]: (p, ctx) => ({
      data: {
        cluster: p.cluster,
        uuid: p.uuid,
        nodes: p.nodes,
        confirmedFrom: p.from,
        ...(p.nodegroup === undefined ? {} : { nodegroup: p.nodegroup }),
      },
      threadTs: p.threadTs,
      outcome: `${p.group} from ${p.from} to ${p.nodes} nodes`,
      decision: `:white_check_mark: Confirmed by ${mentionUser(ctx.request.userId)}: resizing, progress in this thread.`,
    }),
  },
  describe: (p) => ({ target: p.cluster, summary: `Resize ${p.group} of ${p.cluster} from ${p.from} to ${p.nodes} nodes` }),
});
