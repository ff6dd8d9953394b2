import { SCALE_ACTIONS, SCALE_JOB, ScaleConfirmation, scaleTarget } from '../src/core/requests/scale-request.js';
import { mentionUser } from '../src/render/mrkdwn.js';
import { defineConfirmation } from './confirm-click.js';

/** Confirm of a scale to 0: the scale job again, marked confirmed, with the confirmation as job id. */
export const scaleActions = defineConfirmation({
  job: SCALE_JOB,
  params: ScaleConfirmation,
  cancel: SCALE_ACTIONS.cancel,
  cancelLinksJob: true,
  confirms: {
    [SCALE_ACTIONS.confirm]: (w, ctx) => ({
      data: { ...w, replicas: 0, confirmed: true },
      threadTs: ctx.request.threadTs ?? ctx.request.messageTs,
      outcome: 'replicas 0',
      decision: `:white_check_mark: Confirmed by ${mentionUser(ctx.request.userId)}: scaling to 0.`,
    }),
  },
  describe: (w) => ({
    target: scaleTarget(w),
    summary: `Scale ${w.namespace}/${w.kind.toLowerCase()}/${w.name} on ${w.cluster} to 0 replicas`,
  }),
});
