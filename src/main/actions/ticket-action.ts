import type { ActionRequest, Reply } from '../../core/slack-request.js';
import { jobIdFor } from '../../../commands/enqueue.js';
import type { ActionDeps } from './redeem.js';

export type TicketActionDeps = Pick<ActionDeps, 'queue' | 'access' | 'logger'>;

/**
 * The "Attach to support ticket" button (action id `ticket-attach`, value = cluster uuid or
 * kubeconfig name, with `watch RULE` after it on a watch incident):
 * enqueues the ticket-attach job for the button's thread. One job per click (the trigger id),
 * so a Slack retry of the same click enqueues once; the ticket module's per-thread lock and
 * stored ticket keep two clicks from opening two tickets.
 */
export async function handleTicketAction(request: ActionRequest, deps: TicketActionDeps, reply: Reply): Promise<void> {
  const log = deps.logger.child({ actionId: request.actionId, user: request.userId, channel: request.channelId });
  try {
    const decision = await deps.access.authorize({ userId: request.userId, channelId: request.channelId }, 'viewer', 'ticket-attach');
    if (!decision.allowed) {
      await reply({ text: decision.message });
      return;
    }
    // `REF`, or `REF watch RULE` on a watch incident (see renderWatchAlert).
    const match = /^([A-Za-z0-9][A-Za-z0-9_.-]{0,254})(?: watch ([a-z0-9][a-z0-9-]{0,63}))?$/.exec(request.value.trim());
    if (!match) {
      await reply({ text: 'This button is not valid.' });
      return;
    }
    const [, cluster = '', watchRule] = match;
    const threadTs = request.threadTs ?? request.messageTs;
    const data = {
      cloud: deps.access.cloudFor(request.channelId),
      teamId: request.teamId,
      channel: request.channelId,
      user: request.userId,
      threadTs,
      messageTs: request.messageTs,
      cluster,
      ...(watchRule === undefined ? {} : { watchRule }),
    };
    const jobId = jobIdFor('ticket-attach', request.channelId, threadTs, request.triggerId);
    const { created } = await deps.queue.enqueue('ticket-attach', data, { jobId });
    log.info({ jobId, created }, 'ticket attach enqueued');
    await reply({ text: ':hourglass_flowing_sand: Building the support bundle; the ticket reference will appear in this thread.' });
  } catch (error) {
    log.error({ err: error }, 'ticket action failed');
    await reply({ text: 'Could not start the support bundle: nothing was sent. Try again in a minute.' });
  }
}
