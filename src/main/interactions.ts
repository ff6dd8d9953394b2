import type { ActionRequest, InteractionHandler, Reply, ViewSubmission } from '../core/slack-request.js';
import { CREATE_MODAL_CALLBACK } from '../render/create-modal.js';
import { submitCreateForm } from './actions/create-submission.js';
import { LIFECYCLE_ACTIONS } from './actions/lifecycle-actions.js';
import { handleRemedyAction } from './actions/remedy-action.js';
import { RESIZE_ACTIONS } from './actions/resize-actions.js';
import { SCALE_ACTIONS } from './actions/scale-actions.js';
import { handleTicketAction } from './actions/ticket-action.js';
import { TICKET_ACTION_ID } from '../render/cluster-summary.js';
import { REMEDY_ACTION_PREFIX } from '../render/diagnosis.js';
import type { ActionDeps } from './actions/redeem.js';

export type InteractionDeps = ActionDeps;

type ActionHandler = (request: ActionRequest, deps: InteractionDeps, reply: Reply) => Promise<void>;

/** Every Confirm/Cancel button: create, delete, load balancer cleanup, shrinking resize, scale to 0. */
const CONFIRM_ACTIONS: Readonly<Record<string, ActionHandler>> = { ...LIFECYCLE_ACTIONS, ...RESIZE_ACTIONS, ...SCALE_ACTIONS };

/** The handler of a button: the ticket button, a diagnosis remedy, or a confirmation. */
function handlerFor(actionId: string): ActionHandler | undefined {
  if (actionId === TICKET_ACTION_ID) return handleTicketAction;
  if (actionId.startsWith(REMEDY_ACTION_PREFIX)) return handleRemedyAction;
  return Object.hasOwn(CONFIRM_ACTIONS, actionId) ? CONFIRM_ACTIONS[actionId] : undefined;
}

/** Routes button clicks and modal submissions by action id / callback id. */
export function createInteractionRouter(deps: InteractionDeps): InteractionHandler {
  return {
    async onAction(request: ActionRequest, reply: Reply): Promise<void> {
      const log = deps.logger.child({ actionId: request.actionId, user: request.userId, channel: request.channelId });
      const handler = handlerFor(request.actionId);
      if (!handler) {
        log.info({}, 'action not handled here');
        await reply({
          text: 'This button is no longer handled (the message may come from an older version of the bot). Run the command again.',
        });
        return;
      }
      try {
        await handler(request, deps, reply);
      } catch (error) {
        log.error({ err: error }, 'action failed');
        await reply({ text: 'That did not work: nothing was started. Try again in a minute.' });
      }
    },
    async onViewSubmission(submission: ViewSubmission): Promise<Record<string, string> | null> {
      if (submission.callbackId === CREATE_MODAL_CALLBACK) return submitCreateForm(submission, deps);
      deps.logger.info({ callbackId: submission.callbackId }, 'view submission not handled here');
      return null;
    },
  };
}
