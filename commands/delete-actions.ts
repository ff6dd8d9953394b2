import {
  DELETE_ACTIONS,
  DELETE_JOB,
  DeleteConfirmation,
  LOADBALANCERS_ACTIONS,
  LOADBALANCERS_DELETE_JOB,
  LoadBalancersConfirmation,
} from '../src/core/requests/delete-request.js';
import { mentionUser } from '../src/render/mrkdwn.js';
import { defineConfirmation } from './confirm-click.js';

/** The delete preview's Confirm and Cancel: the delete of the previewed UUID, in the preview's thread. */
const deleteConfirmation = defineConfirmation({
  job: DELETE_JOB,
  params: DeleteConfirmation,
  cancel: DELETE_ACTIONS.cancel,
  confirms: {
    [DELETE_ACTIONS.confirm]: ({ cluster, uuid }, ctx) => ({
      data: { cluster, uuid },
      threadTs: ctx.request.threadTs ?? ctx.request.messageTs,
      outcome: `uuid ${uuid}`,
      decision: `:white_check_mark: Confirmed by ${mentionUser(ctx.request.userId)}: deleting, progress in this thread.`,
    }),
  },
  describe: ({ cluster, uuid }) => ({ target: cluster, summary: `Delete ${cluster} (${uuid})` }),
});

/** A failed delete's fix: delete the load balancers Magnum left on the cluster's subnet, then retry the delete. */
const loadBalancersConfirmation = defineConfirmation({
  job: LOADBALANCERS_DELETE_JOB,
  params: LoadBalancersConfirmation,
  cancel: LOADBALANCERS_ACTIONS.cancel,
  confirms: {
    [LOADBALANCERS_ACTIONS.confirm]: ({ cluster, uuid, loadBalancerIds, threadTs }, ctx) => ({
      data: { cluster, uuid, loadBalancerIds },
      threadTs,
      outcome: loadBalancerIds.join(', '),
      decision: `:white_check_mark: Confirmed by ${mentionUser(ctx.request.userId)}.`,
    }),
  },
  describe: ({ cluster, loadBalancerIds: ids }) => ({
    target: cluster,
    summary: `Delete load balancer${ids.length === 1 ? '' : 's'} ${ids.join(', ')} of ${cluster}, then retry the cluster delete.`,
  }),
});

/** Every button of `/kube delete`. */
export const deleteActions = [...deleteConfirmation, ...loadBalancersConfirmation];
